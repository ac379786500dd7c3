package backup

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// smallSite stores a section, a published article with an uploaded lead
// image, a video file and a comment: every kind of data a backup carries,
// quicker to make than the demo site.
func smallSite(t *testing.T, e storetest.Engine) {
	t.Helper()
	ctx := context.Background()
	st := e.Store
	sec := news.Section{Slug: "local", Name: "Local", Position: 1}
	if err := st.CreateSection(ctx, &sec); err != nil {
		t.Fatal(err)
	}
	img, err := desk.SaveImage(ctx, st, "lighthouse.png", solidPNG(t, 3))
	if err != nil {
		t.Fatal(err)
	}
	a := news.Article{Headline: "Lighthouse keepers return to Galle", Summary: "The lamp is lit again.", BodyMarkdown: "The lamp is lit again.",
		BodyHTML: "<p>The lamp is lit again.</p>", Section: sec, Lang: "en", Image: &img, Status: news.StatusPublished, PublishedAt: time.Now().UTC()}
	if err := st.CreateArticle(ctx, &a, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveVideoFile(ctx, "harbour.mp4", strings.NewReader("not really an mp4, but bytes all the same"), 1<<20); err != nil {
		t.Fatal(err)
	}
	c := store.Comment{ArticleID: a.ID, Name: "Nimal", Body: "Good to see the light back.", Lang: "en", Status: store.CommentApproved, Findings: "[]", Visitor: "v"}
	if err := st.CreateComment(ctx, &c); err != nil {
		t.Fatal(err)
	}
}

// backupOf makes a small site on e and backs it up.
func backupOf(t *testing.T, e storetest.Engine) (string, Manifest) {
	t.Helper()
	smallSite(t, e)
	file := filepath.Join(t.TempDir(), "site.tar.gz")
	m, err := Create(context.Background(), e.Options, file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return file, m
}

// rewrite copies an archive entry by entry through edit, which may change
// an entry's bytes or return nil to drop it, and may add entries at the end.
func rewrite(t *testing.T, src, dst string, edit func(name string, data []byte) []byte, extra map[string][]byte) {
	t.Helper()
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	tw := tar.NewWriter(zw)
	put := func(name string, data []byte) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o640, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write(data)
	}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		if data = edit(hdr.Name, data); data != nil {
			put(hdr.Name, data)
		}
	}
	for name, data := range extra {
		put(name, data)
	}
	tw.Close()
	zw.Close()
	if err := os.WriteFile(dst, out.Bytes(), 0o640); err != nil {
		t.Fatal(err)
	}
}

func keep(_ string, data []byte) []byte { return data }

// targetUntouched fails unless a restore left the target as it found it:
// on SQLite no folder (or an empty one), on PostgreSQL no schema.
func targetUntouched(t *testing.T, target store.Options, schema string) {
	t.Helper()
	if target.DatabaseURL == "" {
		entries, err := os.ReadDir(target.DataDir)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		if len(entries) > 0 {
			t.Errorf("the refused restore left %d entries in the target folder, such as %s", len(entries), entries[0].Name())
		}
		return
	}
	var n int
	if err := rawDB(t, target).QueryRow("SELECT count(*) FROM pg_namespace WHERE nspname = $1", schema).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("the refused restore left schema %s in the target database", schema)
	}
}

