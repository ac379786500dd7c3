package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"time"
)

// StartupLockFile is the file in a data folder whose exclusive lock the
// first connection, Migrate and FirstRun hold on SQLite, so that servers
// starting at once on one folder take turns. It holds no data.
const StartupLockFile = "dateline.startup"

// FirstRun runs fn while no other process on the same database runs its
// own FirstRun, waiting for it if one does. A server's start-up work on a
// database that may be empty (demo content, demo accounts, the first-admin
// link) goes here: nodes starting at once otherwise each see an empty
// database, seed it twice, or print a setup link while another node is
// creating an admin, which makes that link answer 404 once it is used.
//
// On PostgreSQL the lock is an advisory lock of the schema, held on one
// connection of the pool; on SQLite an exclusive flock on a file in the
// data folder.
func (s *Store) FirstRun(ctx context.Context, fn func(context.Context) error) error {
	if s.dialect == SQLite {
		release, err := waitForLock(ctx, filepath.Join(s.dataDir, StartupLockFile))
		if err != nil {
			return err
		}
		defer release()
		return fn(ctx)
	}
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return mapError(err)
	}
	defer conn.Close()
	key := firstRunKey(s.schema)
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		return fmt.Errorf("store: first-run lock: %w", mapError(err))
	}
	// Unlocked before the connection goes back to the pool. If the unlock
	// is refused (the store fenced while its serving lock is lost, the
	// connection broken), the connection is thrown away instead: closing
	// the session drops the lock, where the pool would keep it held.
	defer func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	return fn(ctx)
}

func firstRunKey(schema string) int64 {
	h := fnv.New64a()
	h.Write([]byte("dateline first run\x00" + schema))
	return int64(h.Sum64())
}

// waitForLock takes an exclusive flock on path, polling while another
// process holds it, until ctx ends.
func waitForLock(ctx context.Context, path string) (func(), error) {
	for {
		release, err := lockFile(path, false)
		if !errors.Is(err, ErrInUse) {
			return release, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}
