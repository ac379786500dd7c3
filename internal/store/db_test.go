package store

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestMapErrorTwice: the handles of db.go map every error, and inTx maps
// what its function returns once more, so mapping a mapped error must give
// it back as it is, with the same sentinels and the same message.
func TestMapErrorTwice(t *testing.T) {
	unique := &pgconn.PgError{Code: "23505", Message: "duplicate key"}
	shutdown := &pgconn.PgError{Code: "57P01", Message: "terminating connection"}
	for _, tc := range []struct {
		err  error
		want error
	}{
		{sql.ErrNoRows, ErrNotFound},
		{unique, ErrConflict},
		{fmt.Errorf("insert section: %w", unique), ErrConflict},
		{shutdown, ErrUnavailable},
		{io.ErrUnexpectedEOF, ErrUnavailable},
	} {
		once := mapError(tc.err)
		if !errors.Is(once, tc.want) {
			t.Errorf("mapError(%v) = %v, want %v", tc.err, once, tc.want)
		}
		if twice := mapError(once); twice != once {
			t.Errorf("mapError mapped %v again: %v", once, twice)
		}
		if wrapped := fmt.Errorf("store: %w", once); mapError(wrapped) != wrapped {
			t.Errorf("mapError mapped a wrapped %v again", once)
		}
	}
	if other := errors.New("bad input"); mapError(other) != other {
		t.Error("mapError changed an error that is not the driver's")
	}
}