// TestDamagedArchiveIsRefused restores archives that are cut short, have a
// flipped bit, have an entry changed, added or removed, or are not Dateline
// backups at all: each is refused with a sentence that says so, and nothing
// reaches the target.
func TestDamagedArchiveIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		good, m := backupOf(t, e)
		data, err := os.ReadFile(good)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		write := func(name string, b []byte) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, b, 0o640); err != nil {
				t.Fatal(err)
			}
			return p
		}
		dbEntry := m.Files[0].Name
		cases := map[string]string{
			"truncated":     write("truncated.tar.gz", data[:len(data)*2/3]),
			"last byte cut": write("cut.tar.gz", data[:len(data)-1]),
			"empty":         write("empty.tar.gz", nil),
			"not gzip":      write("plain.txt", []byte("dateline backup, honest")),
		}
		flipped := bytes.Clone(data)
		flipped[len(flipped)/2] ^= 0x10
		cases["bit flipped"] = write("flipped.tar.gz", flipped)

		changed := filepath.Join(dir, "changed.tar.gz")
		rewrite(t, good, changed, func(name string, b []byte) []byte {
			if name == dbEntry {
				b = bytes.Clone(b)
				b[len(b)-1] ^= 1
			}
			return b
		}, nil)
		cases["entry changed"] = changed
		missing := filepath.Join(dir, "missing.tar.gz")
		rewrite(t, good, missing, func(name string, b []byte) []byte {
			if name == dbEntry {
				return nil
			}
			return b
		}, nil)
		cases["entry missing"] = missing
		extra := filepath.Join(dir, "extra.tar.gz")
		rewrite(t, good, extra, keep, map[string][]byte{"media/ab/extra.jpg": []byte("unlisted")})
		cases["entry added"] = extra
		escape := filepath.Join(dir, "escape.tar.gz")
		rewrite(t, good, escape, keep, map[string][]byte{"../../escaped.txt": []byte("outside")})
		cases["entry outside the folder"] = escape
		foreign := filepath.Join(dir, "foreign.tar.gz")
		rewrite(t, good, foreign, func(name string, b []byte) []byte {
			if name == ManifestName {
				return []byte(`{"format": "something-else"}`)
			}
			return b
		}, nil)
		cases["not a Dateline backup"] = foreign

		var schema string
		if m.Postgres != nil {
			schema = m.Postgres.Schema
		}
		target := storetest.RestoreTarget(t, e)
		for name, file := range cases {
			_, err := Restore(context.Background(), target, file, Options{})
			if err == nil {
				t.Errorf("%s: restored", name)
				continue
			}
			t.Logf("%s: %v", name, err)
			if !strings.Contains(err.Error(), "damaged or incomplete") || !strings.Contains(err.Error(), file) {
				t.Errorf("%s: the error does not say the file is damaged: %v", name, err)
			}
			targetUntouched(t, target, schema)
		}
		if _, err := os.Stat(filepath.Join(dir, "..", "escaped.txt")); err == nil {
			t.Error("an entry was written outside the restore's folder")
		}
		// An empty folder that exists stays empty too.
		if e.Name == "sqlite" {
			if err := os.MkdirAll(target.DataDir, 0o750); err != nil {
				t.Fatal(err)
			}
			if _, err := Restore(context.Background(), target, changed, Options{}); err == nil {
				t.Error("restored a changed entry into an existing folder")
			}
			targetUntouched(t, target, "")
		}
		// The good archive still restores into the same target.
		if _, err := Restore(context.Background(), target, good, Options{}); err != nil {
			t.Fatalf("the good archive: %v", err)
		}
	})
}

