package newsroom_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/jobs"
	"dateline/internal/news"
	"dateline/internal/newsroom"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// The newsroom scenarios drive the staff HTML at /newsroom/ through the real
// server, one browser (cookie jar) per person, on both engines.

func TestNewsroomLoginAndLogout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		c := servertest.NewBrowser(t)

		r := servertest.PostForm(t, f, c, "/newsroom/login", url.Values{"email": {rep.Email}, "password": {"not the password"}})
		r.Expect(t, http.StatusUnauthorized, servertest.WrongLogin)
		servertest.Contains(t, "refused sign-in", r.Body, `value="`+rep.Email+`"`) // the typed email is kept
		if len(r.Cookies) != 0 {
			t.Errorf("a refused sign-in set cookies: %v", r.Cookies)
		}
		r = servertest.PostForm(t, f, c, "/newsroom/login", url.Values{"email": {"nobody@dateline.test"}, "password": {"not the password"}})
		r.Expect(t, http.StatusUnauthorized, servertest.WrongLogin) // the same answer: no hint which emails exist

		r = servertest.PostForm(t, f, c, "/newsroom/login", url.Values{"email": {strings.ToUpper(rep.Email)}, "password": {rep.Password}})
		r.ExpectRedirect(t, "sign in", "/newsroom/")
		var session *http.Cookie
		for _, ck := range r.Cookies {
			if ck.Name == "dateline_session" {
				session = ck
			}
		}
		if session == nil || session.Value == "" {
			t.Fatalf("sign-in set no session cookie: %v", r.Cookies)
		}
		if !session.HttpOnly || (session.SameSite != http.SameSiteLaxMode && session.SameSite != http.SameSiteStrictMode) || session.Path != "/" {
			t.Errorf("session cookie %+v: want HttpOnly, SameSite Lax or Strict, Path /", session)
		}
		servertest.GetPage(t, f, c, "/newsroom/").Expect(t, http.StatusOK, "Articles", rep.Name)
		servertest.GetPage(t, f, c, "/newsroom/no/such/page").Expect(t, http.StatusNotFound, "There is no such page in the newsroom.")
		// A signed-in member who opens the login form goes straight in.
		if r := servertest.GetPage(t, f, c, "/newsroom/login"); r.Header.Get("Location") != "/newsroom/" {
			t.Errorf("login form while signed in: %d to %q", r.Status, r.Header.Get("Location"))
		}

		servertest.PostForm(t, f, c, "/newsroom/logout", nil).ExpectRedirect(t, "sign out", "/newsroom/login?done=logged-out")
		servertest.GetPage(t, f, c, "/newsroom/login?done=logged-out").Expect(t, http.StatusOK, "You have signed out.")
		servertest.GetPage(t, f, c, "/newsroom/").ExpectRedirect(t, "after sign-out", "/newsroom/login?next=%2Fnewsroom%2F")

		// The old cookie, kept by someone who copied it, opens nothing.
		thief := servertest.NewBrowser(t)
		srv, _ := url.Parse(f.Srv.URL)
		thief.Jar.SetCookies(srv, []*http.Cookie{{Name: session.Name, Value: session.Value}})
		servertest.GetPage(t, f, thief, "/newsroom/").ExpectRedirect(t, "old cookie", "/newsroom/login?next=%2Fnewsroom%2F")
		servertest.PostMultipart(t, f, thief, "/newsroom/articles", servertest.StoryForm(f, "Written with a stolen cookie", "Body.")).
			Expect(t, http.StatusUnauthorized, "Your session has ended")
	})
}

// TestNewsroomLoginPausesAfterFiveFailures: five wrong passwords pause
// sign-in for that email from that browser and address, with the same
// answer as any failure (the right password is refused too); an admin's
// reset lifts the pause and hands over a new password.
func TestNewsroomLoginPausesAfterFiveFailures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		admin := servertest.NewMember(t, f, auth.Admin, "Anjali Admin")
		boss := servertest.LoginAs(t, f, admin) // before the pause: same address as the guesses
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		c := servertest.NewBrowser(t)
		wrong := url.Values{"email": {rep.Email}, "password": {"monsoon guess"}}
		for i := 1; i <= 5; i++ {
			servertest.PostForm(t, f, c, "/newsroom/login", wrong).Expect(t, http.StatusUnauthorized, servertest.GenericFailure)
		}
		right := url.Values{"email": {rep.Email}, "password": {rep.Password}}
		r := servertest.PostForm(t, f, c, "/newsroom/login", right)
		r.Expect(t, http.StatusUnauthorized, servertest.GenericFailure)
		if len(r.Cookies) != 0 {
			t.Fatalf("a paused sign-in was given cookies: %v", r.Cookies)
		}

		// An admin's reset lifts the pause and hands over a new password.
		servertest.GetPage(t, f, boss, "/newsroom/staff").Expect(t, http.StatusOK, rep.Name, "6 failed") // the refused right one counts too
		r = servertest.PostForm(t, f, boss, fmt.Sprintf("/newsroom/staff/%d/reset", rep.ID), url.Values{"confirm": {"yes"}})
		r.Expect(t, http.StatusOK, "Password reset", "any pause on signing in lifted")
		fresh := servertest.SecretOf(t, r)
		if r.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("the page with a new password is cacheable: %q", r.Header.Get("Cache-Control"))
		}
		servertest.PostForm(t, f, c, "/newsroom/login", right).Expect(t, http.StatusUnauthorized, servertest.WrongLogin) // the old one is gone
		servertest.Login(t, f, rep.Email, fresh)
		if acc, _ := f.Store.AccountByID(context.Background(), rep.ID); acc.FailedLogins != 0 || !acc.LockedUntil.IsZero() {
			t.Errorf("after reset and sign-in: %d failures, locked until %v", acc.FailedLogins, acc.LockedUntil)
		}
		if lines := servertest.AuditLines(t, f, boss, fmt.Sprintf("type=staff&id=%d", rep.ID)); !servertest.HasAudit(lines, admin.Name, "reset-password") || !servertest.HasAudit(lines, "sign-in guard", "signin-paused") {
			t.Errorf("the audit log does not record the pause and the reset: %+v", lines)
		}
	})
}

