package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// mapError turns driver errors into the store's sentinels, in one place for
// both engines, keeping the original error wrapped for logs. The store's
// database handles (db.go) call it on every error they return; it leaves
// an error it mapped before as it is.
func mapError(err error) error {
	var c *conflict
	var u *unavailable
	if err == nil || errors.Is(err, ErrNotFound) || errors.As(err, &c) || errors.As(err, &u) {
		return err // nothing to map, or mapped already
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	// pgx reports a connection cut in the middle of an answer (a server
	// that crashed or was killed) as a bare io.ErrUnexpectedEOF. Only here,
	// where err is known to come from the database, can it be read that
	// way; elsewhere it may be a reader's truncated upload.
	if unreachable(err) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &unavailable{err}
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

// IsUnavailable reports whether err means the database cannot be reached or
// cannot take the work just now, so the request may succeed if tried again
// later (a 503, not a 500). It knows the mapped ErrUnavailable and also the
// driver errors themselves, because not every error passes through
// mapError (the bare connections of migrations and locks, for one).
func IsUnavailable(err error) bool {
	return errors.Is(err, ErrUnavailable) || unreachable(err)
}

// unreachable recognises the driver errors of a database that is down,
// restarting, unreachable over the network or too busy to take a write. A
// deadline passed while waiting for the database counts too: the store's
// own timeouts (a health check, a connection attempt) only expire when the
// database does not answer.
func unreachable(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false // the caller gave up; that says nothing about the database
	}
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	switch {
	case errors.As(err, &connectErr), errors.As(err, &netErr),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, pgconn.ErrConnClosed),
		errors.Is(err, context.DeadlineExceeded), pgconn.Timeout(err):
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// Class 08 is "connection exception"; 57P01-57P03 are the server
		// shutting down, crashing or still starting; 53300 is "too many
		// connections". Each passes once the server is back or less busy.
		switch c := pgErr.Code; {
		case strings.HasPrefix(c, "08"), c == "57P01", c == "57P02", c == "57P03", c == "53300":
			return true
		}
		return false
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		// SQLITE_BUSY after busy_timeout (10 s) means another writer held
		// the file that long: an overload or a long maintenance step, not a
		// fault in this request.
		switch sqErr.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
	}
	return false
}

type conflict struct{ err error }

func (c *conflict) Error() string        { return "conflict: " + c.err.Error() }
func (c *conflict) Is(target error) bool { return target == ErrConflict }
func (c *conflict) Unwrap() error        { return c.err }

type unavailable struct{ err error }

func (u *unavailable) Error() string        { return "database unavailable: " + u.err.Error() }
func (u *unavailable) Is(target error) bool { return target == ErrUnavailable }
func (u *unavailable) Unwrap() error        { return u.err }