// TestRestoreRefusesTargetInUse: a target that holds data is refused
// without --force and left alone; with --force its contents are set aside
// (a folder inside the data folder, or a renamed schema) and the restore
// goes ahead. A target a server is running on is refused even with --force.
func TestRestoreRefusesTargetInUse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		file, m := backupOf(t, e)
		target := storetest.RestoreTarget(t, e)
		if _, err := Restore(ctx, target, file, Options{}); err != nil {
			t.Fatal(err)
		}
		// Change the restored site so the set-aside copy can be recognised.
		st, err := store.Open(ctx, target)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.CreateSection(ctx, &news.Section{Slug: "only-in-the-old", Name: "Old"}); err != nil {
			t.Fatal(err)
		}
		before := allRows(t, target)

		_, err = Restore(ctx, target, file, Options{})
		if err == nil || !strings.Contains(err.Error(), "not empty") || !strings.Contains(err.Error(), "--force") {
			t.Errorf("restore into a site with data: %v, want a refusal that mentions --force", err)
		}
		sameRows(t, before, allRows(t, target))

		release, err := st.HoldServing(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Restore(ctx, target, file, Options{Force: true})
		if err == nil || !strings.Contains(err.Error(), "server") {
			t.Errorf("restore under a running server: %v, want a refusal that names the server", err)
		}
		sameRows(t, before, allRows(t, target))
		release()
		st.Close()

		rep, err := Restore(ctx, target, file, Options{Force: true})
		if err != nil {
			t.Fatal(err)
		}
		if rep.SetAside == "" {
			t.Fatal("--force did not say where the old contents went")
		}
		restored := allRows(t, target)
		if err := sameCounts(m.Tables, countsOf(restored)); err != nil {
			t.Errorf("after --force: %v", err)
		}
		var old int
		if e.Name == "sqlite" {
			aside := store.Options{DataDir: rep.SetAside}
			old = len(allRows(t, aside)["sections"])
		} else {
			err = rawDB(t, target).QueryRow("SELECT count(*) FROM " + quoteIdent(rep.SetAside) + ".sections").Scan(&old)
			if err != nil {
				t.Fatal(err)
			}
		}
		if old != len(before["sections"]) {
			t.Errorf("the set-aside copy has %d sections, want the %d the target had", old, len(before["sections"]))
		}
	})
}