func TestNewsroomLoginNextStaysInNewsroom(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		srv, _ := url.Parse(f.Srv.URL)
		for _, tc := range []struct{ next, want string }{
			{"/newsroom/articles/new", "/newsroom/articles/new"},
			{"/newsroom/?status=review", "/newsroom/?status=review"},
			{"", "/newsroom/"},
			{"//evil.example/x", "/newsroom/"},
			{"https://evil.example", "/newsroom/"},
			{"/\\evil.example", "/newsroom/"},
			{"/newsroom/\\\\evil.example", "/newsroom/"},
			{"https://evil.example/newsroom/", "/newsroom/"},
			{"javascript:alert(1)", "/newsroom/"},
		} {
			c := servertest.NewBrowser(t)
			form := servertest.GetPage(t, f, c, "/newsroom/login?next="+url.QueryEscape(tc.next))
			form.Expect(t, http.StatusOK, "Sign in to the newsroom")
			servertest.Contains(t, "login form for next="+tc.next, form.Body, `name="next" value="`+tc.want+`"`)

			r := servertest.PostForm(t, f, c, "/newsroom/login", url.Values{"email": {rep.Email}, "password": {rep.Password}, "next": {tc.next}})
			r.ExpectRedirect(t, "sign in with next="+tc.next, tc.want)
			if to, err := srv.Parse(r.Header.Get("Location")); err != nil || to.Host != srv.Host {
				t.Errorf("next=%q leads to %v (%v), off the site", tc.next, to, err)
			}
		}
	})
}

func TestNewsroomLoginLimitPerAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		c := servertest.NewBrowser(t)
		for i := 1; i <= 20; i++ {
			// Different unknown emails, so no account lock gets in the way.
			r := servertest.PostForm(t, f, c, "/newsroom/login", url.Values{"email": {fmt.Sprintf("guess%d@dateline.test", i)}, "password": {"letmein-please"}})
			r.Expect(t, http.StatusUnauthorized, servertest.WrongLogin)
		}
		r := servertest.PostForm(t, f, c, "/newsroom/login", url.Values{"email": {rep.Email}, "password": {rep.Password}})
		r.Expect(t, http.StatusTooManyRequests, "Too many failed sign-ins from your address.")
		if r.Header.Get("Retry-After") == "" || len(r.Cookies) != 0 {
			t.Errorf("429: Retry-After %q, cookies %v", r.Header.Get("Retry-After"), r.Cookies)
		}
	})
}

func TestNewsroomSetupLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e) // its only staff member is a byline without a login
		ctx := context.Background()
		link, err := newsroom.SetupLink(ctx, f.Store, f.Srv.URL)
		if err != nil || !strings.HasPrefix(link, f.Srv.URL+"/newsroom/setup?token=dlsetup_") {
			t.Fatalf("SetupLink = %q, %v", link, err)
		}
		path := strings.TrimPrefix(link, f.Srv.URL)
		token, _ := url.ParseQuery(strings.SplitN(path, "?", 2)[1])

		c := servertest.NewBrowser(t)
		r := servertest.GetPage(t, f, c, path)
		r.Expect(t, http.StatusOK, "Create the first admin")
		servertest.Contains(t, "setup form", r.Body, `name="token" value="`+token.Get("token")+`"`)

		form := url.Values{"token": {token.Get("token")}, "name": {"Asha Perera"}, "email": {"asha@dateline.test"},
			"password": {"harbour-lights-42"}, "confirm": {"harbour-lights-24"}}
		servertest.PostForm(t, f, c, "/newsroom/setup", form).Expect(t, http.StatusBadRequest, "The two passwords differ.", "Asha Perera")
		form.Set("confirm", "harbour-lights-42") // the refused try did not spend the link
		servertest.PostForm(t, f, c, "/newsroom/setup", form).ExpectRedirect(t, "setup", "/newsroom/?done=setup-ready")
		servertest.GetPage(t, f, c, "/newsroom/?done=setup-ready").Expect(t, http.StatusOK, "Your admin account is ready.", "Asha Perera", "(admin)")
		servertest.GetPage(t, f, c, "/newsroom/staff").Expect(t, http.StatusOK, "asha@dateline.test")

		acc, err := f.Store.AccountByEmail(ctx, "asha@dateline.test")
		if err != nil || acc.Role != string(auth.Admin) || !acc.Active {
			t.Fatalf("the new admin: %+v, %v", acc, err)
		}

		const spent = "This setup link has been used or has expired."
		servertest.GetPage(t, f, servertest.NewBrowser(t), path).Expect(t, http.StatusNotFound, spent)
		form.Set("email", "second@dateline.test")
		servertest.PostForm(t, f, servertest.NewBrowser(t), "/newsroom/setup", form).Expect(t, http.StatusNotFound, "this setup link has been used or has expired")
		if _, err := f.Store.AccountByEmail(ctx, "second@dateline.test"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a spent link created a second admin: %v", err)
		}
		if again, err := newsroom.SetupLink(ctx, f.Store, f.Srv.URL); again != "" || err != nil {
			t.Fatalf("SetupLink with an admin present = %q, %v; want \"\"", again, err)
		}
		servertest.Login(t, f, "asha@dateline.test", "harbour-lights-42")
	})
}

func TestNewsroomNeedsSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		c := servertest.NewBrowser(t)
		for path, next := range map[string]string{
			"/newsroom/":                     "%2Fnewsroom%2F",
			"/newsroom/articles/1?x=y":       "%2Fnewsroom%2Farticles%2F1%3Fx%3Dy",
			"/newsroom/audit":                "%2Fnewsroom%2Faudit",
			"/newsroom/no/such/page":         "%2Fnewsroom%2Fno%2Fsuch%2Fpage",
			"/newsroom/articles/new":         "%2Fnewsroom%2Farticles%2Fnew",
			"/newsroom/account":              "%2Fnewsroom%2Faccount",
			"/newsroom/staff":                "%2Fnewsroom%2Fstaff",
			"/newsroom/sections":             "%2Fnewsroom%2Fsections",
			"/newsroom/articles/1/revisions": "%2Fnewsroom%2Farticles%2F1%2Frevisions",
		} {
			servertest.GetPage(t, f, c, path).ExpectRedirect(t, "signed out", "/newsroom/login?next="+next)
		}
		before := servertest.TakeFootprint(t, f)
		servertest.PostMultipart(t, f, c, "/newsroom/articles", servertest.StoryForm(f, "Written without signing in", "Body.")).
			Expect(t, http.StatusUnauthorized, "Your session has ended, so this was not saved. Sign in again and open the same page")
		servertest.PostForm(t, f, c, "/newsroom/tokens", url.Values{"name": {"sneaky"}}).Expect(t, http.StatusUnauthorized)
		servertest.PostForm(t, f, c, fmt.Sprintf("/newsroom/articles/%d/delete", f.Draft.ID), nil).Expect(t, http.StatusUnauthorized)
		servertest.Unchanged(t, "posts without a session", f, before)

		// A made-up cookie is no better than none.
		srv, _ := url.Parse(f.Srv.URL)
		c.Jar.SetCookies(srv, []*http.Cookie{{Name: "dateline_session", Value: "dls_forged"}})
		servertest.GetPage(t, f, c, "/newsroom/").ExpectRedirect(t, "forged cookie", "/newsroom/login?next=%2Fnewsroom%2F")
	})
}

// outcome is what a role should get when it tries an action.
type outcome int

const (
	allowed outcome = iota
	denied
	moderationPage // moderators land on a page about their own work instead
)

// attempt is one newsroom request in the role matrix.
type attempt struct {
	method, path string
	form         url.Values
	editor       bool        // sent as the editor's multipart form
	target       int64       // the article acted on, which a refusal must leave alone
	okStatus     int         // 200 or 303 when allowed
	okShows      string      // text of the page, or the start of the redirect's Location
	okStatusNow  news.Status // the article's status after the allowed step
}

