package backup

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// logCapture sends the default logger to a buffer until the test ends.
type logCapture struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (c *logCapture) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.Write(p)
}

func (c *logCapture) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

func captureLog(t *testing.T) *logCapture {
	c := &logCapture{}
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(c, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })
	return c
}

// servingHolders lists the backends holding schema's serving lock shared.
// PostgreSQL shows a bigint advisory key as its high half in classid and
// its low half in objid, with objsubid 1.
func servingHolders(t *testing.T, db *sql.DB, schema string) []int {
	t.Helper()
	key := uint64(store.ServingLockKey(schema))
	rows, err := db.Query(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND mode = 'ShareLock'
		AND classid::int8 = $1 AND objid::int8 = $2 AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
		int64(key>>32), int64(key&0xffffffff))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var pids []int
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			t.Fatal(err)
		}
		pids = append(pids, pid)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return pids
}

// waitUntil polls cond every 50 ms until it holds or limit passes.
func waitUntil(limit time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// TestServingLockRetakenAfterBackendTerminated: the serving lock lives in
// one PostgreSQL session. Terminating that backend (what a PostgreSQL
// restart or a dropped connection does to it) used to leave the node
// serving without the lock, and a restore then ran into the schema it was
// writing to. The node must notice, log the loss, retake the lock, log
// that, and a restore must then refuse.
func TestServingLockRetakenAfterBackendTerminated(t *testing.T) {
	e := storetest.Open(t, "postgres")
	ctx := context.Background()
	file, _ := backupOf(t, e)
	logs := captureLog(t)
	opts := e.Options
	opts.Serving, opts.ServingWatch = true, 100*time.Millisecond
	st, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db := rawDB(t, e.Options)
	holders := servingHolders(t, db, st.Schema())
	if len(holders) != 1 {
		t.Fatalf("serving lock holders: %v, want exactly the node's one", holders)
	}
	var done bool
	if err := db.QueryRow("SELECT pg_terminate_backend($1)", holders[0]).Scan(&done); err != nil || !done {
		t.Fatalf("terminate the lock's backend %d: %v %v", holders[0], done, err)
	}
	retaken := waitUntil(10*time.Second, func() bool {
		h := servingHolders(t, db, st.Schema())
		return len(h) == 1 && h[0] != holders[0]
	})
	if !retaken {
		t.Errorf("10 s after its backend was terminated the node holds no serving lock (holders %v)", servingHolders(t, db, st.Schema()))
	}
	rep, err := Restore(ctx, e.Options, file, Options{Force: true})
	if err == nil {
		db.Exec("DROP SCHEMA " + quoteIdent(rep.SetAside) + " CASCADE")
		t.Fatal("a restore ran into the schema a node was serving, after the node's lock connection was terminated")
	}
	if !strings.Contains(err.Error(), "server") {
		t.Errorf("restore under a running node: %v, want a refusal that names the server", err)
	}
	if err := st.Ping(ctx); err != nil {
		t.Errorf("the node does not answer after retaking its lock: %v", err)
	}
	for _, want := range []string{"serving lock lost", "serving lock retaken"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log does not say %q:\n%s", want, logs.String())
		}
	}
}

// TestServingLockLostToARestore: when a restore takes the schema in the
// moment the node's lock is lost, the node must not touch it: every query
// answers unavailable (a 503) while the restore runs, and once the schema
// has been replaced the node reports itself lost, so the server stops.
func TestServingLockLostToARestore(t *testing.T) {
	e := storetest.Open(t, "postgres")
	ctx := context.Background()
	logs := captureLog(t)
	opts := e.Options
	// Long enough that the "restore" below takes the lock before the
	// watcher has noticed the loss.
	opts.Serving, opts.ServingWatch = true, 500*time.Millisecond
	st, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	schema := st.Schema()
	db := rawDB(t, e.Options)
	restore, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer restore.Close()
	holders := servingHolders(t, db, schema)
	if len(holders) != 1 {
		t.Fatalf("serving lock holders: %v, want exactly the node's one", holders)
	}
	if _, err := db.Exec("SELECT pg_terminate_backend($1)", holders[0]); err != nil {
		t.Fatal(err)
	}
	// What Restore does: the exclusive lock, waiting for the terminated
	// backend to let go of its shared one.
	if _, err := restore.ExecContext(ctx, "SELECT pg_advisory_lock($1)", store.ServingLockKey(schema)); err != nil {
		t.Fatal(err)
	}
	fenced := waitUntil(10*time.Second, func() bool { return store.IsUnavailable(st.Ping(ctx)) })
	if !fenced {
		t.Fatalf("while a restore holds the schema, the node still answers: %v", st.Ping(ctx))
	}
	if !waitUntil(5*time.Second, func() bool { return strings.Contains(logs.String(), "a restore took the schema") }) {
		t.Errorf("the log does not say a restore took the schema:\n%s", logs.String())
	}
	// A restore with --force sets the old schema aside and restores into a
	// new one of the same name.
	aside := schema + "_aside"
	for _, q := range []string{"ALTER SCHEMA " + quoteIdent(schema) + " RENAME TO " + quoteIdent(aside), "CREATE SCHEMA " + quoteIdent(schema)} {
		if _, err := restore.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	defer db.Exec("DROP SCHEMA " + quoteIdent(aside) + " CASCADE")
	if _, err := restore.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", store.ServingLockKey(schema)); err != nil {
		t.Fatal(err)
	}
	select {
	case <-st.Lost():
	case <-time.After(20 * time.Second):
		t.Fatal("the node did not report that the schema it served was replaced")
	}
	if err := st.LostReason(); err == nil || !strings.Contains(err.Error(), "replaced") {
		t.Errorf("lost reason: %v", err)
	}
	if err := st.Ping(ctx); !store.IsUnavailable(err) {
		t.Errorf("a node whose schema was replaced still answers: %v", err)
	}
}
