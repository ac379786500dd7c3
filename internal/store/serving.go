package store

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"path/filepath"
)

// ErrInUse means another process holds the lock that LockDataDir or
// ClaimSchema asked for: a server while a restore wants the data, or a
// restore while a server wants to start.
var ErrInUse = errors.New("in use by another process")

// LockFile is the file in a data folder that servers lock shared and
// restores lock exclusively. It holds no data.
const LockFile = "dateline.lock"

// LockDataDir takes the data folder's lock without waiting: shared for a
// server (several may run on one folder), exclusive for a restore. The
// folder must exist. It fails with ErrInUse when the other kind is held.
func LockDataDir(dir string, shared bool) (release func(), err error) {
	return lockFile(filepath.Join(dir, LockFile), shared)
}

// ServingLockKey is the PostgreSQL advisory lock that servers on a schema
// hold shared and a restore into it takes exclusively. Advisory locks are
// per database, so the schema name makes the key unique within one.
func ServingLockKey(schema string) int64 {
	h := fnv.New64a()
	h.Write([]byte("dateline serving\x00" + schema))
	return int64(h.Sum64())
}

// HoldServing marks the database as served until release is called, so that
// `dateline restore` refuses to replace it underneath a running server. On
// SQLite it locks the data folder's LockFile shared; on PostgreSQL it keeps
// one connection holding a shared advisory lock. It fails with ErrInUse
// while a restore is running.
func (s *Store) HoldServing(ctx context.Context) (release func(), err error) {
	if s.dialect == SQLite {
		release, err := LockDataDir(s.dataDir, true)
		if errors.Is(err, ErrInUse) {
			return nil, fmt.Errorf("store: a restore is running on the data folder %s: %w", s.dataDir, err)
		}
		return release, err
	}
	// The lock lives as long as this session, so it takes one connection
	// from the pool for the life of the server.
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return nil, err
	}
	var ok bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock_shared($1)", ServingLockKey(s.schema)).Scan(&ok); err != nil {
		conn.Close()
		return nil, fmt.Errorf("store: serving lock: %w", err)
	}
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("store: a restore is running on schema %s: %w", s.schema, ErrInUse)
	}
	return func() {
		// Closing the session drops its advisory locks whatever happens to
		// the unlock statement.
		conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock_shared($1)", ServingLockKey(s.schema))
		conn.Close()
	}, nil
}

// Schema names the PostgreSQL schema the store works in ("" on SQLite).
func (s *Store) Schema() string { return s.schema }