func TestNewsroomRoleMatrix(t *testing.T) {
	matrix := []struct {
		action                             string
		reporter, editor, moderator, admin outcome
	}{
		{"list articles", allowed, allowed, moderationPage, allowed},
		{"open editor of own draft", allowed, allowed, denied, allowed},
		{"open editor of someone else's draft", denied, allowed, denied, allowed},
		{"create draft", allowed, allowed, denied, allowed},
		{"save own draft", allowed, allowed, denied, allowed},
		{"save someone else's draft", denied, allowed, denied, allowed},
		{"submit own draft", allowed, allowed, denied, allowed},
		{"publish own story in review", denied, allowed, denied, allowed},
		{"schedule own story in review", denied, allowed, denied, allowed},
		{"unpublish own published story", denied, allowed, denied, allowed},
		{"add correction", denied, allowed, denied, allowed},
		{"restore revision of own draft", denied, allowed, denied, allowed},
		{"delete unpublished draft", denied, allowed, denied, allowed},
		{"view audit log", denied, denied, denied, allowed},
		{"manage staff", denied, denied, denied, allowed},
		{"reset someone's password", denied, denied, denied, allowed},
		{"create token", allowed, allowed, allowed, allowed},
		{"manage sections", denied, allowed, denied, allowed},
	}

	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		other := servertest.NewMember(t, f, auth.Reporter, "Oshadi Otherwriter")
		members := map[auth.Role]servertest.Member{
			auth.Reporter:  servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter"),
			auth.Editor:    servertest.NewMember(t, f, auth.Editor, "Eranga Editor"),
			auth.Moderator: servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"),
			auth.Admin:     servertest.NewMember(t, f, auth.Admin, "Anjali Admin"),
		}
		browsers := map[auth.Role]*http.Client{}
		for role, m := range members {
			browsers[role] = servertest.LoginAs(t, f, m)
		}
		soon := time.Now().Add(48 * time.Hour).In(f.Cfg.Location).Format("2006-01-02T15:04")
		editorPath := func(id int64) string { return fmt.Sprintf("/newsroom/articles/%d", id) }
		savedTo := func(id int64, done string) string { return fmt.Sprintf("/newsroom/articles/%d?done=%s", id, done) }

		// Each action seeds what it needs for the member trying it, so
		// that one role's success does not change another's starting point.
		attempts := map[string]func(t *testing.T, me servertest.Member) attempt{
			"list articles": func(*testing.T, servertest.Member) attempt {
				return attempt{method: "GET", path: "/newsroom/", okStatus: 200, okShows: "New article"}
			},
			"open editor of own draft": func(t *testing.T, me servertest.Member) attempt {
				a := servertest.SeedOwned(t, f, me.ID, news.StatusDraft, "Own draft of "+me.Name)
				return attempt{method: "GET", path: editorPath(a.ID), target: a.ID, okStatus: 200, okShows: a.Headline}
			},
			"open editor of someone else's draft": func(t *testing.T, me servertest.Member) attempt {
				a := servertest.SeedOwned(t, f, other.ID, news.StatusDraft, "Other's draft opened by "+me.Name)
				return attempt{method: "GET", path: editorPath(a.ID), target: a.ID, okStatus: 200, okShows: a.Headline}
			},
			"create draft": func(t *testing.T, me servertest.Member) attempt {
				return attempt{method: "POST", path: "/newsroom/articles", editor: true, form: servertest.StoryForm(f, "New draft by "+me.Name, "Body."),
					okStatus: 303, okShows: "/newsroom/articles/"}
			},
			"save own draft": func(t *testing.T, me servertest.Member) attempt {
				a := servertest.SeedOwned(t, f, me.ID, news.StatusDraft, "Own draft saved by "+me.Name)
				form := servertest.FormFor(a, "save")
				form.Set("body", "A new paragraph.")
				return attempt{method: "POST", path: editorPath(a.ID), editor: true, form: form, target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "saved"), okStatusNow: news.StatusDraft}
			},
			"save someone else's draft": func(t *testing.T, me servertest.Member) attempt {
				a := servertest.SeedOwned(t, f, other.ID, news.StatusDraft, "Other's draft saved by "+me.Name)
				form := servertest.FormFor(a, "save")
				form.Set("body", "Rewritten by someone else.")
				return attempt{method: "POST", path: editorPath(a.ID), editor: true, form: form, target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "saved"), okStatusNow: news.StatusDraft}
			},
			"submit own draft": func(t *testing.T, me servertest.Member) attempt {
				a := servertest.SeedOwned(t, f, me.ID, news.StatusDraft, "Own draft submitted by "+me.Name)
				return attempt{method: "POST", path: editorPath(a.ID), editor: true, form: servertest.FormFor(a, "submit"), target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "submit"), okStatusNow: news.StatusReview}
			},
			"publish own story in review": func(t *testing.T, me servertest.Member) attempt {
				a := servertest.SeedOwned(t, f, me.ID, news.StatusReview, "Story published by "+me.Name)
				return attempt{method: "POST", path: editorPath(a.ID), editor: true, form: servertest.FormFor(a, "publish"), target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "publish"), okStatusNow: news.StatusPublished}
			},
			"schedule own story in review": func(t *testing.T, me servertest.Member) attempt {
				a := servertest.SeedOwned(t, f, me.ID, news.StatusReview, "Story scheduled by "+me.Name)
				form := servertest.FormFor(a, "schedule")
				form.Set("publish_at", soon)
				return attempt{method: "POST", path: editorPath(a.ID), editor: true, form: form, target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "schedule"), okStatusNow: news.StatusScheduled}
			},
			"unpublish own published story": func(t *testing.T, me servertest.Member) attempt {
				a := servertest.SeedOwned(t, f, me.ID, news.StatusPublished, "Story unpublished by "+me.Name)
				return attempt{method: "POST", path: editorPath(a.ID), editor: true, form: servertest.FormFor(a, "unpublish"), target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "unpublish"), okStatusNow: news.StatusUnpublished}
			},
			"add correction": func(t *testing.T, me servertest.Member) attempt {
				a := servertest.SeedOwned(t, f, other.ID, news.StatusPublished, "Story corrected by "+me.Name)
				return attempt{method: "POST", path: editorPath(a.ID) + "/corrections", target: a.ID,
					form:     url.Values{"kind": {"correction"}, "body": {"An earlier version misspelt the minister's name."}},
					okStatus: 303, okShows: savedTo(a.ID, "corrected"), okStatusNow: news.StatusPublished}
			},
			"restore revision of own draft": func(t *testing.T, me servertest.Member) attempt {
				a := servertest.SeedOwned(t, f, me.ID, news.StatusDraft, "Draft restored by "+me.Name)
				return attempt{method: "POST", path: fmt.Sprintf("%s/revisions/%d/restore", editorPath(a.ID), servertest.FirstRevision(t, f, a.ID)),
					form: url.Values{"version": {strconv.Itoa(a.Version)}}, target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "restored"), okStatusNow: news.StatusDraft}
			},
			"delete unpublished draft": func(t *testing.T, me servertest.Member) attempt {
				a := servertest.SeedOwned(t, f, me.ID, news.StatusDraft, "Draft deleted by "+me.Name)
				return attempt{method: "POST", path: editorPath(a.ID) + "/delete", target: a.ID,
					okStatus: 303, okShows: "/newsroom/?done=deleted"}
			},
			"view audit log": func(*testing.T, servertest.Member) attempt {
				return attempt{method: "GET", path: "/newsroom/audit", okStatus: 200, okShows: "Audit log"}
			},
			"manage staff": func(*testing.T, servertest.Member) attempt {
				return attempt{method: "GET", path: "/newsroom/staff", okStatus: 200, okShows: "Add a staff member"}
			},
			"reset someone's password": func(*testing.T, servertest.Member) attempt {
				return attempt{method: "POST", path: fmt.Sprintf("/newsroom/staff/%d/reset", other.ID), form: url.Values{"confirm": {"yes"}},
					okStatus: 200, okShows: "Password reset"}
			},
			"create token": func(t *testing.T, me servertest.Member) attempt {
				return attempt{method: "POST", path: "/newsroom/tokens", form: url.Values{"name": {"importer of " + me.Name}},
					okStatus: 200, okShows: "API token created"}
			},
			"manage sections": func(*testing.T, servertest.Member) attempt {
				return attempt{method: "GET", path: "/newsroom/sections", okStatus: 200, okShows: "Sections and tags"}
			},
		}

		for _, row := range matrix {
			want := map[auth.Role]outcome{auth.Reporter: row.reporter, auth.Editor: row.editor, auth.Moderator: row.moderator, auth.Admin: row.admin}
			for _, role := range auth.Roles {
				t.Run(row.action+"/"+string(role), func(t *testing.T) {
					prepare, ok := attempts[row.action]
					if !ok {
						t.Fatalf("no request written for %q", row.action)
					}
					at := prepare(t, members[role])
					var target news.Article
					if at.target != 0 {
						target = servertest.Stored(t, f, at.target)
					}
					before := servertest.TakeFootprint(t, f)
					c := browsers[role]
					var r servertest.Reply
					switch {
					case at.method == "GET":
						r = servertest.GetPage(t, f, c, at.path)
					case at.editor:
						r = servertest.PostMultipart(t, f, c, at.path, at.form)
					default:
						r = servertest.PostForm(t, f, c, at.path, at.form)
					}

					switch want[role] {
					case allowed:
						if r.Status != at.okStatus {
							t.Fatalf("%s: status %d, want %d\n%s", r, r.Status, at.okStatus, servertest.MainText(r.Body))
						}
						if at.okStatus == http.StatusSeeOther && !strings.HasPrefix(r.Header.Get("Location"), at.okShows) {
							t.Fatalf("%s: redirect to %q, want %q…", r, r.Header.Get("Location"), at.okShows)
						}
						if at.okStatus == http.StatusOK {
							r.Expect(t, http.StatusOK, at.okShows)
						}
						if at.method == "POST" && servertest.TakeFootprint(t, f).Audit == before.Audit {
							t.Errorf("%s was allowed but recorded nothing in the audit log", r)
						}
						if at.okStatusNow != "" {
							if got := servertest.Stored(t, f, at.target).Status; got != at.okStatusNow {
								t.Errorf("%s: the article is %s, want %s", r, got, at.okStatusNow)
							}
						}
					case moderationPage:
						r.Expect(t, http.StatusOK, "Your role is comment moderation.")
						servertest.Lacks(t, r.String(), r.Body, `href="/newsroom/articles/new"`)
						servertest.Unchanged(t, r.String(), f, before)
					case denied:
						r.Expect(t, http.StatusForbidden, "Your role does not allow you to")
						servertest.Lacks(t, r.String(), r.Body, "<code class=\"secret\"")
						if target.ID != 0 {
							servertest.Lacks(t, r.String(), r.Body, target.BodyMarkdown)
						}
						servertest.Unchanged(t, r.String(), f, before)
						if at.target != 0 {
							after := servertest.Stored(t, f, at.target)
							if after.Version != target.Version || after.Status != target.Status || after.BodyMarkdown != target.BodyMarkdown ||
								len(after.Corrections) != len(target.Corrections) {
								t.Errorf("%s was refused but the article changed: %+v -> %+v", r, target, after)
							}
						}
					}
				})
			}
		}
	})
}

func TestNewsroomWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ctx := context.Background()
		colombo := f.Cfg.Location
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		ed := servertest.NewMember(t, f, auth.Editor, "Eranga Editor")
		admin := servertest.NewMember(t, f, auth.Admin, "Anjali Admin")
		reporter, editor, boss := servertest.LoginAs(t, f, rep), servertest.LoginAs(t, f, ed), servertest.LoginAs(t, f, admin)

		// The reporter writes a draft with a picture and submits it.
		servertest.GetPage(t, f, reporter, "/newsroom/articles/new").Expect(t, http.StatusOK, "New article")
		const firstLine, editedLine = "Waves of four metres are expected.", "Waves of four metres are expected tonight."
		form := servertest.StoryForm(f, "Southern coast braces for storm surge", firstLine+"\n\nThe navy has boats on standby.")
		form.Set("image_caption", "Boats pulled ashore at Galle")
		form.Set("image_credit", "Staff photographer")
		form.Set("authors", strconv.FormatInt(rep.ID, 10))
		r := servertest.PostMultipart(t, f, reporter, "/newsroom/articles", form, servertest.Upload{Field: "image", Name: "galle boats.png", Data: storetest.PNG(t, 1200, 800)})
		id := servertest.ArticleIDFrom(t, r)
		r.ExpectRedirect(t, "create", fmt.Sprintf("/newsroom/articles/%d?done=saved", id))
		a := servertest.Stored(t, f, id)
		if a.Status != news.StatusDraft || a.OwnerID != rep.ID || a.Image == nil || a.Version != 1 || len(a.Authors) != 1 {
			t.Fatalf("the new draft: %+v", a)
		}
		path := fmt.Sprintf("/newsroom/articles/%d", id)
		fields := servertest.OpenEditor(t, f, reporter, id)
		if fields.Get("headline") != form.Get("headline") || fields.Get("body") != form.Get("body") || fields.Get("version") != "1" {
			t.Fatalf("the editor shows %v", fields)
		}
		fields.Set("action", "submit")
		servertest.PostMultipart(t, f, reporter, path, fields).ExpectRedirect(t, "submit", path+"?done=submit")
		if a = servertest.Stored(t, f, id); a.Status != news.StatusReview {
			t.Fatalf("after submit the article is %s", a.Status)
		}

		// The editor tightens a line and schedules it two minutes ahead.
		fields = servertest.OpenEditor(t, f, editor, id)
		fields.Set("body", editedLine+"\n\nThe navy has boats on standby.")
		at := time.Now().Add(2 * time.Minute).In(colombo).Truncate(time.Minute)
		fields.Set("publish_at", at.Format("2006-01-02T15:04"))
		fields.Set("action", "schedule")
		servertest.PostMultipart(t, f, editor, path, fields).ExpectRedirect(t, "schedule", path+"?done=schedule")
		if a = servertest.Stored(t, f, id); a.Status != news.StatusScheduled || !a.ScheduledAt.Equal(at) {
			t.Fatalf("after scheduling: %s at %v, want scheduled at %v", a.Status, a.ScheduledAt, at)
		}
		servertest.GetPage(t, f, editor, path).Expect(t, http.StatusOK, "Publishes "+news.FormatDateline(at, colombo))
		if resp, _ := f.Get(a.Path()); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("a scheduled story is public before its time: %d", resp.StatusCode)
		}

		// The scheduler's next run after that time publishes it.
		if n, err := jobs.PublishDue(ctx, f.Store, time.Now().Add(3*time.Minute)); err != nil || n != 1 {
			t.Fatalf("PublishDue = %d, %v; want 1", n, err)
		}
		if a = servertest.Stored(t, f, id); a.Status != news.StatusPublished || !a.PublishedAt.Equal(at) {
			t.Fatalf("after the scheduler: %s, published %v", a.Status, a.PublishedAt)
		}
		resp, page := f.Get(a.Path())
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", a.Path(), resp.StatusCode)
		}
		image := a.Image.Path("page")
		servertest.Contains(t, "public page", page, "<h1>Southern coast braces for storm surge</h1>", editedLine, image, "Boats pulled ashore at Galle",
			`By <span class="author">Ruwan Reporter</span>`)
		if resp, _ := f.Get(image); resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" {
			t.Fatalf("GET %s: %d %s", image, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		_, _, modifiedBefore := servertest.JSONLD(t, page)

		// The editor appends a correction.
		servertest.PostForm(t, f, editor, path+"/corrections", url.Values{"kind": {"correction"}, "body": {"An earlier version gave the wrong wave height."}}).
			ExpectRedirect(t, "correct", path+"?done=corrected")
		_, page = f.Get(a.Path())
		servertest.Contains(t, "corrected page", page, `<section class="corrections"`, "<strong>Correction, ", "An earlier version gave the wrong wave height.")
		corrected := servertest.Stored(t, f, id)
		if !corrected.UpdatedAt.After(a.UpdatedAt) {
			t.Errorf("the correction left the modified time at %v (was %v)", corrected.UpdatedAt, a.UpdatedAt)
		}
		// The published time is the scheduled one, still a minute or two
		// ahead of the real clock that stamps the correction, so here the
		// modified date can only be compared with its earlier value;
		// TestNewsroomCorrectionMovesDateModified compares it with the
		// publication date of a story published now.
		if _, _, modified := servertest.JSONLD(t, page); modified.Before(modifiedBefore) {
			t.Errorf("JSON-LD dateModified went back from %v to %v", modifiedBefore, modified)
		}

		// The audit log tells the whole story.
		lines := servertest.AuditLines(t, f, boss, fmt.Sprintf("type=article&id=%d", id))
		for _, want := range []struct{ who, action string }{
			{rep.Name, "create"}, {rep.Name, "submit"}, {ed.Name, "schedule"}, {"scheduler", "publish"}, {ed.Name, "correct"},
		} {
			if !servertest.HasAudit(lines, want.who, want.action) {
				t.Errorf("the audit log of article %d has no %q by %s; it has %+v", id, want.action, want.who, lines)
			}
		}

		// The history lists each saved version, newest first.
		r = servertest.GetPage(t, f, editor, path+"/revisions")
		r.Expect(t, http.StatusOK, "History of")
		rows := servertest.TableRows(r.Body)
		var versions, actors []string
		for _, row := range rows {
			versions, actors = append(versions, row[0]), append(actors, row[2])
		}
		if strings.Join(versions, ",") != "4,3,2,1" || strings.Join(actors, ",") != "scheduler,Eranga Editor,Ruwan Reporter,Ruwan Reporter" {
			t.Fatalf("revisions: versions %v by %v", versions, actors)
		}
		revLinks := regexp.MustCompile(fmt.Sprintf(`href="/newsroom/articles/%d/revisions/(\d+)">(\d+)</a>`, id)).FindAllStringSubmatch(r.Body, -1)
		revID := map[string]string{}
		for _, m := range revLinks {
			revID[m[2]] = m[1]
		}

		// Version 3, the editor's, shows the word put into the line, and the
		// time it was scheduled for.
		r = servertest.GetPage(t, f, editor, path+"/revisions/"+revID["3"])
		r.Expect(t, http.StatusOK, "Version 3 of", "Compared with version 2: 1 word added, 0 removed; 1 other field changed.")
		servertest.Contains(t, "revision diff", r.Body, `<div class="wdiff">Waves of four metres are expected<ins> tonight</ins>.`+"\n\nThe navy has boats on standby.</div>",
			"<dt>Publish at</dt>\n  <dd><span class=\"hint\">none</span> → <ins>"+news.FormatDateline(at, colombo)+"</ins></dd>")

		// Restoring the first version brings its text back as a new version.
		r = servertest.GetPage(t, f, editor, path+"/revisions/"+revID["1"])
		r.Expect(t, http.StatusOK, "Version 1 of", "The first version.")
		current := servertest.Stored(t, f, id)
		m := regexp.MustCompile(`/revisions/(\d+)/restore"[^>]*>\s*<input type="hidden" name="version" value="(\d+)">`).FindStringSubmatch(r.Body)
		if m == nil || m[1] != revID["1"] || m[2] != strconv.Itoa(current.Version) {
			t.Fatalf("restore form %v, want revision %s at version %d", m, revID["1"], current.Version)
		}
		// The story is published: the first click only asks.
		restorePath := fmt.Sprintf("%s/revisions/%s/restore", path, m[1])
		ask := servertest.PostForm(t, f, editor, restorePath, url.Values{"version": {m[2]}})
		ask.Expect(t, http.StatusOK, "Replace the published text of", "replaces what readers see now", "Restore and publish this version")
		servertest.Contains(t, "the restore confirmation", ask.Body, `action="`+restorePath+`"`, `name="confirm" value="yes"`, `name="version" value="`+m[2]+`"`)
		if got := servertest.Stored(t, f, id); got.Version != current.Version {
			t.Fatalf("an unconfirmed restore changed the story to version %d", got.Version)
		}
		servertest.PostForm(t, f, editor, restorePath, url.Values{"version": {m[2]}, "confirm": {"yes"}}).
			ExpectRedirect(t, "restore", path+"?done=restored")
		restored := servertest.Stored(t, f, id)
		if restored.Version != current.Version+1 || restored.BodyMarkdown != form.Get("body") || restored.Status != news.StatusPublished ||
			restored.Image == nil || restored.Image.ID != a.Image.ID || len(restored.Corrections) != 1 {
			t.Fatalf("after restore: version %d (was %d), status %s, body %q", restored.Version, current.Version, restored.Status, restored.BodyMarkdown)
		}
		_, page = f.Get(a.Path())
		servertest.Contains(t, "restored page", page, firstLine, "An earlier version gave the wrong wave height.")
		servertest.Lacks(t, "restored page", page, editedLine)
		servertest.GetPage(t, f, editor, path+"/revisions").Expect(t, http.StatusOK, "restore")
	})
}