// TestServerRefusesToStartDuringRestore: the serving lock is shared by
// servers and exclusive to a restore, so a server cannot start while a
// restore holds a data folder.
func TestServerRefusesToStartDuringRestore(t *testing.T) {
	e := storetest.Open(t, "sqlite")
	release, err := store.LockDataDir(e.Options.DataDir, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.HoldServing(context.Background()); !errors.Is(err, store.ErrInUse) || !strings.Contains(err.Error(), "restore") {
		t.Errorf("a server started during a restore: %v", err)
	}
	release()
	a, err := e.Store.HoldServing(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer a()
	b, err := e.Store.HoldServing(context.Background())
	if err != nil {
		t.Fatalf("a second server on the same folder: %v", err)
	}
	b()
}

// TestServingOpenTouchesNothingDuringRestore: a server (or a migration)
// starting while a restore holds the folder fails before it creates or
// migrates anything there.
func TestServingOpenTouchesNothingDuringRestore(t *testing.T) {
	dir := t.TempDir()
	release, err := store.LockDataDir(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(context.Background(), store.Options{DataDir: dir, Serving: true}); !errors.Is(err, store.ErrInUse) {
		t.Fatalf("a serving open during a restore: %v, want ErrInUse", err)
	}
	for _, name := range []string{"dateline.db", "dateline.db-wal", "dateline.db-shm"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the refused server left %s in the folder being restored (%v)", name, err)
		}
	}
	release()
	st, err := store.Open(context.Background(), store.Options{DataDir: dir, Serving: true})
	if err != nil {
		t.Fatalf("after the restore: %v", err)
	}
	if _, err := store.LockDataDir(dir, false); !errors.Is(err, store.ErrInUse) {
		t.Errorf("a restore while the server runs: %v, want ErrInUse", err)
	}
	st.Close()
	again, err := store.LockDataDir(dir, false)
	if err != nil {
		t.Fatalf("a restore after the server closed: %v", err)
	}
	again()
}

// TestRestoreMigratesAnOlderBackup backs up a database from before the
// search migration (0007: the search index not yet made), restores it, and
// finds every later migration applied and the index filled from the
// published articles.
func TestRestoreMigratesAnOlderBackup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		smallSite(t, e)
		e.Store.Close()
		latest := store.LatestVersion()
		const search = 7
		storetest.DowngradeTo(t, e, search) // undo 0007 and every migration after it
		file := filepath.Join(t.TempDir(), "old.tar.gz")
		m, err := Create(ctx, e.Options, file, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if m.SchemaVersion != search-1 {
			t.Fatalf("the backup is at schema version %d, want %d", m.SchemaVersion, search-1)
		}
		target := storetest.RestoreTarget(t, e)
		rep, err := Restore(ctx, target, file, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.FromVersion != search-1 || rep.ToVersion != latest {
			t.Errorf("restore went from version %d to %d, want %d to %d", rep.FromVersion, rep.ToVersion, search-1, latest)
		}
		var flags, docs int
		if err := rawDB(t, target).QueryRow("SELECT count(*) FROM comment_flags WHERE alias = ''").Scan(&flags); err != nil {
			t.Fatalf("the restored flags have no address key column (0009): %v", err)
		}
		if err := rawDB(t, target).QueryRow("SELECT count(*) FROM search_docs").Scan(&docs); err != nil {
			t.Fatal(err)
		}
		if docs != 1 {
			t.Errorf("the search index holds %d documents after the migration, want the 1 published article", docs)
		}
	})
}

// TestBackupRefusesToReplaceAFile: an existing file is kept unless --force,
// which replaces it with a complete archive.
func TestBackupRefusesToReplaceAFile(t *testing.T) {
	e := storetest.Open(t, "sqlite")
	smallSite(t, e)
	file := filepath.Join(t.TempDir(), "site.tar.gz")
	if err := os.WriteFile(file, []byte("yesterday's backup"), 0o640); err != nil {
		t.Fatal(err)
	}
	_, err := Create(context.Background(), e.Options, file, Options{})
	if err == nil || !strings.Contains(err.Error(), "already exists") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("backup over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(file); string(b) != "yesterday's backup" {
		t.Error("the existing file was changed")
	}
	if _, err := Create(context.Background(), e.Options, file, Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	a, err := openArchive(file)
	if err != nil {
		t.Fatalf("the replacing archive: %v", err)
	}
	a.Close()
	entries, _ := os.ReadDir(filepath.Dir(file))
	if len(entries) != 1 {
		t.Errorf("the backup left temporary files beside the archive: %v", entries)
	}
}

// TestBackupOfMissingDatabase names the folder it looked in, and creates
// neither a database nor an archive.
func TestBackupOfMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "site.tar.gz")
	_, err := Create(context.Background(), store.Options{DataDir: filepath.Join(dir, "nowhere")}, file, Options{})
	if err == nil || !strings.Contains(err.Error(), "DATELINE_DATA_DIR") {
		t.Errorf("backup of a missing database: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("a failed backup left %v", entries)
	}
}

// TestRestoreRefusesTheOtherEngine: a SQLite backup does not go into
// PostgreSQL or the other way round, and a backup from a newer release is
// refused with the version it needs.
func TestRestoreRefusesTheOtherEngine(t *testing.T) {
	e := storetest.Open(t, "sqlite")
	file, _ := backupOf(t, e)
	_, err := Restore(context.Background(), store.Options{DatabaseURL: "postgres://nobody@127.0.0.1:1/none"}, file, Options{})
	if err == nil || !strings.Contains(err.Error(), "SQLite") {
		t.Errorf("a SQLite backup into PostgreSQL: %v", err)
	}
	newer := filepath.Join(t.TempDir(), "newer.tar.gz")
	rewrite(t, file, newer, func(name string, b []byte) []byte {
		if name == ManifestName {
			return bytes.Replace(b, []byte(`"schema_version": `), []byte(`"schema_version": 99`), 1)
		}
		return b
	}, nil)
	_, err = Restore(context.Background(), store.Options{DataDir: filepath.Join(t.TempDir(), "x")}, newer, Options{})
	if err == nil || !strings.Contains(err.Error(), "newer Dateline") {
		t.Errorf("a backup from a newer release: %v", err)
	}
}
