package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the dialect's numbered files (0001_init.sql, ...) in order.
func migrations(d Dialect) ([]migration, error) {
	dir := "migrations/" + string(d)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("store: migration %s/%s is not named NNNN_name.sql", dir, e.Name())
		}
		data, err := migrationFiles.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(data)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("store: migrations of %s skip or repeat a number at %s", d, m.name)
		}
	}
	return out, nil
}

// Migrate applies pending migrations, each in its own transaction, and records
// each version. On PostgreSQL an advisory lock keeps several nodes starting at
// once from racing.
func (s *Store) Migrate(ctx context.Context) error {
	list, err := migrations(s.dialect)
	if err != nil {
		return err
	}
	if s.dialect == SQLite {
		// Servers starting at once on one folder take turns, as the
		// advisory lock below makes them on PostgreSQL.
		release, err := waitForLock(ctx, filepath.Join(s.dataDir, StartupLockFile))
		if err != nil {
			return err
		}
		defer release()
	}
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if s.dialect == Postgres {
		// 0x646174656c696e65 is "dateline" in ASCII: one lock id for all nodes.
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7233188230151089765)"); err != nil {
			return fmt.Errorf("store: migration lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(7233188230151089765)")
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TIMESTAMP NOT NULL)`); err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	var current int
	if err := conn.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return err
	}
	if current > len(list) {
		return fmt.Errorf("store: database is at schema version %d, newer than this binary knows (%d)", current, len(list))
	}
	for _, m := range list[current:] {
		if err := s.applyMigration(ctx, conn, m); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) applyMigration(ctx context.Context, conn *sql.Conn, m migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("store: migration %s: %w", m.name, err)
	}
	// SQL cannot tokenize text the way search needs, so the migration that
	// creates the search index is followed, in its own transaction, by Go
	// filling it from the items already published.
	if m.version == searchIndexVersion {
		if _, err := s.fillSearchIndex(ctx, &dbTx{tx}); err != nil {
			return fmt.Errorf("store: migration %s: fill the search index: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
		m.version, m.name, time.Now().UTC()); err != nil {
		return fmt.Errorf("store: record migration %s: %w", m.name, err)
	}
	return tx.Commit()
}

// SchemaVersion reports the newest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.read.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	return v, err
}

// LatestVersion is the schema version this binary migrates a database to.
func LatestVersion() int {
	list, err := migrations(SQLite)
	if err != nil {
		return 0
	}
	return len(list)
}
