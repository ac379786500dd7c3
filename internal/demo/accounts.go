package demo

import (
	"context"
	"fmt"

	"dateline/internal/auth"
	"dateline/internal/store"
)

// Credential is a demo sign-in, printed once when the demo is seeded.
type Credential struct {
	Name, Email, Role, Password string
}

// demoDesk are the accounts added beside the writers, one per other role.
var demoDesk = []struct{ Slug, Name, Email, Role string }{
	{"demo-editor", "Dilani Wickramasinghe", "editor@dateline.example", "editor"},
	{"demo-moderator", "Mohamed Rizwan", "moderator@dateline.example", "moderator"},
	{"demo-admin", "Site Admin", "admin@dateline.example", "admin"},
}

// Accounts gives the demo writers (reporters) random passwords and adds an
// editor, a moderator and an admin, returning every sign-in so that serve
// can print them once. Run it only right after Seed wrote the demo.
func Accounts(ctx context.Context, st *store.Store) ([]Credential, error) {
	var out []Credential
	for _, a := range Authors {
		acc, err := st.AccountByEmail(ctx, a.Email)
		if err != nil {
			return nil, fmt.Errorf("demo writer %s: %w", a.Slug, err)
		}
		pw, hash, err := newPassword()
		if err != nil {
			return nil, err
		}
		if err := st.SetPassword(ctx, acc.ID, hash, false, store.Change{Actor: "demo", Action: "set-password"}); err != nil {
			return nil, err
		}
		out = append(out, Credential{Name: acc.Name, Email: a.Email, Role: acc.Role, Password: pw})
	}
	for _, d := range demoDesk {
		pw, hash, err := newPassword()
		if err != nil {
			return nil, err
		}
		acc := store.Account{Slug: d.Slug, Name: d.Name, Email: d.Email, Role: d.Role, PasswordHash: hash}
		if err := st.CreateAccount(ctx, &acc, store.Change{Actor: "demo", Action: "create"}); err != nil {
			return nil, fmt.Errorf("demo account %s: %w", d.Email, err)
		}
		out = append(out, Credential{Name: d.Name, Email: d.Email, Role: d.Role, Password: pw})
	}
	return out, nil
}

func newPassword() (string, string, error) {
	pw := auth.GeneratePassword()
	hash, err := auth.HashPassword(pw)
	return pw, hash, err
}