func TestNewsroomCorrectionMovesDateModified(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ed := servertest.NewMember(t, f, auth.Editor, "Eranga Editor")
		editor := servertest.LoginAs(t, f, ed)
		form := servertest.StoryForm(f, "Rail strike called off", "Unions agreed to talks.")
		form.Set("action", "publish")
		r := servertest.PostMultipart(t, f, editor, "/newsroom/articles", form)
		id := servertest.ArticleIDFrom(t, r)
		a := servertest.Stored(t, f, id)
		if a.Status != news.StatusPublished {
			t.Fatalf("create and publish: %s", a.Status)
		}
		_, page := f.Get(a.Path())
		_, published, modified := servertest.JSONLD(t, page)
		if modified.Before(published) {
			t.Fatalf("a fresh story was modified (%v) before it was published (%v)", modified, published)
		}
		// The structured data counts whole seconds.
		time.Sleep(time.Until(a.PublishedAt.Truncate(time.Second).Add(time.Second)))
		servertest.PostForm(t, f, editor, fmt.Sprintf("/newsroom/articles/%d/corrections", id),
			url.Values{"kind": {"update"}, "body": {"Talks begin on Monday."}}).
			ExpectRedirect(t, "update note", fmt.Sprintf("/newsroom/articles/%d?done=corrected", id))
		_, page = f.Get(a.Path())
		servertest.Contains(t, "updated page", page, "<strong>Update, ", "Talks begin on Monday.")
		if _, published, modified = servertest.JSONLD(t, page); !modified.After(published) {
			t.Fatalf("after the note, dateModified %v is not later than datePublished %v", modified, published)
		}
		// The story's history lists the note too.
		servertest.GetPage(t, f, editor, fmt.Sprintf("/newsroom/articles/%d/revisions", id)).
			Expect(t, http.StatusOK, "Corrections and updates", "Talks begin on Monday.")
	})
}

