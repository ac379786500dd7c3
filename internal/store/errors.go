package store

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// mapError turns driver errors into the store's sentinels, in one place for
// both engines, keeping the original error wrapped for logs.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505", "23503": // unique_violation, foreign_key_violation
			return &conflict{err}
		}
		return err
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return &conflict{err}
		}
		if strings.Contains(sqErr.Error(), "UNIQUE constraint failed") {
			return &conflict{err}
		}
	}
	return err
}

type conflict struct{ err error }

func (c *conflict) Error() string        { return "conflict: " + c.err.Error() }
func (c *conflict) Is(target error) bool { return target == ErrConflict }
func (c *conflict) Unwrap() error        { return c.err }
