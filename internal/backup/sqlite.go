package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"dateline/internal/store"
)

// openSQLiteFile opens a SQLite file for reading only. The caller has
// checked it exists: opening a missing file would create an empty one.
func openSQLiteFile(path string) (*sql.DB, error) {
	return sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)")
}

// snapshotSQLite copies the live database into work with VACUUM INTO, which
// reads it in one transaction: the copy is consistent, and in WAL mode the
// server's writers carry on while it runs. The media and video files that
// go with it are exactly those the copy refers to. Those files are named by
// their content, never changed or deleted, and written before the row that
// names them commits, so every file the snapshot names is complete on disk;
// a file being uploaded during the backup belongs to a row the snapshot
// does not have, and is left out with it.
func snapshotSQLite(ctx context.Context, dataDir, work string) (Manifest, []source, error) {
	m := Manifest{Engine: EngineSQLite}
	live := store.SQLitePath(dataDir)
	if _, err := os.Stat(live); err != nil {
		return m, nil, fmt.Errorf("backup: no Dateline database at %s (check DATELINE_DATA_DIR): %w", live, err)
	}
	// Not query_only: SQLite counts VACUUM INTO as a write, though it
	// writes only to the new file.
	src, err := sql.Open("sqlite", "file:"+live+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return m, nil, err
	}
	snap := filepath.Join(work, SQLiteName)
	_, err = src.ExecContext(ctx, "VACUUM INTO ?", snap)
	src.Close()
	if err != nil {
		return m, nil, fmt.Errorf("backup: snapshot %s: %w", live, err)
	}

	db, err := openSQLiteFile(snap)
	if err != nil {
		return m, nil, err
	}
	defer db.Close()
	if m.SchemaVersion, err = schemaVersion(ctx, db, EngineSQLite, ""); err != nil {
		return m, nil, err
	}
	if m.Tables, err = countRows(ctx, db, EngineSQLite, ""); err != nil {
		return m, nil, err
	}
	files, err := referencedFiles(ctx, db)
	if err != nil {
		return m, nil, err
	}
	size, sum, err := fileSum(snap)
	if err != nil {
		return m, nil, err
	}
	sources := []source{{File: File{Name: SQLiteName, Size: size, SHA256: sum}, path: snap}}
	for _, f := range files {
		sources = append(sources, source{File: f, path: filepath.Join(dataDir, filepath.FromSlash(f.Name))})
	}
	for _, s := range sources {
		m.Files = append(m.Files, s.File)
	}
	return m, sources, nil
}

