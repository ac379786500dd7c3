// Package store keeps Dateline's state in SQLite or PostgreSQL. Each aggregate
// has one Go file and one .sql file of named queries; migrations are numbered
// SQL files per dialect.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// Dialect names a storage engine.
type Dialect string

// The engines Dateline runs on.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Errors callers can test with errors.Is; driver errors are mapped onto them.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflicts with existing data")
	// ErrUnavailable means the database is down, restarting or too busy:
	// the same request may succeed later. See IsUnavailable.
	ErrUnavailable = errors.New("database unavailable")
)

// Options says which database to open.
type Options struct {
	DatabaseURL string // postgres://... or empty for SQLite
	DataDir     string // folder of the SQLite file
	// Serving takes the serving lock (see HoldServing) before anything is
	// created or migrated, and keeps it until Close: a server or a migration
	// starting while "dateline restore" runs fails before it touches the
	// data being restored.
	Serving bool
	// MaxConns is the size of the PostgreSQL connection pool
	// (DATELINE_DB_MAX_CONNS); zero means DefaultMaxConns. The serving
	// lock takes one connection more, outside the pool.
	MaxConns int
	// ServingWatch is how often the PostgreSQL serving lock's connection is
	// checked (see HoldServing); zero means DefaultServingWatch.
	ServingWatch time.Duration
}

// Store is the handle the rest of Dateline uses for all reads and writes.
// On SQLite it keeps one writer connection and a pool of readers, because
// SQLite allows one writer at a time; on PostgreSQL both are one pool.
type Store struct {
	dialect Dialect
	dataDir string // SQLite only: where the database and media files live
	write   dbPool
	read    *readPool
	q       catalogue // the SQL of every query, for this dialect

	// Page tags touched by open transactions, sent on commit (see pages.go).
	touchedMu    sync.Mutex
	touched      map[*dbTx][]string
	pagesChanged func(tags []string)
	pagesChannel string // PostgreSQL: the LISTEN/NOTIFY channel of page changes
	schema       string // PostgreSQL: the schema the store works in
	release      func() // the serving lock, when Options.Serving took it

	// PostgreSQL: the serving lock's watcher (see HoldServing).
	pgConfig     *pgx.ConnConfig // how the lock's own connection is opened
	servingWatch time.Duration
	fenced       atomic.Bool   // the lock is lost: every query answers ErrUnavailable
	maxIdle      int           // the PostgreSQL pool's idle connections, restored after dropping them
	lost         chan struct{} // closed when the lock is lost for good
	lostOnce     sync.Once
	lostReason   error
}

// Open connects to the database Options name and runs pending migrations.
func Open(ctx context.Context, o Options) (*Store, error) {
	var s *Store
	var err error
	var release func()
	if o.DatabaseURL != "" {
		s, err = openPostgres(ctx, o)
	} else {
		// The folder's lock comes before the database file is opened,
		// which creates it (and its -wal and -shm) if it is missing.
		if o.Serving {
			if err := os.MkdirAll(o.DataDir, 0o750); err != nil {
				return nil, fmt.Errorf("store: create data folder: %w", err)
			}
			if release, err = LockDataDir(o.DataDir, true); err != nil {
				if errors.Is(err, ErrInUse) {
					err = fmt.Errorf("store: a restore is running on the data folder %s: %w", o.DataDir, err)
				}
				return nil, err
			}
		}
		s, err = openSQLite(ctx, o.DataDir)
	}
	if err != nil {
		if release != nil {
			release()
		}
		return nil, err
	}
	s.release = release
	if o.Serving && s.dialect == Postgres {
		if s.release, err = s.HoldServing(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err = loadQueries(queryFiles, s.dialect, &s.q); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// SQLitePath is where the SQLite database lives inside a data folder.
func SQLitePath(dataDir string) string { return filepath.Join(dataDir, "dateline.db") }

func openSQLite(ctx context.Context, dataDir string) (*Store, error) {
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("store: create data folder: %w", err)
	}
	// _time_format=sqlite stores instants as sortable text; we always store UTC.
	base := "file:" + SQLitePath(dataDir) + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_time_format=sqlite"
	write, err := sql.Open("sqlite", base+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	// The first connection sets WAL mode, which on a new file needs the
	// file to itself and answers SQLITE_BUSY at once, busy timeout or not,
	// when another process is doing the same: processes starting together
	// on one folder take turns here, as they do for migrations.
	release, err := waitForLock(ctx, filepath.Join(dataDir, StartupLockFile))
	if err != nil {
		write.Close()
		return nil, err
	}
	err = write.PingContext(ctx)
	release()
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: open %s: %w", SQLitePath(dataDir), err)
	}
	read, err := sql.Open("sqlite", base+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	return &Store{dialect: SQLite, dataDir: dataDir, write: dbPool{write}, read: &readPool{dbPool: dbPool{read}, prepare: true}}, nil
}

// Dialect reports which engine the store runs on.
func (s *Store) Dialect() Dialect { return s.dialect }

// Close closes every connection.
func (s *Store) Close() error {
	var err error
	if s.read.DB != s.write.DB {
		err = s.read.Close()
	}
	// The serving lock goes before the pool on PostgreSQL, so no restore
	// starts while this node may still write, and after the database file
	// is closed on SQLite, so no restore replaces a file still open here.
	if s.dialect == Postgres && s.release != nil {
		s.release()
		s.release = nil
	}
	err = errors.Join(err, s.write.Close())
	if s.release != nil {
		s.release()
		s.release = nil
	}
	return err
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var one int
	return s.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// inTx runs fn in a write transaction, committing when it returns nil.
// The transaction's statements, its begin and its commit map their own
// errors (see dbTx); fn's error is mapped once more because fn may return
// a driver error it met outside tx, and mapping an error twice changes
// nothing.
func (s *Store) inTx(ctx context.Context, fn func(*dbTx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		s.takeTouched(tx)
		return mapError(err)
	}
	tags := s.takeTouched(tx)
	if err := s.notifyPages(ctx, tx, tags); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if len(tags) > 0 && s.pagesChanged != nil {
		s.pagesChanged(tags)
	}
	return nil
}
