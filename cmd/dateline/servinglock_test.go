package main

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"
	"time"

	"log/slog"

	"dateline/internal/store"
)

// TestServingLockSurvivesPostgresRestart restarts a private PostgreSQL
// under a serving store: the restart ends the session that held the
// serving lock, and the store must take it again by itself once the
// server is back, so that a restore started afterwards still refuses.
func TestServingLockSurvivesPostgresRestart(t *testing.T) {
	cluster := newPGCluster(t)
	logs := &lockedBuffer{}
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(logs, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{DatabaseURL: cluster.URL(), Serving: true, ServingWatch: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	key := store.ServingLockKey(st.Schema())
	held := func(db *sql.DB) bool {
		var n int
		err := db.QueryRow(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND mode = 'ShareLock'
			AND classid::int8 = $1 AND objid::int8 = $2 AND objsubid = 1`, int64(uint64(key)>>32), int64(uint64(key)&0xffffffff)).Scan(&n)
		return err == nil && n == 1
	}
	db, err := sql.Open("pgx", cluster.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !held(db) {
		t.Fatal("the serving store holds no serving lock")
	}

	cluster.stop("fast")
	cluster.start()
	var once sync.Once
	for deadline := time.Now().Add(30 * time.Second); !held(db); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			once.Do(func() { t.Fatalf("30 s after PostgreSQL restarted, nobody holds the serving lock; log:\n%s", logs) })
		}
	}
	// What "dateline restore" asks before it touches anything.
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var free bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&free); err != nil {
		t.Fatal(err)
	}
	if free {
		conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", key)
		t.Fatal("after a PostgreSQL restart a restore could take the schema of a running server")
	}
	// The pool's own connections died with the restart too; each fails
	// once (a 503) and is replaced.
	var pingErr error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if pingErr = st.Ping(ctx); pingErr == nil {
			break
		}
	}
	if pingErr != nil {
		t.Errorf("the store does not answer after the restart: %v", pingErr)
	}
	for _, want := range []string{"serving lock lost", "serving lock retaken"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log does not say %q:\n%s", want, logs)
		}
	}
}
