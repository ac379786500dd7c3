package store_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// newsroomFixture is a section, an account and a draft.
func newsroomFixture(t *testing.T, s *store.Store) (news.Section, store.Account, news.Article) {
	t.Helper()
	ctx := context.Background()
	sec := news.Section{Slug: "local", Name: "Local"}
	if err := s.CreateSection(ctx, &sec); err != nil {
		t.Fatal(err)
	}
	acc := store.Account{Name: "Nimal Perera", Email: "Nimal@Example.lk", Role: "editor", PasswordHash: "x"}
	if err := s.CreateAccount(ctx, &acc, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatal(err)
	}
	a := news.Article{Headline: "Draft", Section: sec, Lang: "en", Status: news.StatusDraft, OwnerID: acc.ID, BodyMarkdown: "one\ntwo"}
	if err := s.CreateArticle(ctx, &a, store.Change{StaffID: acc.ID, Actor: acc.Name, Action: "create"}); err != nil {
		t.Fatal(err)
	}
	return sec, acc, a
}

func TestStaleUpdateIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		s := e.Store
		_, acc, a := newsroomFixture(t, s)
		first, second := a, a
		first.Headline = "First editor's headline"
		if err := s.UpdateArticle(ctx, &first, store.Change{StaffID: acc.ID, Actor: "one", Action: "save"}); err != nil {
			t.Fatal(err)
		}
		if first.Version != 2 {
			t.Fatalf("version after save %d, want 2", first.Version)
		}
		second.Headline = "Second editor's headline"
		if err := s.UpdateArticle(ctx, &second, store.Change{StaffID: acc.ID, Actor: "two", Action: "save"}); !errors.Is(err, store.ErrStale) {
			t.Fatalf("stale save: %v, want ErrStale", err)
		}
		got, _ := s.Article(ctx, a.ID)
		if got.Headline != "First editor's headline" || got.Version != 2 {
			t.Fatalf("stored %q v%d", got.Headline, got.Version)
		}
		revs, err := s.Revisions(ctx, a.ID, 10)
		if err != nil || len(revs) != 2 || revs[0].Version != 2 || revs[0].Actor != "one" || revs[1].Action != "create" {
			t.Fatalf("revisions %+v %v", revs, err)
		}
		log, err := s.AuditLog(ctx, store.AuditFilter{ObjectType: "article", ObjectID: a.ID, Limit: 10})
		if err != nil || len(log) != 2 || log[0].Action != "save" || log[0].BeforeStatus != "draft" {
			t.Fatalf("audit %+v %v", log, err)
		}
		// Restoring the first revision brings its headline back as version 3.
		rev, err := s.Revision(ctx, a.ID, revs[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		rev.ApplyTo(&first)
		first.Section = got.Section
		if err := s.UpdateArticle(ctx, &first, store.Change{Actor: "one", Action: "restore"}); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Article(ctx, a.ID); got.Headline != "Draft" || got.Version != 3 {
			t.Fatalf("after restore %q v%d", got.Headline, got.Version)
		}
	})
}

func TestScheduledArticleIsPublishedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		s := e.Store
		_, acc, a := newsroomFixture(t, s)
		at := time.Now().Add(time.Minute).UTC().Truncate(time.Second)
		a.Status, a.ScheduledAt = news.StatusScheduled, at
		if err := s.UpdateArticle(ctx, &a, store.Change{StaffID: acc.ID, Actor: "ed", Action: "schedule"}); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueScheduled(ctx, time.Now(), 10); len(due) != 0 {
			t.Fatalf("due before its time: %v", due)
		}
		later := at.Add(time.Second)
		due, err := s.DueScheduled(ctx, later, 10)
		if err != nil || len(due) != 1 || due[0] != a.ID {
			t.Fatalf("due %v %v", due, err)
		}
		// Several nodes race to publish it; exactly one wins.
		var wg sync.WaitGroup
		results := make(chan bool, 4)
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := s.PublishScheduled(ctx, a.ID, later)
				if err != nil {
					t.Error(err)
				}
				results <- ok
			}()
		}
		wg.Wait()
		close(results)
		wins := 0
		for ok := range results {
			if ok {
				wins++
			}
		}
		if wins != 1 {
			t.Fatalf("%d nodes published it, want exactly 1", wins)
		}
		got, err := s.PublishedArticle(ctx, a.ID)
		if err != nil || !got.PublishedAt.Equal(at) {
			t.Fatalf("published at %v, want %v (%v)", got.PublishedAt, at, err)
		}
		log, _ := s.AuditLog(ctx, store.AuditFilter{ObjectType: "article", ObjectID: a.ID, Limit: 10})
		if len(log) != 3 || log[0].Actor != "scheduler" || log[0].AfterStatus != "published" {
			t.Fatalf("audit %+v", log)
		}
	})
}

