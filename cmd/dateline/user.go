package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/config"
	"dateline/internal/news"
	"dateline/internal/store"
)

// userAdd creates a staff account from the shell and prints its generated
// password once: "dateline user add --email a@b --name 'A B' --role admin".
func userAdd(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("dateline user add", flag.ContinueOnError)
	email := fs.String("email", "", "email address (the sign-in name)")
	name := fs.String("name", "", "full name, as shown in bylines")
	roleName := fs.String("role", "", "reporter, editor, moderator or admin")
	cfg, err := config.Load(getenv, fs, args)
	if err != nil {
		return err
	}
	role, err := auth.ParseRole(*roleName)
	if err != nil {
		return fmt.Errorf("--role: %w", err)
	}
	*name, *email = strings.TrimSpace(*name), strings.TrimSpace(*email)
	if *name == "" {
		return errors.New("--name is required")
	}
	if !strings.Contains(*email, "@") {
		return errors.New("--email must be an email address")
	}
	st, err := store.Open(ctx, store.Options{DatabaseURL: cfg.DatabaseURL, DataDir: cfg.DataDir, MaxConns: cfg.DBMaxConns})
	if err != nil {
		return err
	}
	defer st.Close()
	password := auth.GeneratePassword()
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	acc := store.Account{Slug: news.Slugify(*name), Name: *name, Email: *email, Role: string(role), PasswordHash: hash}
	if err := st.CreateAccount(ctx, &acc, store.Change{Actor: "dateline user add", Action: "create", Detail: "role " + string(role)}); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("a staff member with that email or name already exists")
		}
		return err
	}
	fmt.Fprintf(stdout, "Created %s (%s) as %s.\nPassword (shown only now): %s\n", acc.Name, acc.Email, acc.Role, password)
	return nil
}
