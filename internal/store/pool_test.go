package store_test

import (
	"context"
	"testing"

	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestPostgresPoolSize: the pool holds DATELINE_DB_MAX_CONNS connections
// (Options.MaxConns), 20 when unset; a fixed 20 per node let four or five
// nodes exhaust PostgreSQL's default max_connections of 100.
func TestPostgresPoolSize(t *testing.T) {
	opts := storetest.Options(t, "postgres")
	for _, tc := range []struct{ set, want int }{{0, store.DefaultMaxConns}, {6, 6}, {50, 50}} {
		o := opts
		o.MaxConns = tc.set
		st, err := store.Open(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.MaxOpenConns(); got != tc.want {
			t.Errorf("MaxConns %d: the pool holds up to %d connections, want %d", tc.set, got, tc.want)
		}
		st.Close()
	}
}