func TestSessionsTokensAndLogins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		s := e.Store
		_, acc, _ := newsroomFixture(t, s)
		if got, err := s.AccountByEmail(ctx, " nimal@example.LK "); err != nil || got.ID != acc.ID {
			t.Fatalf("email lookup ignoring case: %v %v", got.ID, err)
		}
		if err := s.CreateSession(ctx, "hash-1", acc.ID, time.Now().Add(time.Hour), "127.0.0.1", "test"); err != nil {
			t.Fatal(err)
		}
		sess, err := s.SessionByHash(ctx, "hash-1")
		if err != nil || sess.Account.ID != acc.ID || sess.Account.Role != "editor" {
			t.Fatalf("session %+v %v", sess, err)
		}
		if err := s.CreateSession(ctx, "hash-old", acc.ID, time.Now().Add(-time.Minute), "", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionByHash(ctx, "hash-old"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("expired session: %v", err)
		}
		// A new password ends every session.
		if err := s.SetPassword(ctx, acc.ID, "new-hash", false, store.Change{Actor: "t", Action: "reset"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionByHash(ctx, "hash-1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("session survived a password change: %v", err)
		}

		id, err := s.CreateToken(ctx, acc.ID, "importer", "tok-hash", store.Change{Actor: "t", Action: "create-token"})
		if err != nil {
			t.Fatal(err)
		}
		if got, tok, err := s.TokenAccount(ctx, "tok-hash"); err != nil || got.ID != acc.ID || tok.Name != "importer" {
			t.Fatalf("token lookup %v %v", got.ID, err)
		}
		if err := s.RevokeToken(ctx, id, acc.ID+1, store.Change{}); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("revoking someone else's token: %v", err)
		}
		if err := s.RevokeToken(ctx, id, acc.ID, store.Change{Actor: "t", Action: "revoke-token"}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.TokenAccount(ctx, "tok-hash"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("revoked token still works: %v", err)
		}

		for range 5 {
			if err := s.LoginFailed(ctx, strings.ToUpper(acc.Email)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.LoginFailed(ctx, "nobody@example.lk"); err != nil { // no account: no error, no row
			t.Fatal(err)
		}
		got, _ := s.AccountByID(ctx, acc.ID)
		if got.FailedLogins != 5 {
			t.Fatalf("after 5 failures: %d", got.FailedLogins)
		}
		if err := s.LoginSucceeded(ctx, acc.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.AccountByID(ctx, acc.ID); got.FailedLogins != 0 || !got.LockedUntil.IsZero() {
			t.Fatalf("after success: %+v", got)
		}
	})
}

func TestSetupTokenMakesOneAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		s := e.Store
		if ok, _ := s.AdminExists(ctx); ok {
			t.Fatal("fresh store has an admin")
		}
		if err := s.CreateSetupToken(ctx, "setup-hash", time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		admin := store.Account{Slug: "first-admin", Name: "First Admin", Email: "admin@example.lk", PasswordHash: "h"}
		if err := s.UseSetupToken(ctx, "setup-hash", &admin); err != nil {
			t.Fatal(err)
		}
		again := store.Account{Slug: "second", Name: "Second", Email: "two@example.lk", PasswordHash: "h"}
		if err := s.UseSetupToken(ctx, "setup-hash", &again); !errors.Is(err, store.ErrSetupUsed) {
			t.Fatalf("second use: %v", err)
		}
		if ok, _ := s.AdminExists(ctx); !ok {
			t.Fatal("no admin after setup")
		}
	})
}
