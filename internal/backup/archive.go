package backup

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// source is a file on disk that becomes one archive entry.
type source struct {
	File        // name in the archive, expected size and checksum
	path string // where it is now
}

// maxManifest bounds how much JSON a restore reads before trusting anything.
// A manifest line per file is about 150 bytes, so this allows ~400,000 files.
const maxManifest = 64 << 20

// archiveLevel is the gzip level. Images and videos are already compressed,
// so most of the bytes gain little from harder work. Measured on the demo
// database: 4.5 times smaller at this level, 5.6 at the default level, which
// took five times as long.
const archiveLevel = gzip.BestSpeed

// writeArchive writes manifest and sources to file through a temporary file
// in the same folder, synced and then renamed, so file is either the old one
// or the complete new one. Without force an existing file is never replaced,
// even one created while the backup ran.
func writeArchive(file string, force bool, m Manifest, sources []source) (err error) {
	dir := filepath.Dir(file)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(file)+".*.tmp")
	if err != nil {
		return fmt.Errorf("backup: create the archive: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	gz, err := gzip.NewWriterLevel(tmp, archiveLevel)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := writeEntry(tw, ManifestName, int64(len(manifest)), m, bytes.NewReader(manifest)); err != nil {
		return err
	}
	for _, s := range sources {
		if err := copyEntry(tw, m, s); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := place(tmp.Name(), file, force); err != nil {
		return err
	}
	return syncDir(dir)
}

// place moves the finished temporary file to its name. A hard link refuses
// an existing name atomically; where links are not supported, a check and a
// rename do nearly as well.
func place(tmp, file string, force bool) error {
	if force {
		return os.Rename(tmp, file)
	}
	err := os.Link(tmp, file)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("backup: %s already exists (pass --force to replace it)", file)
	}
	if err == nil {
		return os.Remove(tmp)
	}
	if _, serr := os.Lstat(file); serr == nil {
		return fmt.Errorf("backup: %s already exists (pass --force to replace it)", file)
	}
	return os.Rename(tmp, file)
}

func writeEntry(tw *tar.Writer, name string, size int64, m Manifest, r io.Reader) error {
	hdr := &tar.Header{Name: name, Mode: 0o640, Size: size, ModTime: m.CreatedAt, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	if _, err := io.CopyN(tw, r, size); err != nil {
		if err == io.EOF {
			return errors.New("it is shorter than recorded")
		}
		return err
	}
	return nil
}

// copyEntry copies one file into the archive and checks on the way that it
// has the size and checksum the manifest already promised: a file that does
// not is damaged on disk, and the backup stops rather than keep it.
func copyEntry(tw *tar.Writer, m Manifest, s source) error {
	f, err := os.Open(s.path)
	if err != nil {
		return fmt.Errorf("backup: %s: %w", s.Name, err)
	}
	defer f.Close()
	h := sha256.New()
	if err := writeEntry(tw, s.Name, s.Size, m, io.TeeReader(f, h)); err != nil {
		return fmt.Errorf("backup: %s (%d bytes recorded): %w", s.Name, s.Size, err)
	}
	if n, _ := f.Read(make([]byte, 1)); n != 0 {
		return fmt.Errorf("backup: %s is larger than the %d bytes recorded", s.Name, s.Size)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != s.SHA256 {
		return fmt.Errorf("backup: %s does not match its recorded checksum: the file in the data folder is damaged", s.Name)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// archive reads a backup: the manifest first, then every entry, each checked
// against it.
type archive struct {
	file     string
	f        *os.File
	gz       *gzip.Reader
	tr       *tar.Reader
	manifest Manifest
}

// damaged wraps a problem with the archive's contents in one clear sentence.
func (a *archive) damaged(err error) error {
	return fmt.Errorf("backup: %s is damaged or incomplete: %w; nothing was restored", a.file, err)
}

// openArchive opens file and reads and checks its manifest.
func openArchive(file string) (*archive, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	a := &archive{file: file, f: f}
	if a.gz, err = gzip.NewReader(f); err != nil {
		f.Close()
		return nil, a.damaged(fmt.Errorf("not a gzip file (%v)", err))
	}
	a.tr = tar.NewReader(a.gz)
	hdr, err := a.tr.Next()
	if err != nil {
		a.Close()
		return nil, a.damaged(err)
	}
	if hdr.Name != ManifestName || hdr.Typeflag != tar.TypeReg || hdr.Size > maxManifest {
		a.Close()
		return nil, a.damaged(errors.New("its first entry is not a Dateline manifest"))
	}
	data, err := io.ReadAll(a.tr)
	if err == nil {
		err = json.Unmarshal(data, &a.manifest)
	}
	if err == nil {
		err = a.manifest.check()
	}
	if err != nil {
		a.Close()
		return nil, a.damaged(err)
	}
	return a, nil
}

func (a *archive) Close() error {
	if a.gz != nil {
		a.gz.Close()
	}
	return a.f.Close()
}

// extract writes every entry after the manifest under dir, which must be
// empty, checking each against the manifest: no entry it does not list, none
// twice, none missing, each of the size and checksum it gives. It then reads
// the gzip stream to its end, whose checksum catches damage the entries
// alone would not.
func (a *archive) extract(dir string) error {
	want := map[string]File{}
	for _, f := range a.manifest.Files {
		want[f.Name] = f
	}
	seen := map[string]bool{}
	for {
		hdr, err := a.tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return a.damaged(err)
		}
		f, ok := want[hdr.Name]
		switch {
		case !ok:
			return a.damaged(fmt.Errorf("it holds %q, which its manifest does not list", hdr.Name))
		case seen[hdr.Name]:
			return a.damaged(fmt.Errorf("it holds %s twice", hdr.Name))
		case hdr.Typeflag != tar.TypeReg:
			return a.damaged(fmt.Errorf("%s is not a regular file", hdr.Name))
		case hdr.Size != f.Size:
			return a.damaged(fmt.Errorf("%s has %d bytes where the manifest says %d", hdr.Name, hdr.Size, f.Size))
		}
		seen[hdr.Name] = true
		if err := a.extractEntry(dir, f); err != nil {
			return err
		}
	}
	for _, f := range a.manifest.Files {
		if !seen[f.Name] {
			return a.damaged(fmt.Errorf("%s is missing", f.Name))
		}
	}
	if _, err := io.Copy(io.Discard, a.gz); err != nil {
		return a.damaged(err)
	}
	return nil
}

func (a *archive) extractEntry(dir string, f File) error {
	dst := filepath.Join(dir, filepath.FromSlash(f.Name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), a.tr)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return err // the disk, not the archive
		}
		return a.damaged(fmt.Errorf("%s: %w", f.Name, err))
	}
	if n != f.Size || hex.EncodeToString(h.Sum(nil)) != f.SHA256 {
		return a.damaged(fmt.Errorf("%s does not match its checksum in the manifest", f.Name))
	}
	return nil
}

// fileSum returns a file's size and SHA-256.
func fileSum(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return n, hex.EncodeToString(h.Sum(nil)), err
}