// referencedFiles lists the files in the data folder that a SQLite database
// refers to, with the size and checksum it recorded for each, by name.
func referencedFiles(ctx context.Context, db *sql.DB) ([]File, error) {
	rows, err := db.QueryContext(ctx, `SELECT path, size, sha256 FROM media_files WHERE path <> ''
		UNION SELECT path, size, sha256 FROM video_files WHERE path <> '' ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("backup: list media files: %w", err)
	}
	defer rows.Close()
	var out []File
	for rows.Next() {
		var f File
		if err := rows.Scan(&f.Name, &f.Size, &f.SHA256); err != nil {
			return nil, err
		}
		f.Name = filepath.ToSlash(f.Name)
		if !validEntryName(EngineSQLite, f.Name) || f.Name == SQLiteName {
			return nil, fmt.Errorf("backup: the database names a media file %q outside media/ and video/", f.Name)
		}
		if n := len(out); n > 0 && out[n-1].Name == f.Name {
			return nil, fmt.Errorf("backup: the database records two sizes or checksums for %s", f.Name)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// restoreSQLite restores an archive into a data folder that is empty (or,
// with force, sets aside what is there). It holds the folder's lock
// exclusively throughout, so no server can start on it meanwhile, and
// extracts into a hidden staging folder inside it; only once every entry
// and the database itself check out does anything take the place of the
// folder's contents. On failure the folder is left as it was found.
func restoreSQLite(ctx context.Context, a *archive, dir string, force bool, rep *Report) (err error) {
	rep.Target = "the data folder " + dir
	existing, created, err := prepareFolder(dir)
	if err != nil {
		return err
	}
	if len(existing) > 0 && !force {
		return fmt.Errorf("backup: the data folder %s is not empty (it holds %s): restore into an empty folder, or pass --force to set its contents aside", dir, existing[0])
	}
	lockPath := filepath.Join(dir, store.LockFile)
	_, statErr := os.Stat(lockPath)
	newLock := errors.Is(statErr, fs.ErrNotExist)
	release, err := store.LockDataDir(dir, false)
	if err != nil {
		if created {
			os.RemoveAll(dir)
		}
		if errors.Is(err, store.ErrInUse) {
			return fmt.Errorf("backup: a Dateline server is running on %s: stop it before restoring into its folder", dir)
		}
		return err
	}
	placed := false
	defer func() {
		if newLock {
			os.Remove(lockPath)
		}
		release()
		if err != nil && created && !placed {
			os.RemoveAll(dir)
		}
	}()
	stage, err := os.MkdirTemp(dir, ".restore-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	if err := a.extract(stage); err != nil {
		return err
	}
	if err := checkSQLite(ctx, a, stage); err != nil {
		return err
	}

	placed = true // from here on the folder holds data: keep it, whatever fails
	if len(existing) > 0 {
		rep.SetAside = filepath.Join(dir, "before-restore-"+rep.Started.UTC().Format("20060102T150405Z"))
		if err := os.Mkdir(rep.SetAside, 0o750); err != nil {
			return err
		}
		for _, name := range existing {
			if err := os.Rename(filepath.Join(dir, name), filepath.Join(rep.SetAside, name)); err != nil {
				return fmt.Errorf("backup: set %s aside: %w (the folder's previous contents are partly in %s)", name, err, rep.SetAside)
			}
		}
	}
	staged, err := os.ReadDir(stage)
	if err != nil {
		return err
	}
	for _, e := range staged {
		if err := os.Rename(filepath.Join(stage, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	// Migrate while the lock is still held, so no server sees the old schema.
	return migrate(ctx, store.Options{DataDir: dir}, rep)
}

// prepareFolder makes sure dir exists and lists what it holds besides the
// lock files (a server's lock files alone do not make a folder in use).
func prepareFolder(dir string) (existing []string, created bool, err error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, false, err
		}
		return nil, true, nil
	case err != nil:
		return nil, false, err
	case !fi.IsDir():
		return nil, false, fmt.Errorf("backup: %s is not a folder", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, false, err
	}
	for _, e := range entries {
		if e.Name() != store.LockFile && e.Name() != store.StartupLockFile {
			existing = append(existing, e.Name())
		}
	}
	return existing, false, nil
}

// checkSQLite opens the extracted database and checks that SQLite finds it
// sound, that it is at the manifest's schema version and holds the rows the
// manifest counted, and that every media file it names was extracted.
func checkSQLite(ctx context.Context, a *archive, stage string) error {
	path := filepath.Join(stage, SQLiteName)
	db, err := openSQLiteFile(path)
	if err != nil {
		return err
	}
	defer db.Close()
	var verdict string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&verdict); err != nil {
		return a.damaged(fmt.Errorf("its database cannot be read: %w", err))
	}
	if verdict != "ok" {
		return a.damaged(fmt.Errorf("SQLite finds its database damaged: %s", verdict))
	}
	v, err := schemaVersion(ctx, db, EngineSQLite, "")
	if err != nil {
		return a.damaged(err)
	}
	if v != a.manifest.SchemaVersion {
		return a.damaged(fmt.Errorf("its database is at schema version %d where the manifest says %d", v, a.manifest.SchemaVersion))
	}
	counts, err := countRows(ctx, db, EngineSQLite, "")
	if err != nil {
		return a.damaged(err)
	}
	if err := sameCounts(a.manifest.Tables, counts); err != nil {
		return a.damaged(err)
	}
	files, err := referencedFiles(ctx, db)
	if err != nil {
		return a.damaged(err)
	}
	listed := map[string]File{}
	for _, f := range a.manifest.Files {
		listed[f.Name] = f
	}
	for _, f := range files {
		if got, ok := listed[f.Name]; !ok || got.SHA256 != f.SHA256 {
			return a.damaged(fmt.Errorf("its database names %s, which the archive does not hold", f.Name))
		}
	}
	return nil
}
