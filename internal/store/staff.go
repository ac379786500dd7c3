package store

import (
	"context"
	"strings"
	"time"

	"dateline/internal/news"
)

// Account is a staff member as the newsroom sees them: a byline and a login.
type Account struct {
	ID           int64
	Slug         string
	Name         string
	Email        string
	Bio          string
	Role         string // one of auth.Roles
	PasswordHash string // empty: cannot log in
	Active       bool
	FailedLogins int
	LockedUntil  time.Time
	CreatedAt    time.Time
}

// Author is the byline form of the account.
func (a Account) Author() news.Author { return news.Author{ID: a.ID, Slug: a.Slug, Name: a.Name} }

// CreateStaff adds a byline-only staff member (no login). An empty email is
// stored as NULL so that several members may lack one.
func (s *Store) CreateStaff(ctx context.Context, a *news.Author, email, bio string) error {
	acc := Account{Slug: a.Slug, Name: a.Name, Email: email, Bio: bio, Role: "reporter"}
	err := s.CreateAccount(ctx, &acc, Change{Actor: "system", Action: "create"})
	a.ID = acc.ID
	return err
}

// CreateAccount adds a staff member with a role and (optionally) a password
// hash, and audits it. A taken email or slug is ErrConflict.
func (s *Store) CreateAccount(ctx context.Context, a *Account, ch Change) error {
	if a.Slug == "" {
		a.Slug = news.Slugify(a.Name)
	}
	var mail any
	if a.Email = strings.TrimSpace(a.Email); a.Email != "" {
		mail = a.Email
	}
	a.CreatedAt = time.Now().UTC()
	a.Active = true
	return s.inTx(ctx, func(tx *dbTx) error {
		if err := tx.QueryRowContext(ctx, s.q.InsertStaff, a.Slug, a.Name, mail, a.Bio, dbTime(a.CreatedAt),
			a.Role, a.PasswordHash).Scan(&a.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "staff", a.ID, "", a.Role)
	})
}

// StaffBySlug finds a staff member's byline or returns ErrNotFound.
func (s *Store) StaffBySlug(ctx context.Context, slug string) (news.Author, error) {
	var a news.Author
	err := s.read.QueryRowContext(ctx, s.q.StaffBySlug, slug).Scan(&a.ID, &a.Slug, &a.Name)
	return a, err
}

func scanAccount(row scanner) (Account, error) {
	var a Account
	var locked, created utc
	err := row.Scan(&a.ID, &a.Slug, &a.Name, &a.Email, &a.Bio, &a.Role, &a.PasswordHash, &a.Active,
		&a.FailedLogins, &locked, &created)
	a.LockedUntil, a.CreatedAt = locked.t, created.t
	return a, err
}

// AccountByID returns an account or ErrNotFound.
func (s *Store) AccountByID(ctx context.Context, id int64) (Account, error) {
	return scanAccount(s.read.QueryRowContext(ctx, s.q.AccountByID, id))
}

// AccountByEmail finds an account by email, ignoring case, or ErrNotFound.
func (s *Store) AccountByEmail(ctx context.Context, email string) (Account, error) {
	return scanAccount(s.read.QueryRowContext(ctx, s.q.AccountByEmail, strings.TrimSpace(email)))
}

// Accounts lists every staff member by name.
func (s *Store) Accounts(ctx context.Context) ([]Account, error) {
	rows, err := s.read.QueryContext(ctx, s.q.Accounts)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AdminExists reports whether an active admin who can log in exists.
func (s *Store) AdminExists(ctx context.Context) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q.AdminExists).Scan(&n)
	return n > 0, err
}

// SetPassword stores a new password hash, unlocks the account and ends all
// of its sessions (a changed password must log out a stolen session). With
// revokeTokens its API tokens are revoked too, in the same transaction: a
// thief who had the password may have made one.
func (s *Store) SetPassword(ctx context.Context, id int64, hash string, revokeTokens bool, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		res, err := tx.ExecContext(ctx, s.q.SetPassword, id, hash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, s.q.DeleteStaffSessions, id); err != nil {
			return err
		}
		if revokeTokens {
			if _, err := tx.ExecContext(ctx, s.q.RevokeStaffTokens, id, dbTime(time.Now())); err != nil {
				return err
			}
			ch.Detail = strings.TrimSpace(ch.Detail + " (API tokens revoked)")
		}
		return s.audit(ctx, tx, ch, "staff", id, "", "")
	})
}

// SetRoleActive changes an account's role and whether it may log in; a
// deactivated account loses its sessions.
func (s *Store) SetRoleActive(ctx context.Context, id int64, role string, active bool, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		var before string
		if err := tx.QueryRowContext(ctx, "SELECT role FROM staff WHERE id = $1", id).Scan(&before); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q.SetRoleActive, id, role, active); err != nil {
			return err
		}
		if !active {
			if _, err := tx.ExecContext(ctx, s.q.DeleteStaffSessions, id); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, ch, "staff", id, before, role)
	})
}

// LoginFailed adds one to the failed sign-ins shown against the account
// with this email, if there is one. It runs the same statement whether or
// not the email is known, so the two take the same time.
func (s *Store) LoginFailed(ctx context.Context, email string) error {
	_, err := s.write.ExecContext(ctx, s.q.LoginFailed, strings.TrimSpace(email))
	return err
}

// LoginSucceeded clears an account's failure count.
func (s *Store) LoginSucceeded(ctx context.Context, accountID int64) error {
	_, err := s.write.ExecContext(ctx, s.q.LoginSucceeded, accountID)
	return err
}
