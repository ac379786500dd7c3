package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"

	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestUnavailableErrors feeds the error mapping real driver errors: a
// PostgreSQL that refuses connections and a SQLite file another connection
// holds locked are unavailable (a 503 that may pass); a unique violation, a
// missing row and a caller who gave up are not.
func TestUnavailableErrors(t *testing.T) {
	ctx := context.Background()

	// Nothing listens on a port just closed: the connection is refused.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	db, err := sql.Open("pgx", fmt.Sprintf("postgres://postgres@%s/none?sslmode=disable&connect_timeout=5", closed))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	refused := db.PingContext(ctx)
	if refused == nil {
		t.Fatalf("a PostgreSQL connection to %s succeeded", closed)
	}
	if !errors.Is(store.MapError(refused), store.ErrUnavailable) || !store.IsUnavailable(refused) {
		t.Errorf("a refused PostgreSQL connection is not unavailable: %v", refused)
	}

	// SQLite: a second connection without a busy timeout meets the lock
	// the first one holds.
	e := storetest.Open(t, "sqlite")
	path := "file:" + store.SQLitePath(e.Options.DataDir)
	holder, err := sql.Open("sqlite", path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	tx, err := holder.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(0)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	_, busy := other.BeginTx(ctx, nil)
	if busy == nil {
		t.Fatal("a second writer got the SQLite lock")
	}
	if !errors.Is(store.MapError(busy), store.ErrUnavailable) || !store.IsUnavailable(busy) {
		t.Errorf("SQLITE_BUSY is not unavailable: %v", busy)
	}
	tx.Rollback()

	// A cut connection reaches the store as a bare io.ErrUnexpectedEOF from
	// pgx; only the store, which knows it came from the database, may read
	// it as an outage. Anywhere else it is a truncated upload.
	if !errors.Is(store.MapError(io.ErrUnexpectedEOF), store.ErrUnavailable) {
		t.Error("a database answer cut short is not unavailable")
	}
	if store.IsUnavailable(io.ErrUnexpectedEOF) {
		t.Error("IsUnavailable takes any io.ErrUnexpectedEOF for an outage")
	}

	// What is not an outage stays what it is.
	sec := news.Section{Slug: "local", Name: "Local"}
	if err := e.Store.CreateSection(ctx, &sec); err != nil {
		t.Fatal(err)
	}
	dup := e.Store.CreateSection(ctx, &news.Section{Slug: "local", Name: "Again"})
	if !errors.Is(dup, store.ErrConflict) || store.IsUnavailable(dup) {
		t.Errorf("a duplicate slug: %v", dup)
	}
	if _, err := e.Store.Article(ctx, 999); !errors.Is(err, store.ErrNotFound) || store.IsUnavailable(err) {
		t.Errorf("a missing article: %v", err)
	}
	gone, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := e.Store.Article(gone, 1); store.IsUnavailable(err) {
		t.Errorf("a request whose client went away is reported as an outage: %v", err)
	}
}