func TestNewsroomBadInputKeepsTheText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ed := servertest.NewMember(t, f, auth.Editor, "Eranga Editor")
		editor := servertest.LoginAs(t, f, ed)
		existing := servertest.SeedOwned(t, f, ed.ID, news.StatusDraft, "Harbour dredging starts")
		png := servertest.Upload{Field: "image", Name: "dredger.png", Data: storetest.PNG(t, 640, 480)}

		for i, tc := range []struct {
			name   string
			id     int64 // 0: a new article
			change func(url.Values)
			files  []servertest.Upload
			says   string
		}{
			{name: "missing headline", change: func(v url.Values) { v.Set("headline", "  ") }, files: []servertest.Upload{png},
				says: "Headline is required."},
			{name: "unknown section", change: func(v url.Values) { v.Set("section", "999999") }, files: []servertest.Upload{png},
				says: "Choose one of the sections."},
			{name: "schedule time in the past", id: existing.ID, files: []servertest.Upload{png}, change: func(v url.Values) {
				v.Set("action", "schedule")
				v.Set("publish_at", time.Now().Add(-time.Hour).In(f.Cfg.Location).Format("2006-01-02T15:04"))
			}, says: "is in the past"},
			{name: "unreadable schedule time", id: existing.ID, change: func(v url.Values) {
				v.Set("action", "schedule")
				v.Set("publish_at", "tomorrow morning")
			}, says: "The time to publish at must be a date and time such as 2026-11-27T08:30."},
			{name: "unknown workflow step", id: existing.ID, change: func(v url.Values) { v.Set("action", "promote") },
				says: "is not an action"},
			{name: "text file named photo.jpg", files: []servertest.Upload{{Field: "image", Name: "photo.jpg", Data: []byte("These are the minutes of the council meeting, not a photo.\n")}},
				says: "The file is not an image; please upload a JPEG, PNG or WebP file."},
		} {
			t.Run(tc.name, func(t *testing.T) {
				headline := fmt.Sprintf("Typed headline number %d", i)
				body := fmt.Sprintf("Typed paragraph number %d that must survive a refusal.", i)
				caption := fmt.Sprintf("Typed caption number %d", i)
				form, path := servertest.StoryForm(f, headline, body), "/newsroom/articles"
				if tc.id != 0 {
					form, path = servertest.FormFor(existing, "save"), fmt.Sprintf("/newsroom/articles/%d", tc.id)
					form.Set("headline", headline)
					form.Set("body", body)
				}
				form.Set("image_caption", caption)
				if tc.change != nil {
					tc.change(form)
				}
				before := servertest.TakeFootprint(t, f)

				r := servertest.PostMultipart(t, f, editor, path, form, tc.files...)
				r.Expect(t, http.StatusBadRequest, "Not saved yet. Please fix:", tc.says, body, caption)
				if strings.TrimSpace(form.Get("headline")) != "" {
					r.Expect(t, http.StatusBadRequest, headline)
				}
				// The form posts back to where it came from, so fixing it and
				// saving again works.
				servertest.Contains(t, tc.name, r.Body, `<form id="article-form" method="post" enctype="multipart/form-data" action="`+path+`"`)
				if tc.id != 0 {
					servertest.Contains(t, tc.name, r.Body, fmt.Sprintf(`<input type="hidden" name="version" value="%d">`, existing.Version))
				}
				servertest.Unchanged(t, tc.name, f, before)
				if got := servertest.Stored(t, f, existing.ID); got.Version != existing.Version || got.Headline != existing.Headline {
					t.Errorf("%s changed the stored article: version %d, headline %q", tc.name, got.Version, got.Headline)
				}
			})
		}
	})
}

func TestNewsroomOversizedUpload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		reporter := servertest.LoginAs(t, f, rep)
		before := servertest.TakeFootprint(t, f)
		big := make([]byte, 12<<20) // more than the 10 MiB image plus 1 MiB of text a post may carry
		copy(big, storetest.PNG(t, 64, 64))
		r := servertest.PostMultipart(t, f, reporter, "/newsroom/articles", servertest.StoryForm(f, "A very large picture", "Body."),
			servertest.Upload{Field: "image", Name: "huge.png", Data: big})
		r.Expect(t, http.StatusRequestEntityTooLarge, "The upload is larger than 10 MB, so nothing was saved.")
		servertest.Unchanged(t, "an oversized upload", f, before)
	})
}

func TestNewsroomStaleEditIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		first, second := servertest.NewMember(t, f, auth.Editor, "Eranga Editor"), servertest.NewMember(t, f, auth.Editor, "Dilani Deskeditor")
		a := servertest.SeedOwned(t, f, first.ID, news.StatusDraft, "Harbour dredging starts")
		one, two := servertest.LoginAs(t, f, first), servertest.LoginAs(t, f, second)
		path := fmt.Sprintf("/newsroom/articles/%d", a.ID)

		mine, theirs := servertest.OpenEditor(t, f, one, a.ID), servertest.OpenEditor(t, f, two, a.ID)
		if mine.Get("version") != theirs.Get("version") {
			t.Fatalf("the two editors loaded versions %s and %s", mine.Get("version"), theirs.Get("version"))
		}
		mine.Set("headline", "Dredging starts at Colombo harbour")
		mine.Set("action", "save")
		servertest.PostMultipart(t, f, one, path, mine).ExpectRedirect(t, "first save", path+"?done=saved")

		theirs.Set("headline", "Harbour dredging delayed by weather")
		theirs.Set("body", "The second editor's paragraph, typed with care.")
		theirs.Set("action", "save")
		before := servertest.TakeFootprint(t, f)
		r := servertest.PostMultipart(t, f, two, path, theirs)
		r.Expect(t, http.StatusConflict, "Not saved: someone else saved first.",
			"Someone else saved this article after you opened it, so your changes were NOT saved.",
			"Harbour dredging delayed by weather", "The second editor's paragraph, typed with care.")
		servertest.Contains(t, "stale save", r.Body, `<form method="get" action="`+path+`/latest"`, `<button type="submit">Open the latest version</button>`)
		servertest.Unchanged(t, "a stale save", f, before)
		if got := servertest.Stored(t, f, a.ID); got.Headline != "Dredging starts at Colombo harbour" || got.Version != a.Version+1 {
			t.Fatalf("stored after the stale save: %q version %d", got.Headline, got.Version)
		}
	})
}

func TestNewsroomPasswordChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		here, elsewhere := servertest.LoginAs(t, f, rep), servertest.LoginAs(t, f, rep)
		const next = "lagoon-sunrise-7781"

		change := func(current, password, confirm string) servertest.Reply {
			return servertest.PostForm(t, f, here, "/newsroom/account/password", url.Values{"current": {current}, "password": {password}, "confirm": {confirm}})
		}
		before := servertest.TakeFootprint(t, f)
		change("not my password", next, next).Expect(t, http.StatusBadRequest, "Your current password is not right.")
		change(rep.Password, next, next+"x").Expect(t, http.StatusBadRequest, "The two new passwords differ.")
		change(rep.Password, "short", "short").Expect(t, http.StatusBadRequest, "The password must be at least 10 characters long.")
		servertest.Unchanged(t, "refused password changes", f, before)
		servertest.GetPage(t, f, elsewhere, "/newsroom/").Expect(t, http.StatusOK, rep.Name)

		change(rep.Password, next, next).ExpectRedirect(t, "change password", "/newsroom/account?done=password")
		servertest.GetPage(t, f, here, "/newsroom/account?done=password").Expect(t, http.StatusOK, "Your password has been changed.", rep.Email)
		servertest.GetPage(t, f, elsewhere, "/newsroom/").ExpectRedirect(t, "other session", "/newsroom/login?next=%2Fnewsroom%2F")
		servertest.PostForm(t, f, servertest.NewBrowser(t), "/newsroom/login", url.Values{"email": {rep.Email}, "password": {rep.Password}}).
			Expect(t, http.StatusUnauthorized, servertest.WrongLogin)
		servertest.Login(t, f, rep.Email, next)
	})
}

func TestNewsroomTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ctx := context.Background()
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		admin := servertest.NewMember(t, f, auth.Admin, "Anjali Admin")
		reporter, boss := servertest.LoginAs(t, f, rep), servertest.LoginAs(t, f, admin)

		servertest.GetPage(t, f, reporter, "/newsroom/account").Expect(t, http.StatusOK, "API tokens", "No tokens.")
		servertest.PostForm(t, f, reporter, "/newsroom/tokens", url.Values{"name": {"  "}}).Expect(t, http.StatusBadRequest, "Give the token a name")

		r := servertest.PostForm(t, f, reporter, "/newsroom/tokens", url.Values{"name": {"wire importer"}})
		r.Expect(t, http.StatusOK, "API token created", "It is shown only this once")
		secret := servertest.SecretOf(t, r)
		if !strings.HasPrefix(secret, "dlt_") || r.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("token %q shown with Cache-Control %q", secret, r.Header.Get("Cache-Control"))
		}
		acc, tok, err := f.Store.TokenAccount(ctx, auth.HashToken(secret))
		if err != nil || acc.ID != rep.ID || tok.Name != "wire importer" {
			t.Fatalf("the new token belongs to %+v (%q), %v", acc.Name, tok.Name, err)
		}

		r = servertest.GetPage(t, f, reporter, "/newsroom/account")
		r.Expect(t, http.StatusOK, "wire importer")
		servertest.Lacks(t, "account page", r.Body, secret)
		m := regexp.MustCompile(`action="/newsroom/tokens/(\d+)/revoke"`).FindStringSubmatch(r.Body)
		if m == nil {
			t.Fatalf("no revoke button on the account page\n%s", servertest.MainText(r.Body))
		}
		revoke := "/newsroom/tokens/" + m[1] + "/revoke"

		// Nobody else can revoke it, not even an admin through their own page.
		servertest.PostForm(t, f, boss, revoke, nil).Expect(t, http.StatusNotFound)
		if _, _, err := f.Store.TokenAccount(ctx, auth.HashToken(secret)); err != nil {
			t.Fatalf("someone else's revoke killed the token: %v", err)
		}

		servertest.PostForm(t, f, reporter, revoke, nil).ExpectRedirect(t, "revoke", "/newsroom/account?done=revoked")
		if _, _, err := f.Store.TokenAccount(ctx, auth.HashToken(secret)); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a revoked token still works: %v", err)
		}
		r = servertest.GetPage(t, f, reporter, "/newsroom/account?done=revoked")
		r.Expect(t, http.StatusOK, "Token revoked.", "wire importer", "revoked ")
		servertest.Lacks(t, "account page after revoke", r.Body, revoke)
		servertest.PostForm(t, f, reporter, revoke, nil).Expect(t, http.StatusNotFound) // twice is not an error to hide

		lines := servertest.AuditLines(t, f, boss, "type=token&id="+m[1])
		if !servertest.HasAudit(lines, rep.Name, "create-token") || !servertest.HasAudit(lines, rep.Name, "revoke-token") {
			t.Fatalf("the audit log of the token: %+v", lines)
		}
	})
}

// TestNewsroomDeepPNGIsRefused uploads a real 16-bit PNG of 36 megapixels:
// under the pixel limit and a small file, but 288 MB once decoded. The
// editor refuses it from its header with a sentence, and nothing is stored.
func TestNewsroomDeepPNGIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		reporter := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter"))
		before := servertest.TakeFootprint(t, f)
		start := time.Now()
		r := servertest.PostMultipart(t, f, reporter, "/newsroom/articles", servertest.StoryForm(f, "A very deep picture", "Body."),
			servertest.Upload{Field: "image", Name: "scan.png", Data: storetest.DeepPNG(t, 6000, 6000)})
		r.Expect(t, http.StatusBadRequest, "The image is 6000×6000 pixels, 16 bits per channel", "images may take at most 256 MB.")
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("the refusal took %v", took)
		}
		servertest.Unchanged(t, "a 16-bit upload", f, before)
	})
}
