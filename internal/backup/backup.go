package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"dateline/internal/store"
)

// Tools names the PostgreSQL client programs, by name (looked up on PATH)
// or by path; empty means "pg_dump" and "pg_restore".
type Tools struct {
	PGDump    string
	PGRestore string
}

func (t Tools) pgDump() string    { return cmp(t.PGDump, "pg_dump") }
func (t Tools) pgRestore() string { return cmp(t.PGRestore, "pg_restore") }

func cmp(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// Options change how Create and Restore behave.
type Options struct {
	Force bool // Create: replace an existing file; Restore: set aside what the target holds
	Tools Tools
}

// Create writes a backup of the database src names, and on SQLite of the
// media files its rows refer to, to file. It runs while the site serves:
// SQLite is copied with VACUUM INTO and PostgreSQL dumped by pg_dump, each a
// consistent snapshot that does not stop writers. file appears only once
// complete; an existing file is refused unless o.Force.
func Create(ctx context.Context, src store.Options, file string, o Options) (Manifest, error) {
	if !o.Force {
		if _, err := os.Lstat(file); err == nil {
			return Manifest{}, fmt.Errorf("backup: %s already exists (pass --force to replace it)", file)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return Manifest{}, fmt.Errorf("backup: %w", err)
		}
	}
	// The snapshot is written beside the archive, not in the system's
	// temporary folder: it is as large as the database, and the archive's
	// folder is the one known to have room for a copy of it.
	work, err := os.MkdirTemp(filepath.Dir(file), ".dateline-backup-*")
	if err != nil {
		return Manifest{}, fmt.Errorf("backup: %w", err)
	}
	defer os.RemoveAll(work)

	var m Manifest
	var sources []source
	if src.DatabaseURL == "" {
		m, sources, err = snapshotSQLite(ctx, src.DataDir, work)
	} else {
		m, sources, err = dumpPostgres(ctx, src.DatabaseURL, work, o.Tools)
	}
	if err != nil {
		return m, err
	}
	m.Format, m.FormatVersion, m.CreatedAt = formatName, formatVersion, time.Now().UTC().Truncate(time.Second)
	if err := writeArchive(file, o.Force, m, sources); err != nil {
		return m, err
	}
	return m, nil
}

// Report says what Restore did.
type Report struct {
	Manifest    Manifest
	Target      string    // the data folder, or the PostgreSQL schema
	SetAside    string    // with --force: where the target's previous contents went
	FromVersion int       // the backup's schema version
	ToVersion   int       // the schema version after migrating
	Started     time.Time // when the restore began
}

// Restore puts a backup back into the database dst names: on SQLite an
// empty (or new) data folder, on PostgreSQL an empty schema of the same
// name as the one backed up. It checks the whole archive against its
// manifest before it replaces anything, refuses a target that is in use by
// a server or (without o.Force) not empty, and then runs any migrations a
// backup from an older release needs.
func Restore(ctx context.Context, dst store.Options, file string, o Options) (Report, error) {
	rep := Report{Started: time.Now()}
	a, err := openArchive(file)
	if err != nil {
		return rep, err
	}
	defer a.Close()
	m := a.manifest
	if m.SchemaVersion > store.LatestVersion() {
		return rep, fmt.Errorf("backup: %s is from a newer Dateline (schema version %d; this release knows %d): restore it with that release or a later one",
			file, m.SchemaVersion, store.LatestVersion())
	}
	switch {
	case m.Engine == EngineSQLite && dst.DatabaseURL != "":
		return rep, errors.New("backup: this is a backup of a SQLite site: unset DATABASE_URL and restore it into a data folder (DATELINE_DATA_DIR or --data-dir)")
	case m.Engine == EnginePostgres && dst.DatabaseURL == "":
		return rep, errors.New("backup: this is a backup of a PostgreSQL site: set DATABASE_URL (or --database-url) to the database to restore it into")
	}
	rep.Manifest, rep.FromVersion = m, m.SchemaVersion
	if m.Engine == EngineSQLite {
		err = restoreSQLite(ctx, a, dst.DataDir, o.Force, &rep)
	} else {
		err = restorePostgres(ctx, a, dst.DatabaseURL, o, &rep)
	}
	return rep, err
}

// migrate opens the restored database, which applies any migration newer
// than the backup, and records the version it reached.
func migrate(ctx context.Context, opts store.Options, rep *Report) error {
	st, err := store.Open(ctx, opts)
	if err != nil {
		return fmt.Errorf("backup: the data is restored, but migrating it failed: %w", err)
	}
	defer st.Close()
	rep.ToVersion, err = st.SchemaVersion(ctx)
	return err
}
