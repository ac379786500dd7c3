package store

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// readPool is the pool reads go through. On SQLite it keeps the store's
// fixed queries prepared: the driver parses the SQL text again on every
// call, and parsing was about a fifth of an uncached article render in
// BenchmarkPages. database/sql prepares a Stmt once per connection and
// keeps it. PostgreSQL's driver already caches its statements per
// connection, so there the pool is used as it is.
type readPool struct {
	dbPool
	prepare bool
	stmts   sync.Map // query text → *sql.Stmt
	n       atomic.Int32
}

// maxPrepared bounds the statements kept: the store's queries are a fixed
// set, but a query whose text is built per call (an IN list of some
// length) must not grow the map without end. Past the bound, queries run
// unprepared.
const maxPrepared = 256

func (p *readPool) stmt(ctx context.Context, query string) *dbStmt {
	if !p.prepare {
		return nil
	}
	if st, ok := p.stmts.Load(query); ok {
		return &dbStmt{st.(*sql.Stmt)}
	}
	if p.n.Load() >= maxPrepared {
		return nil
	}
	st, err := p.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil // the unprepared call below reports the error
	}
	if prev, loaded := p.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return &dbStmt{prev.(*sql.Stmt)}
	}
	p.n.Add(1)
	return &dbStmt{st}
}

// QueryContext runs query through its prepared statement where it has one.
func (p *readPool) QueryContext(ctx context.Context, query string, args ...any) (*dbRows, error) {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.dbPool.QueryContext(ctx, query, args...)
}

// QueryRowContext runs query through its prepared statement where it has one.
func (p *readPool) QueryRowContext(ctx context.Context, query string, args ...any) *dbRow {
	if st := p.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.dbPool.QueryRowContext(ctx, query, args...)
}

// Close closes the prepared statements and the pool.
func (p *readPool) Close() error {
	p.stmts.Range(func(_, st any) bool {
		st.(*sql.Stmt).Close()
		return true
	})
	return p.DB.Close()
}
