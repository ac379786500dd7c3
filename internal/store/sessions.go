package store

import (
	"context"
	"errors"
	"time"
)

// Session is a logged-in staff member's session, found by the hash of the
// secret in their cookie.
type Session struct {
	ID       string // hash of the cookie secret
	Account  Account
	LastSeen time.Time
	Expires  time.Time
}

// CreateSession stores a new session for an account.
func (s *Store) CreateSession(ctx context.Context, idHash string, staffID int64, expires time.Time, ip, userAgent string) error {
	_, err := s.write.ExecContext(ctx, s.q.InsertSession, idHash, staffID, dbTime(time.Now()), dbTime(expires), ip, userAgent)
	return err
}

// SessionByHash returns a live session of an active account, or ErrNotFound.
func (s *Store) SessionByHash(ctx context.Context, idHash string) (Session, error) {
	var sess Session
	var seen, expires, locked, created utc
	a := &sess.Account
	err := s.read.QueryRowContext(ctx, s.q.SessionAccount, idHash, dbTime(time.Now())).Scan(&seen, &expires,
		&a.ID, &a.Slug, &a.Name, &a.Email, &a.Bio, &a.Role, &a.PasswordHash, &a.Active, &a.FailedLogins, &locked, &created)
	if err != nil {
		return sess, err
	}
	sess.ID, sess.LastSeen, sess.Expires = idHash, seen.t, expires.t
	a.LockedUntil, a.CreatedAt = locked.t, created.t
	return sess, nil
}

// TouchSession records activity on a session.
func (s *Store) TouchSession(ctx context.Context, idHash string) error {
	_, err := s.write.ExecContext(ctx, s.q.TouchSession, idHash, dbTime(time.Now()))
	return err
}

// DeleteSession ends a session (logout).
func (s *Store) DeleteSession(ctx context.Context, idHash string) error {
	_, err := s.write.ExecContext(ctx, s.q.DeleteSession, idHash)
	return err
}

// PruneSessions deletes expired sessions, sign-in counters whose window
// has ended and sign-in places not used since placesBefore.
func (s *Store) PruneSessions(ctx context.Context, now, placesBefore time.Time) error {
	for _, q := range []struct {
		sql string
		at  time.Time
	}{{s.q.PruneSessions, now}, {s.q.PruneSigninAttempts, now}, {s.q.PruneSigninPlaces, placesBefore}} {
		if _, err := s.write.ExecContext(ctx, q.sql, dbTime(q.at)); err != nil {
			return err
		}
	}
	return nil
}

// CreateSetupToken stores the hash of a one-time first-admin setup link.
func (s *Store) CreateSetupToken(ctx context.Context, hash string, expires time.Time) error {
	_, err := s.write.ExecContext(ctx, s.q.InsertSetupToken, hash, dbTime(time.Now()), dbTime(expires))
	return err
}

// SetupTokenValid reports whether a setup link is unused and unexpired and
// no admin exists yet.
func (s *Store) SetupTokenValid(ctx context.Context, hash string) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q.SetupTokenValid, hash, dbTime(time.Now())).Scan(&n)
	return n > 0, err
}

// ErrSetupUsed means a setup link was used, expired, or an admin exists.
var ErrSetupUsed = errors.New("this setup link has been used or has expired")

// UseSetupToken creates the first admin with a setup link, in one
// transaction: the link is spent and no admin may exist yet.
func (s *Store) UseSetupToken(ctx context.Context, hash string, admin *Account) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		res, err := tx.ExecContext(ctx, s.q.UseSetupToken, hash, dbTime(time.Now()))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrSetupUsed
		}
		var admins int
		if err := tx.QueryRowContext(ctx, s.q.AdminExists).Scan(&admins); err != nil {
			return err
		}
		if admins > 0 {
			return ErrSetupUsed
		}
		admin.Role, admin.Active, admin.CreatedAt = "admin", true, time.Now().UTC()
		var mail any = admin.Email
		if err := tx.QueryRowContext(ctx, s.q.InsertStaff, admin.Slug, admin.Name, mail, admin.Bio,
			dbTime(admin.CreatedAt), admin.Role, admin.PasswordHash).Scan(&admin.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, Change{StaffID: admin.ID, Actor: admin.Name, Action: "setup"}, "staff", admin.ID, "", "admin")
	})
}
