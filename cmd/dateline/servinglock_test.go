package main

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/store"
	"dateline/internal/store/storetest"
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

// TestServeStopsWhenItsSchemaIsReplaced: a restore that slipped in while a
// node's serving lock was lost (its backend terminated) and replaced the
// schema leaves the node unable to serve the new data correctly (its
// statements and caches describe the old): the node answers 503 while the
// restore holds the schema, and stops with an error once it is replaced.
func TestServeStopsWhenItsSchemaIsReplaced(t *testing.T) {
	opts := storetest.Options(t, "postgres")
	env := envOf(map[string]string{"DATABASE_URL": opts.DatabaseURL, "DATELINE_ADDR": "127.0.0.1:0"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lockedBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, env, out) }()
	addrRE := regexp.MustCompile(`on (127\.0\.0\.1:\d+)`)
	var base string
	for deadline := time.Now().Add(30 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(out.String()); m != nil {
			base = "http://" + m[1]
		}
	}
	if base == "" {
		t.Fatalf("serve did not start:\n%s", out)
	}
	db, err := sql.Open("pgx", opts.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var schema string
	if err := db.QueryRow("SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	key := store.ServingLockKey(schema)
	var pid int
	if err := db.QueryRow(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND mode = 'ShareLock'
		AND classid::int8 = $1 AND objid::int8 = $2 AND objsubid = 1`, int64(uint64(key)>>32), int64(uint64(key)&0xffffffff)).Scan(&pid); err != nil {
		t.Fatalf("the serving lock's backend: %v", err)
	}
	restore, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer restore.Close()
	if _, err := db.Exec("SELECT pg_terminate_backend($1)", pid); err != nil {
		t.Fatal(err)
	}
	if _, err := restore.ExecContext(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		t.Fatal(err)
	}
	health := func() int {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	status := 0
	for deadline := time.Now().Add(10 * time.Second); status != http.StatusServiceUnavailable && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		status = health()
	}
	if status != http.StatusServiceUnavailable {
		t.Fatalf("while a restore holds its schema the node answers /healthz with %d, want 503", status)
	}
	aside := schema + "_aside"
	defer db.Exec("DROP SCHEMA " + aside + " CASCADE")
	for _, q := range []string{"ALTER SCHEMA " + schema + " RENAME TO " + aside, "CREATE SCHEMA " + schema, "SELECT pg_advisory_unlock(" + strconv.FormatInt(key, 10) + ")"} {
		if _, err := restore.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "replaced") {
			t.Errorf("serve stopped with %v, want an error that says the schema was replaced", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve still runs 30 s after the schema it served was replaced")
	}
}
