package store

import (
	"context"
	"database/sql"
)

// The store reaches the database only through the handles below, which
// wrap database/sql's and pass every error through mapError where the
// query runs, as gotosocial's error hook does: a query's caller sees
// ErrNotFound, ErrConflict or ErrUnavailable without mapping anything by
// hand. mapError leaves an error it already mapped as it is, so a caller
// that maps again changes nothing.

// dbPool is a connection pool whose queries and transactions map their
// errors. Conn hands out a bare *sql.Conn, for migrations and locks, whose
// callers map what they need.
type dbPool struct{ *sql.DB }

// ExecContext runs a statement that returns no rows.
func (p dbPool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := p.DB.ExecContext(ctx, query, args...)
	return res, mapError(err)
}

// QueryContext runs a query that returns rows.
func (p dbPool) QueryContext(ctx context.Context, query string, args ...any) (*dbRows, error) {
	return newRows(p.DB.QueryContext(ctx, query, args...))
}

// QueryRowContext runs a query that returns at most one row.
func (p dbPool) QueryRowContext(ctx context.Context, query string, args ...any) *dbRow {
	return &dbRow{p.DB.QueryRowContext(ctx, query, args...)}
}

// BeginTx starts a transaction.
func (p dbPool) BeginTx(ctx context.Context, opts *sql.TxOptions) (*dbTx, error) {
	tx, err := p.DB.BeginTx(ctx, opts)
	if err != nil {
		return nil, mapError(err)
	}
	return &dbTx{tx}, nil
}

// dbTx is a transaction whose statements and commit map their errors.
// Rollback's error is the driver's: no caller acts on it.
type dbTx struct{ *sql.Tx }

// ExecContext runs a statement that returns no rows.
func (tx *dbTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := tx.Tx.ExecContext(ctx, query, args...)
	return res, mapError(err)
}

// QueryContext runs a query that returns rows.
func (tx *dbTx) QueryContext(ctx context.Context, query string, args ...any) (*dbRows, error) {
	return newRows(tx.Tx.QueryContext(ctx, query, args...))
}

// QueryRowContext runs a query that returns at most one row.
func (tx *dbTx) QueryRowContext(ctx context.Context, query string, args ...any) *dbRow {
	return &dbRow{tx.Tx.QueryRowContext(ctx, query, args...)}
}

// PrepareContext prepares a statement to run several times in tx.
func (tx *dbTx) PrepareContext(ctx context.Context, query string) (*dbStmt, error) {
	st, err := tx.Tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, mapError(err)
	}
	return &dbStmt{st}, nil
}

// Commit commits the transaction.
func (tx *dbTx) Commit() error { return mapError(tx.Tx.Commit()) }

// dbStmt is a prepared statement whose runs map their errors.
type dbStmt struct{ *sql.Stmt }

// ExecContext runs the statement.
func (st *dbStmt) ExecContext(ctx context.Context, args ...any) (sql.Result, error) {
	res, err := st.Stmt.ExecContext(ctx, args...)
	return res, mapError(err)
}

// QueryContext runs the statement for rows.
func (st *dbStmt) QueryContext(ctx context.Context, args ...any) (*dbRows, error) {
	return newRows(st.Stmt.QueryContext(ctx, args...))
}

// QueryRowContext runs the statement for at most one row.
func (st *dbStmt) QueryRowContext(ctx context.Context, args ...any) *dbRow {
	return &dbRow{st.Stmt.QueryRowContext(ctx, args...)}
}

// dbRow is a query's single row: Scan answers ErrNotFound when there is
// none.
type dbRow struct{ row *sql.Row }

// Scan copies the row's columns into dest.
func (r *dbRow) Scan(dest ...any) error { return mapError(r.row.Scan(dest...)) }

// Err reports the query's error, if any, without scanning.
func (r *dbRow) Err() error { return mapError(r.row.Err()) }

// dbRows is a query's rows, whose Scan and Err map their errors.
type dbRows struct{ *sql.Rows }

func newRows(rows *sql.Rows, err error) (*dbRows, error) {
	if err != nil {
		return nil, mapError(err)
	}
	return &dbRows{rows}, nil
}

// Scan copies the current row's columns into dest.
func (r *dbRows) Scan(dest ...any) error { return mapError(r.Rows.Scan(dest...)) }

// Err reports the error that ended the iteration, if any.
func (r *dbRows) Err() error { return mapError(r.Rows.Err()) }
