package server_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/newsroom"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

func setupPath(t *testing.T, link, base string) (path, token string) {
	t.Helper()
	if !strings.HasPrefix(link, base+"/newsroom/setup?token=dlsetup_") {
		t.Fatalf("setup link %q", link)
	}
	path = strings.TrimPrefix(link, base)
	q, _ := url.ParseQuery(strings.SplitN(path, "?", 2)[1])
	return path, q.Get("token")
}

// TestSetupLinksOfTwoNodes: every node that starts with no admin prints a
// setup link. Each one opens the form on any node; once one of them has
// made the admin, the others answer as used links and make no second admin.
func TestSetupLinksOfTwoNodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		a := servertest.New(t, e)
		b := startNode(t, a, e)
		linkA, err := newsroom.SetupLink(ctx, a.Store, a.Srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		linkB, err := newsroom.SetupLink(ctx, b.Store, b.Srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		pathA, tokenA := setupPath(t, linkA, a.Srv.URL)
		pathB, tokenB := setupPath(t, linkB, b.Srv.URL)
		for _, node := range []*servertest.Fixture{a, b} {
			for _, path := range []string{pathA, pathB} {
				servertest.GetPage(t, node, servertest.NewBrowser(t), path).Expect(t, http.StatusOK, "Create the first admin")
			}
		}
		form := url.Values{"token": {tokenB}, "name": {"Asha Perera"}, "email": {"asha@dateline.test"},
			"password": {"harbour-lights-42"}, "confirm": {"harbour-lights-42"}}
		servertest.PostForm(t, a, servertest.NewBrowser(t), "/newsroom/setup", form).ExpectRedirect(t, "setup", "/newsroom/?done=setup-ready")

		const spent = "This setup link has been used or has expired."
		for _, node := range []*servertest.Fixture{a, b} {
			servertest.GetPage(t, node, servertest.NewBrowser(t), pathA).Expect(t, http.StatusNotFound, spent)
		}
		form.Set("token", tokenA)
		form.Set("email", "second@dateline.test")
		servertest.PostForm(t, b, servertest.NewBrowser(t), "/newsroom/setup", form).Expect(t, http.StatusNotFound, "this setup link has been used or has expired")
		if _, err := a.Store.AccountByEmail(ctx, "second@dateline.test"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("the other node's link made a second admin: %v", err)
		}
	})
}

// TestSetupLinkAfterAnotherAdminIsMade: a link printed before another node
// made an admin (the demo's, on a node seeding it) must not offer a form
// whose submission can only fail: it answers as a used link at once.
func TestSetupLinkAfterAnotherAdminIsMade(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		a := servertest.New(t, e)
		b := startNode(t, a, e)
		link, err := newsroom.SetupLink(ctx, b.Store, b.Srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		path, _ := setupPath(t, link, b.Srv.URL)
		hash, err := auth.HashPassword("harbour-lights-42")
		if err != nil {
			t.Fatal(err)
		}
		admin := store.Account{Slug: "demo-admin", Name: "Site Admin", Email: "admin@dateline.example", Role: "admin", PasswordHash: hash}
		if err := a.Store.CreateAccount(ctx, &admin, store.Change{Actor: "demo", Action: "create"}); err != nil {
			t.Fatal(err)
		}
		servertest.GetPage(t, b, servertest.NewBrowser(t), path).Expect(t, http.StatusNotFound, "This setup link has been used or has expired.")
	})
}
