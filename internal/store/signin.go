package store

import (
	"context"
	"time"
)

// SignInPlacesKept is how long a place where an account signed in stays
// known without another sign-in from it.
const SignInPlacesKept = 90 * 24 * time.Hour

// SignInCount is where a throttle key stands after one more attempt.
type SignInCount struct {
	Failures int       // attempts in the window, this one included
	Until    time.Time // when the window (or the pause) ends
}

// CountSignInAttempt records one attempt under key before its password is
// checked and returns the key's count. The count is taken by one atomic
// statement, so parallel attempts on any node see distinct counts and a
// limit holds exactly. A window that has run out starts a new one of the
// given length; the attempt that reaches limit pauses the key for pause
// from now. subject groups keys for ClearSignInSubject.
func (s *Store) CountSignInAttempt(ctx context.Context, key, subject string, limit int, window, pause time.Duration) (SignInCount, error) {
	now := time.Now()
	var c SignInCount
	var until utc
	err := s.write.QueryRowContext(ctx, s.q.CountSigninAttempt, key, subject,
		dbTime(now.Add(window)), dbTime(now), limit, dbTime(now.Add(pause))).Scan(&c.Failures, &until)
	c.Until = until.t
	return c, err
}

// ForgiveSignInAttempt takes back one counted attempt, for a sign-in that
// succeeded or never had its password checked.
func (s *Store) ForgiveSignInAttempt(ctx context.Context, key string) error {
	_, err := s.write.ExecContext(ctx, s.q.ForgiveSigninAttempt, key)
	return err
}

// TouchSignInAttempts rewrites a key's row unchanged, in a transaction of
// its own: the same work as an audit entry, without one.
func (s *Store) TouchSignInAttempts(ctx context.Context, key string) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		_, err := tx.ExecContext(ctx, s.q.TouchSigninAttempts, key)
		return err
	})
}

// ClearSignInAttempts forgets a key's count (a successful sign-in ends a
// run of failures).
func (s *Store) ClearSignInAttempts(ctx context.Context, key string) error {
	_, err := s.write.ExecContext(ctx, s.q.ClearSigninAttempts, key)
	return err
}

// ClearSignInSubject lifts every pause on one subject (an admin's reset).
func (s *Store) ClearSignInSubject(ctx context.Context, subject string) error {
	_, err := s.write.ExecContext(ctx, s.q.ClearSigninSubject, subject)
	return err
}

// RememberSignInPlace notes that the subject signed in from the place key.
func (s *Store) RememberSignInPlace(ctx context.Context, key, subject string) error {
	_, err := s.write.ExecContext(ctx, s.q.RememberSigninPlace, key, subject, dbTime(time.Now()))
	return err
}

// SignInPlaceKnown reports whether the place key saw a successful sign-in
// since the given time.
func (s *Store) SignInPlaceKnown(ctx context.Context, key string, since time.Time) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q.SigninPlaceKnown, key, dbTime(since)).Scan(&n)
	return n > 0, err
}

// SignInAlert is a pause the sign-in guard recorded against an account.
type SignInAlert struct {
	At     time.Time
	Detail string
}

// SignInAlerts returns the newest pauses recorded against an account since
// a time (at most ten), for its owner's account page.
func (s *Store) SignInAlerts(ctx context.Context, accountID int64, since time.Time) ([]SignInAlert, error) {
	rows, err := s.read.QueryContext(ctx, s.q.SigninAlerts, accountID, dbTime(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SignInAlert
	for rows.Next() {
		var a SignInAlert
		var at utc
		if err := rows.Scan(&at, &a.Detail); err != nil {
			return nil, err
		}
		a.At = at.t
		out = append(out, a)
	}
	return out, rows.Err()
}
