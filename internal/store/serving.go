package store

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrInUse means another process holds the lock that LockDataDir or
// ClaimSchema asked for: a server while a restore wants the data, or a
// restore while a server wants to start.
var ErrInUse = errors.New("in use by another process")

// errServingLockLost is what every query answers while a PostgreSQL store
// has lost its serving lock: wrapped as unavailable, it becomes a 503.
var errServingLockLost = errors.New("the serving lock was lost; no reads or writes until it is retaken")

// LockFile is the file in a data folder that servers lock shared and
// restores lock exclusively. It holds no data.
const LockFile = "dateline.lock"

// DefaultServingWatch is how often a PostgreSQL store checks the connection
// that holds its serving lock, when Options.ServingWatch is zero.
const DefaultServingWatch = time.Second

// maxRetakeDelay bounds the backoff between attempts to retake a lost
// serving lock.
const maxRetakeDelay = 5 * time.Second

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
// `dateline restore` refuses to replace it underneath a running server. It
// fails with ErrInUse while a restore is running.
//
// On SQLite it locks the data folder's LockFile shared; the kernel keeps
// that lock as long as the process lives, so nothing needs watching.
//
// On PostgreSQL the lock is a shared advisory lock held by a connection of
// its own, outside the pool, and it lasts only as long as that session: a
// server restart, a terminated backend or a dropped connection ends it
// silently. A watcher therefore pings the connection every
// Options.ServingWatch. When the ping fails, every query of the store
// answers ErrUnavailable (a 503) at once, and the watcher reconnects and
// retakes the lock with backoff, logging the loss and the retake. A node
// notices a lost lock within one watch interval when the connection is
// refused or reset, and within the watch interval plus the ping's timeout
// (5 s) when the network stalls instead; a transaction already under way
// then may still commit.
//
// If a restore took the lock in the meantime, the retake fails and the
// store stays unavailable until the restore ends. If the schema was then
// replaced (its identity changed: a restore with --force sets the old one
// aside), this node's prepared statements and caches describe data that is
// gone: the store stays unavailable for good and Lost reports why, so the
// server stops and is started again on the restored data.
func (s *Store) HoldServing(ctx context.Context) (release func(), err error) {
	if s.dialect == SQLite {
		release, err := LockDataDir(s.dataDir, true)
		if errors.Is(err, ErrInUse) {
			return nil, fmt.Errorf("store: a restore is running on the data folder %s: %w", s.dataDir, err)
		}
		return release, err
	}
	conn, schemaID, err := s.takeServingLock(ctx)
	if err != nil {
		return nil, err
	}
	watch, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.watchServing(watch, conn, schemaID)
	}()
	return func() {
		stop()
		<-done
	}, nil
}

// Lost is closed when this store has lost its serving lock for good,
// because the schema it served was replaced (by a restore) while the lock
// was lost. LostReason then says what happened. A server should stop.
func (s *Store) Lost() <-chan struct{} { return s.lost }

// LostReason is why Lost was closed, or nil while it is open.
func (s *Store) LostReason() error {
	select {
	case <-s.lost:
		return s.lostReason
	default:
		return nil
	}
}

// takeServingLock opens the lock's own connection and takes the shared
// lock on it, returning the identity (oid) of the schema it guards.
func (s *Store) takeServingLock(ctx context.Context) (*pgx.Conn, int64, error) {
	conn, err := pgx.ConnectConfig(ctx, s.pgConfig.Copy())
	if err != nil {
		return nil, 0, fmt.Errorf("store: serving lock: %w", mapError(err))
	}
	var ok bool
	var schemaID int64
	err = conn.QueryRow(ctx, `SELECT pg_try_advisory_lock_shared($1),
		COALESCE((SELECT oid::int8 FROM pg_namespace WHERE nspname = $2), 0)`,
		ServingLockKey(s.schema), s.schema).Scan(&ok, &schemaID)
	if err != nil {
		conn.Close(context.Background())
		return nil, 0, fmt.Errorf("store: serving lock: %w", mapError(err))
	}
	if !ok {
		conn.Close(context.Background())
		return nil, 0, fmt.Errorf("store: a restore is running on schema %s: %w", s.schema, ErrInUse)
	}
	return conn, schemaID, nil
}

// watchServing owns conn, the serving lock's connection, until ctx ends:
// it checks the connection every interval and retakes a lost lock.
func (s *Store) watchServing(ctx context.Context, conn *pgx.Conn, schemaID int64) {
	defer func() {
		if conn != nil {
			// Closing the session drops its advisory locks whatever
			// happens to the unlock statement.
			conn.Exec(context.Background(), "SELECT pg_advisory_unlock_shared($1)", ServingLockKey(s.schema))
			conn.Close(context.Background())
		}
	}()
	tick := time.NewTicker(s.servingWatch)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		pctx, cancel := context.WithTimeout(ctx, connectTimeout)
		err := conn.Ping(pctx)
		cancel()
		if err == nil || ctx.Err() != nil {
			continue
		}
		// Fence first: from here no query runs until the lock is back.
		s.fenced.Store(true)
		slog.Warn("serving lock lost: its PostgreSQL connection failed; the site answers 503 until it is retaken",
			"schema", s.schema, "err", err)
		conn.Close(context.Background())
		if conn = s.retakeServing(ctx, schemaID); conn == nil {
			return
		}
		// Whatever broke the lock's session (a restart, a cut) most likely
		// broke the pool's idle connections too: drop them before serving
		// again, so the first requests do not each meet a dead one.
		s.write.SetMaxIdleConns(0)
		s.write.SetMaxIdleConns(s.maxIdle)
		s.fenced.Store(false)
		slog.Info("serving lock retaken; the site answers again", "schema", s.schema)
	}
}

// retakeServing tries to take the serving lock again, with backoff, until
// it has it on the same schema (returning the connection) or ctx ends or
// the schema turns out to have been replaced (returning nil).
func (s *Store) retakeServing(ctx context.Context, schemaID int64) *pgx.Conn {
	delay := s.servingWatch
	restoreSeen := false
	for {
		conn, id, err := s.takeServingLock(ctx)
		switch {
		case err == nil && id == schemaID:
			return conn
		case err == nil:
			conn.Close(context.Background())
			slog.Error("serving lock: the schema was replaced while the lock was lost; this node stays unavailable and must be restarted",
				"schema", s.schema)
			s.lostOnce.Do(func() {
				s.lostReason = fmt.Errorf("store: schema %s was replaced (by a restore?) while this server had lost its serving lock: "+
					"restart the server to serve the new data", s.schema)
				close(s.lost)
			})
			return nil
		case ctx.Err() != nil:
			return nil
		case errors.Is(err, ErrInUse):
			if !restoreSeen {
				slog.Error("serving lock: a restore took the schema while the lock was lost; the site answers 503 until the restore ends",
					"schema", s.schema)
				restoreSeen = true
			}
		default:
			slog.Warn("serving lock: could not retake it; retrying", "schema", s.schema, "in", delay, "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(delay):
		}
		delay = min(2*delay, maxRetakeDelay)
	}
}

// Schema names the PostgreSQL schema the store works in ("" on SQLite).
func (s *Store) Schema() string { return s.schema }
