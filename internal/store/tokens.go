package store

import (
	"context"
	"time"
)

// Token is a personal API token as listed in the newsroom (never its secret).
type Token struct {
	ID       int64
	StaffID  int64
	Name     string
	Created  time.Time
	LastUsed time.Time
	Revoked  time.Time
}

// CreateToken stores the hash of a new token and audits it.
func (s *Store) CreateToken(ctx context.Context, staffID int64, name, hash string, ch Change) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *dbTx) error {
		if err := tx.QueryRowContext(ctx, s.q.InsertToken, staffID, name, hash, dbTime(time.Now())).Scan(&id); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "token", id, "", "active")
	})
	return id, err
}

// Tokens lists a staff member's tokens, newest first.
func (s *Store) Tokens(ctx context.Context, staffID int64) ([]Token, error) {
	rows, err := s.read.QueryContext(ctx, s.q.TokensOfStaff, staffID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var created, used, revoked utc
		if err := rows.Scan(&t.ID, &t.StaffID, &t.Name, &created, &used, &revoked); err != nil {
			return nil, err
		}
		t.Created, t.LastUsed, t.Revoked = created.t, used.t, revoked.t
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken revokes one of a staff member's own tokens; ErrNotFound if it
// is not theirs or already revoked.
func (s *Store) RevokeToken(ctx context.Context, id, staffID int64, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		res, err := tx.ExecContext(ctx, s.q.RevokeToken, id, staffID, dbTime(time.Now()))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.audit(ctx, tx, ch, "token", id, "active", "revoked")
	})
}

// TokenAccount returns the active account behind a live token, with the
// token's id and name, or ErrNotFound.
func (s *Store) TokenAccount(ctx context.Context, hash string) (Account, Token, error) {
	var a Account
	var t Token
	var locked, created utc
	err := s.read.QueryRowContext(ctx, s.q.TokenAccount, hash).Scan(&t.ID, &t.Name,
		&a.ID, &a.Slug, &a.Name, &a.Email, &a.Bio, &a.Role, &a.PasswordHash, &a.Active, &a.FailedLogins, &locked, &created)
	if err != nil {
		return a, t, err
	}
	a.LockedUntil, a.CreatedAt = locked.t, created.t
	t.StaffID = a.ID
	_, _ = s.write.ExecContext(ctx, s.q.TokenUsed, t.ID, dbTime(time.Now())) // best effort: a busy database must not refuse the request
	return a, t, nil
}
