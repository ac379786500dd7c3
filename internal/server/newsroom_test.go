package server_test

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
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// The newsroom scenarios drive the staff HTML at /newsroom/ through the real
// server, one browser (cookie jar) per person, on both engines.

const wrongLogin = "That email and password do not match an account."

// genericFailure is the whole answer to every refused sign-in.
const genericFailure = wrongLogin + " After repeated failures, signing in from this device pauses for 15 minutes; an admin can reset your password."

func TestNewsroomLoginAndLogout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		c := newBrowser(t)

		r := postForm(t, f, c, "/newsroom/login", url.Values{"email": {rep.Email}, "password": {"not the password"}})
		r.expect(t, http.StatusUnauthorized, wrongLogin)
		contains(t, "refused sign-in", r.body, `value="`+rep.Email+`"`) // the typed email is kept
		if len(r.cookies) != 0 {
			t.Errorf("a refused sign-in set cookies: %v", r.cookies)
		}
		r = postForm(t, f, c, "/newsroom/login", url.Values{"email": {"nobody@dateline.test"}, "password": {"not the password"}})
		r.expect(t, http.StatusUnauthorized, wrongLogin) // the same answer: no hint which emails exist

		r = postForm(t, f, c, "/newsroom/login", url.Values{"email": {strings.ToUpper(rep.Email)}, "password": {rep.password}})
		r.expectRedirect(t, "sign in", "/newsroom/")
		var session *http.Cookie
		for _, ck := range r.cookies {
			if ck.Name == "dateline_session" {
				session = ck
			}
		}
		if session == nil || session.Value == "" {
			t.Fatalf("sign-in set no session cookie: %v", r.cookies)
		}
		if !session.HttpOnly || (session.SameSite != http.SameSiteLaxMode && session.SameSite != http.SameSiteStrictMode) || session.Path != "/" {
			t.Errorf("session cookie %+v: want HttpOnly, SameSite Lax or Strict, Path /", session)
		}
		getPage(t, f, c, "/newsroom/").expect(t, http.StatusOK, "Articles", rep.Name)
		getPage(t, f, c, "/newsroom/no/such/page").expect(t, http.StatusNotFound, "There is no such page in the newsroom.")
		// A signed-in member who opens the login form goes straight in.
		if r := getPage(t, f, c, "/newsroom/login"); r.header.Get("Location") != "/newsroom/" {
			t.Errorf("login form while signed in: %d to %q", r.status, r.header.Get("Location"))
		}

		postForm(t, f, c, "/newsroom/logout", nil).expectRedirect(t, "sign out", "/newsroom/login?done=logged-out")
		getPage(t, f, c, "/newsroom/login?done=logged-out").expect(t, http.StatusOK, "You have signed out.")
		getPage(t, f, c, "/newsroom/").expectRedirect(t, "after sign-out", "/newsroom/login?next=%2Fnewsroom%2F")

		// The old cookie, kept by someone who copied it, opens nothing.
		thief := newBrowser(t)
		srv, _ := url.Parse(f.srv.URL)
		thief.Jar.SetCookies(srv, []*http.Cookie{{Name: session.Name, Value: session.Value}})
		getPage(t, f, thief, "/newsroom/").expectRedirect(t, "old cookie", "/newsroom/login?next=%2Fnewsroom%2F")
		postMultipart(t, f, thief, "/newsroom/articles", storyForm(f, "Written with a stolen cookie", "Body.")).
			expect(t, http.StatusUnauthorized, "Your session has ended")
	})
}

// TestNewsroomLoginPausesAfterFiveFailures: five wrong passwords pause
// sign-in for that email from that browser and address, with the same
// answer as any failure (the right password is refused too); an admin's
// reset lifts the pause and hands over a new password.
func TestNewsroomLoginPausesAfterFiveFailures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		admin := newMember(t, f, auth.Admin, "Anjali Admin")
		boss := loginAs(t, f, admin) // before the pause: same address as the guesses
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		c := newBrowser(t)
		wrong := url.Values{"email": {rep.Email}, "password": {"monsoon guess"}}
		for i := 1; i <= 5; i++ {
			postForm(t, f, c, "/newsroom/login", wrong).expect(t, http.StatusUnauthorized, genericFailure)
		}
		right := url.Values{"email": {rep.Email}, "password": {rep.password}}
		r := postForm(t, f, c, "/newsroom/login", right)
		r.expect(t, http.StatusUnauthorized, genericFailure)
		if len(r.cookies) != 0 {
			t.Fatalf("a paused sign-in was given cookies: %v", r.cookies)
		}

		// An admin's reset lifts the pause and hands over a new password.
		getPage(t, f, boss, "/newsroom/staff").expect(t, http.StatusOK, rep.Name, "6 failed") // the refused right one counts too
		r = postForm(t, f, boss, fmt.Sprintf("/newsroom/staff/%d/reset", rep.ID), url.Values{"confirm": {"yes"}})
		r.expect(t, http.StatusOK, "Password reset", "any pause on signing in lifted")
		fresh := secretOf(t, r)
		if r.header.Get("Cache-Control") != "no-store" {
			t.Errorf("the page with a new password is cacheable: %q", r.header.Get("Cache-Control"))
		}
		postForm(t, f, c, "/newsroom/login", right).expect(t, http.StatusUnauthorized, wrongLogin) // the old one is gone
		login(t, f, rep.Email, fresh)
		if acc, _ := f.store.AccountByID(context.Background(), rep.ID); acc.FailedLogins != 0 || !acc.LockedUntil.IsZero() {
			t.Errorf("after reset and sign-in: %d failures, locked until %v", acc.FailedLogins, acc.LockedUntil)
		}
		if lines := auditLines(t, f, boss, fmt.Sprintf("type=staff&id=%d", rep.ID)); !hasAudit(lines, admin.Name, "reset-password") || !hasAudit(lines, "sign-in guard", "signin-paused") {
			t.Errorf("the audit log does not record the pause and the reset: %+v", lines)
		}
	})
}

func TestNewsroomLoginNextStaysInNewsroom(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		srv, _ := url.Parse(f.srv.URL)
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
			c := newBrowser(t)
			form := getPage(t, f, c, "/newsroom/login?next="+url.QueryEscape(tc.next))
			form.expect(t, http.StatusOK, "Sign in to the newsroom")
			contains(t, "login form for next="+tc.next, form.body, `name="next" value="`+tc.want+`"`)

			r := postForm(t, f, c, "/newsroom/login", url.Values{"email": {rep.Email}, "password": {rep.password}, "next": {tc.next}})
			r.expectRedirect(t, "sign in with next="+tc.next, tc.want)
			if to, err := srv.Parse(r.header.Get("Location")); err != nil || to.Host != srv.Host {
				t.Errorf("next=%q leads to %v (%v), off the site", tc.next, to, err)
			}
		}
	})
}

func TestNewsroomLoginLimitPerAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		c := newBrowser(t)
		for i := 1; i <= 20; i++ {
			// Different unknown emails, so no account lock gets in the way.
			r := postForm(t, f, c, "/newsroom/login", url.Values{"email": {fmt.Sprintf("guess%d@dateline.test", i)}, "password": {"letmein-please"}})
			r.expect(t, http.StatusUnauthorized, wrongLogin)
		}
		r := postForm(t, f, c, "/newsroom/login", url.Values{"email": {rep.Email}, "password": {rep.password}})
		r.expect(t, http.StatusTooManyRequests, "Too many failed sign-ins from your address.")
		if r.header.Get("Retry-After") == "" || len(r.cookies) != 0 {
			t.Errorf("429: Retry-After %q, cookies %v", r.header.Get("Retry-After"), r.cookies)
		}
	})
}

func TestNewsroomSetupLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e) // its only staff member is a byline without a login
		ctx := context.Background()
		link, err := newsroom.SetupLink(ctx, f.store, f.srv.URL)
		if err != nil || !strings.HasPrefix(link, f.srv.URL+"/newsroom/setup?token=dlsetup_") {
			t.Fatalf("SetupLink = %q, %v", link, err)
		}
		path := strings.TrimPrefix(link, f.srv.URL)
		token, _ := url.ParseQuery(strings.SplitN(path, "?", 2)[1])

		c := newBrowser(t)
		r := getPage(t, f, c, path)
		r.expect(t, http.StatusOK, "Create the first admin")
		contains(t, "setup form", r.body, `name="token" value="`+token.Get("token")+`"`)

		form := url.Values{"token": {token.Get("token")}, "name": {"Asha Perera"}, "email": {"asha@dateline.test"},
			"password": {"harbour-lights-42"}, "confirm": {"harbour-lights-24"}}
		postForm(t, f, c, "/newsroom/setup", form).expect(t, http.StatusBadRequest, "The two passwords differ.", "Asha Perera")
		form.Set("confirm", "harbour-lights-42") // the refused try did not spend the link
		postForm(t, f, c, "/newsroom/setup", form).expectRedirect(t, "setup", "/newsroom/?done=setup-ready")
		getPage(t, f, c, "/newsroom/?done=setup-ready").expect(t, http.StatusOK, "Your admin account is ready.", "Asha Perera", "(admin)")
		getPage(t, f, c, "/newsroom/staff").expect(t, http.StatusOK, "asha@dateline.test")

		acc, err := f.store.AccountByEmail(ctx, "asha@dateline.test")
		if err != nil || acc.Role != string(auth.Admin) || !acc.Active {
			t.Fatalf("the new admin: %+v, %v", acc, err)
		}

		const spent = "This setup link has been used or has expired."
		getPage(t, f, newBrowser(t), path).expect(t, http.StatusNotFound, spent)
		form.Set("email", "second@dateline.test")
		postForm(t, f, newBrowser(t), "/newsroom/setup", form).expect(t, http.StatusNotFound, "this setup link has been used or has expired")
		if _, err := f.store.AccountByEmail(ctx, "second@dateline.test"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a spent link created a second admin: %v", err)
		}
		if again, err := newsroom.SetupLink(ctx, f.store, f.srv.URL); again != "" || err != nil {
			t.Fatalf("SetupLink with an admin present = %q, %v; want \"\"", again, err)
		}
		login(t, f, "asha@dateline.test", "harbour-lights-42")
	})
}

func TestNewsroomNeedsSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		c := newBrowser(t)
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
			getPage(t, f, c, path).expectRedirect(t, "signed out", "/newsroom/login?next="+next)
		}
		before := takeFootprint(t, f)
		postMultipart(t, f, c, "/newsroom/articles", storyForm(f, "Written without signing in", "Body.")).
			expect(t, http.StatusUnauthorized, "Your session has ended, so this was not saved. Sign in again and open the same page")
		postForm(t, f, c, "/newsroom/tokens", url.Values{"name": {"sneaky"}}).expect(t, http.StatusUnauthorized)
		postForm(t, f, c, fmt.Sprintf("/newsroom/articles/%d/delete", f.draft.ID), nil).expect(t, http.StatusUnauthorized)
		unchanged(t, "posts without a session", f, before)

		// A made-up cookie is no better than none.
		srv, _ := url.Parse(f.srv.URL)
		c.Jar.SetCookies(srv, []*http.Cookie{{Name: "dateline_session", Value: "dls_forged"}})
		getPage(t, f, c, "/newsroom/").expectRedirect(t, "forged cookie", "/newsroom/login?next=%2Fnewsroom%2F")
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
		f := newFixture(t, e)
		other := newMember(t, f, auth.Reporter, "Oshadi Otherwriter")
		members := map[auth.Role]member{
			auth.Reporter:  newMember(t, f, auth.Reporter, "Ruwan Reporter"),
			auth.Editor:    newMember(t, f, auth.Editor, "Eranga Editor"),
			auth.Moderator: newMember(t, f, auth.Moderator, "Mala Moderator"),
			auth.Admin:     newMember(t, f, auth.Admin, "Anjali Admin"),
		}
		browsers := map[auth.Role]*http.Client{}
		for role, m := range members {
			browsers[role] = loginAs(t, f, m)
		}
		soon := time.Now().Add(48 * time.Hour).In(f.cfg.Location).Format("2006-01-02T15:04")
		editorPath := func(id int64) string { return fmt.Sprintf("/newsroom/articles/%d", id) }
		savedTo := func(id int64, done string) string { return fmt.Sprintf("/newsroom/articles/%d?done=%s", id, done) }

		// Each action seeds what it needs for the member trying it, so
		// that one role's success does not change another's starting point.
		attempts := map[string]func(t *testing.T, me member) attempt{
			"list articles": func(*testing.T, member) attempt {
				return attempt{method: "GET", path: "/newsroom/", okStatus: 200, okShows: "New article"}
			},
			"open editor of own draft": func(t *testing.T, me member) attempt {
				a := seedOwned(t, f, me.ID, news.StatusDraft, "Own draft of "+me.Name)
				return attempt{method: "GET", path: editorPath(a.ID), target: a.ID, okStatus: 200, okShows: a.Headline}
			},
			"open editor of someone else's draft": func(t *testing.T, me member) attempt {
				a := seedOwned(t, f, other.ID, news.StatusDraft, "Other's draft opened by "+me.Name)
				return attempt{method: "GET", path: editorPath(a.ID), target: a.ID, okStatus: 200, okShows: a.Headline}
			},
			"create draft": func(t *testing.T, me member) attempt {
				return attempt{method: "POST", path: "/newsroom/articles", editor: true, form: storyForm(f, "New draft by "+me.Name, "Body."),
					okStatus: 303, okShows: "/newsroom/articles/"}
			},
			"save own draft": func(t *testing.T, me member) attempt {
				a := seedOwned(t, f, me.ID, news.StatusDraft, "Own draft saved by "+me.Name)
				form := formFor(a, "save")
				form.Set("body", "A new paragraph.")
				return attempt{method: "POST", path: editorPath(a.ID), editor: true, form: form, target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "saved"), okStatusNow: news.StatusDraft}
			},
			"save someone else's draft": func(t *testing.T, me member) attempt {
				a := seedOwned(t, f, other.ID, news.StatusDraft, "Other's draft saved by "+me.Name)
				form := formFor(a, "save")
				form.Set("body", "Rewritten by someone else.")
				return attempt{method: "POST", path: editorPath(a.ID), editor: true, form: form, target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "saved"), okStatusNow: news.StatusDraft}
			},
			"submit own draft": func(t *testing.T, me member) attempt {
				a := seedOwned(t, f, me.ID, news.StatusDraft, "Own draft submitted by "+me.Name)
				return attempt{method: "POST", path: editorPath(a.ID), editor: true, form: formFor(a, "submit"), target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "submit"), okStatusNow: news.StatusReview}
			},
			"publish own story in review": func(t *testing.T, me member) attempt {
				a := seedOwned(t, f, me.ID, news.StatusReview, "Story published by "+me.Name)
				return attempt{method: "POST", path: editorPath(a.ID), editor: true, form: formFor(a, "publish"), target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "publish"), okStatusNow: news.StatusPublished}
			},
			"schedule own story in review": func(t *testing.T, me member) attempt {
				a := seedOwned(t, f, me.ID, news.StatusReview, "Story scheduled by "+me.Name)
				form := formFor(a, "schedule")
				form.Set("publish_at", soon)
				return attempt{method: "POST", path: editorPath(a.ID), editor: true, form: form, target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "schedule"), okStatusNow: news.StatusScheduled}
			},
			"unpublish own published story": func(t *testing.T, me member) attempt {
				a := seedOwned(t, f, me.ID, news.StatusPublished, "Story unpublished by "+me.Name)
				return attempt{method: "POST", path: editorPath(a.ID), editor: true, form: formFor(a, "unpublish"), target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "unpublish"), okStatusNow: news.StatusUnpublished}
			},
			"add correction": func(t *testing.T, me member) attempt {
				a := seedOwned(t, f, other.ID, news.StatusPublished, "Story corrected by "+me.Name)
				return attempt{method: "POST", path: editorPath(a.ID) + "/corrections", target: a.ID,
					form:     url.Values{"kind": {"correction"}, "body": {"An earlier version misspelt the minister's name."}},
					okStatus: 303, okShows: savedTo(a.ID, "corrected"), okStatusNow: news.StatusPublished}
			},
			"restore revision of own draft": func(t *testing.T, me member) attempt {
				a := seedOwned(t, f, me.ID, news.StatusDraft, "Draft restored by "+me.Name)
				return attempt{method: "POST", path: fmt.Sprintf("%s/revisions/%d/restore", editorPath(a.ID), firstRevision(t, f, a.ID)),
					form: url.Values{"version": {strconv.Itoa(a.Version)}}, target: a.ID,
					okStatus: 303, okShows: savedTo(a.ID, "restored"), okStatusNow: news.StatusDraft}
			},
			"delete unpublished draft": func(t *testing.T, me member) attempt {
				a := seedOwned(t, f, me.ID, news.StatusDraft, "Draft deleted by "+me.Name)
				return attempt{method: "POST", path: editorPath(a.ID) + "/delete", target: a.ID,
					okStatus: 303, okShows: "/newsroom/?done=deleted"}
			},
			"view audit log": func(*testing.T, member) attempt {
				return attempt{method: "GET", path: "/newsroom/audit", okStatus: 200, okShows: "Audit log"}
			},
			"manage staff": func(*testing.T, member) attempt {
				return attempt{method: "GET", path: "/newsroom/staff", okStatus: 200, okShows: "Add a staff member"}
			},
			"reset someone's password": func(*testing.T, member) attempt {
				return attempt{method: "POST", path: fmt.Sprintf("/newsroom/staff/%d/reset", other.ID), form: url.Values{"confirm": {"yes"}},
					okStatus: 200, okShows: "Password reset"}
			},
			"create token": func(t *testing.T, me member) attempt {
				return attempt{method: "POST", path: "/newsroom/tokens", form: url.Values{"name": {"importer of " + me.Name}},
					okStatus: 200, okShows: "API token created"}
			},
			"manage sections": func(*testing.T, member) attempt {
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
						target = stored(t, f, at.target)
					}
					before := takeFootprint(t, f)
					c := browsers[role]
					var r pageReply
					switch {
					case at.method == "GET":
						r = getPage(t, f, c, at.path)
					case at.editor:
						r = postMultipart(t, f, c, at.path, at.form)
					default:
						r = postForm(t, f, c, at.path, at.form)
					}

					switch want[role] {
					case allowed:
						if r.status != at.okStatus {
							t.Fatalf("%s: status %d, want %d\n%s", r, r.status, at.okStatus, mainText(r.body))
						}
						if at.okStatus == http.StatusSeeOther && !strings.HasPrefix(r.header.Get("Location"), at.okShows) {
							t.Fatalf("%s: redirect to %q, want %q…", r, r.header.Get("Location"), at.okShows)
						}
						if at.okStatus == http.StatusOK {
							r.expect(t, http.StatusOK, at.okShows)
						}
						if at.method == "POST" && takeFootprint(t, f).audit == before.audit {
							t.Errorf("%s was allowed but recorded nothing in the audit log", r)
						}
						if at.okStatusNow != "" {
							if got := stored(t, f, at.target).Status; got != at.okStatusNow {
								t.Errorf("%s: the article is %s, want %s", r, got, at.okStatusNow)
							}
						}
					case moderationPage:
						r.expect(t, http.StatusOK, "Your role is comment moderation.")
						lacks(t, r.String(), r.body, `href="/newsroom/articles/new"`)
						unchanged(t, r.String(), f, before)
					case denied:
						r.expect(t, http.StatusForbidden, "Your role does not allow you to")
						lacks(t, r.String(), r.body, "<code class=\"secret\"")
						if target.ID != 0 {
							lacks(t, r.String(), r.body, target.BodyMarkdown)
						}
						unchanged(t, r.String(), f, before)
						if at.target != 0 {
							after := stored(t, f, at.target)
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
		f := newFixture(t, e)
		ctx := context.Background()
		colombo := f.cfg.Location
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		ed := newMember(t, f, auth.Editor, "Eranga Editor")
		admin := newMember(t, f, auth.Admin, "Anjali Admin")
		reporter, editor, boss := loginAs(t, f, rep), loginAs(t, f, ed), loginAs(t, f, admin)

		// The reporter writes a draft with a picture and submits it.
		getPage(t, f, reporter, "/newsroom/articles/new").expect(t, http.StatusOK, "New article")
		const firstLine, editedLine = "Waves of four metres are expected.", "Waves of four metres are expected tonight."
		form := storyForm(f, "Southern coast braces for storm surge", firstLine+"\n\nThe navy has boats on standby.")
		form.Set("image_caption", "Boats pulled ashore at Galle")
		form.Set("image_credit", "Staff photographer")
		form.Set("authors", strconv.FormatInt(rep.ID, 10))
		r := postMultipart(t, f, reporter, "/newsroom/articles", form, upload{"image", "galle boats.png", storetest.PNG(t, 1200, 800)})
		id := articleIDFrom(t, r)
		r.expectRedirect(t, "create", fmt.Sprintf("/newsroom/articles/%d?done=saved", id))
		a := stored(t, f, id)
		if a.Status != news.StatusDraft || a.OwnerID != rep.ID || a.Image == nil || a.Version != 1 || len(a.Authors) != 1 {
			t.Fatalf("the new draft: %+v", a)
		}
		path := fmt.Sprintf("/newsroom/articles/%d", id)
		fields := openEditor(t, f, reporter, id)
		if fields.Get("headline") != form.Get("headline") || fields.Get("body") != form.Get("body") || fields.Get("version") != "1" {
			t.Fatalf("the editor shows %v", fields)
		}
		fields.Set("action", "submit")
		postMultipart(t, f, reporter, path, fields).expectRedirect(t, "submit", path+"?done=submit")
		if a = stored(t, f, id); a.Status != news.StatusReview {
			t.Fatalf("after submit the article is %s", a.Status)
		}

		// The editor tightens a line and schedules it two minutes ahead.
		fields = openEditor(t, f, editor, id)
		fields.Set("body", editedLine+"\n\nThe navy has boats on standby.")
		at := time.Now().Add(2 * time.Minute).In(colombo).Truncate(time.Minute)
		fields.Set("publish_at", at.Format("2006-01-02T15:04"))
		fields.Set("action", "schedule")
		postMultipart(t, f, editor, path, fields).expectRedirect(t, "schedule", path+"?done=schedule")
		if a = stored(t, f, id); a.Status != news.StatusScheduled || !a.ScheduledAt.Equal(at) {
			t.Fatalf("after scheduling: %s at %v, want scheduled at %v", a.Status, a.ScheduledAt, at)
		}
		getPage(t, f, editor, path).expect(t, http.StatusOK, "Publishes "+news.FormatDateline(at, colombo))
		if resp, _ := f.get(a.Path()); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("a scheduled story is public before its time: %d", resp.StatusCode)
		}

		// The scheduler's next run after that time publishes it.
		if n, err := jobs.PublishDue(ctx, f.store, time.Now().Add(3*time.Minute)); err != nil || n != 1 {
			t.Fatalf("PublishDue = %d, %v; want 1", n, err)
		}
		if a = stored(t, f, id); a.Status != news.StatusPublished || !a.PublishedAt.Equal(at) {
			t.Fatalf("after the scheduler: %s, published %v", a.Status, a.PublishedAt)
		}
		resp, page := f.get(a.Path())
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", a.Path(), resp.StatusCode)
		}
		image := a.Image.Path("page")
		contains(t, "public page", page, "<h1>Southern coast braces for storm surge</h1>", editedLine, image, "Boats pulled ashore at Galle",
			`By <span class="author">Ruwan Reporter</span>`)
		if resp, _ := f.get(image); resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" {
			t.Fatalf("GET %s: %d %s", image, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		_, _, modifiedBefore := jsonLD(t, page)

		// The editor appends a correction.
		postForm(t, f, editor, path+"/corrections", url.Values{"kind": {"correction"}, "body": {"An earlier version gave the wrong wave height."}}).
			expectRedirect(t, "correct", path+"?done=corrected")
		_, page = f.get(a.Path())
		contains(t, "corrected page", page, `<section class="corrections"`, "<strong>Correction, ", "An earlier version gave the wrong wave height.")
		corrected := stored(t, f, id)
		if !corrected.UpdatedAt.After(a.UpdatedAt) {
			t.Errorf("the correction left the modified time at %v (was %v)", corrected.UpdatedAt, a.UpdatedAt)
		}
		// The published time is the scheduled one, still a minute or two
		// ahead of the real clock that stamps the correction, so here the
		// modified date can only be compared with its earlier value;
		// TestNewsroomCorrectionMovesDateModified compares it with the
		// publication date of a story published now.
		if _, _, modified := jsonLD(t, page); modified.Before(modifiedBefore) {
			t.Errorf("JSON-LD dateModified went back from %v to %v", modifiedBefore, modified)
		}

		// The audit log tells the whole story.
		lines := auditLines(t, f, boss, fmt.Sprintf("type=article&id=%d", id))
		for _, want := range []struct{ who, action string }{
			{rep.Name, "create"}, {rep.Name, "submit"}, {ed.Name, "schedule"}, {"scheduler", "publish"}, {ed.Name, "correct"},
		} {
			if !hasAudit(lines, want.who, want.action) {
				t.Errorf("the audit log of article %d has no %q by %s; it has %+v", id, want.action, want.who, lines)
			}
		}

		// The history lists each saved version, newest first.
		r = getPage(t, f, editor, path+"/revisions")
		r.expect(t, http.StatusOK, "History of")
		rows := tableRows(r.body)
		var versions, actors []string
		for _, row := range rows {
			versions, actors = append(versions, row[0]), append(actors, row[2])
		}
		if strings.Join(versions, ",") != "4,3,2,1" || strings.Join(actors, ",") != "scheduler,Eranga Editor,Ruwan Reporter,Ruwan Reporter" {
			t.Fatalf("revisions: versions %v by %v", versions, actors)
		}
		revLinks := regexp.MustCompile(fmt.Sprintf(`href="/newsroom/articles/%d/revisions/(\d+)">(\d+)</a>`, id)).FindAllStringSubmatch(r.body, -1)
		revID := map[string]string{}
		for _, m := range revLinks {
			revID[m[2]] = m[1]
		}

		// Version 3, the editor's, shows the word put into the line, and the
		// time it was scheduled for.
		r = getPage(t, f, editor, path+"/revisions/"+revID["3"])
		r.expect(t, http.StatusOK, "Version 3 of", "Compared with version 2: 1 word added, 0 removed; 1 other field changed.")
		contains(t, "revision diff", r.body, `<div class="wdiff">Waves of four metres are expected<ins> tonight</ins>.`+"\n\nThe navy has boats on standby.</div>",
			"<dt>Publish at</dt>\n  <dd><span class=\"hint\">none</span> → <ins>"+news.FormatDateline(at, colombo)+"</ins></dd>")

		// Restoring the first version brings its text back as a new version.
		r = getPage(t, f, editor, path+"/revisions/"+revID["1"])
		r.expect(t, http.StatusOK, "Version 1 of", "The first version.")
		current := stored(t, f, id)
		m := regexp.MustCompile(`/revisions/(\d+)/restore"[^>]*>\s*<input type="hidden" name="version" value="(\d+)">`).FindStringSubmatch(r.body)
		if m == nil || m[1] != revID["1"] || m[2] != strconv.Itoa(current.Version) {
			t.Fatalf("restore form %v, want revision %s at version %d", m, revID["1"], current.Version)
		}
		// The story is published: the first click only asks.
		restorePath := fmt.Sprintf("%s/revisions/%s/restore", path, m[1])
		ask := postForm(t, f, editor, restorePath, url.Values{"version": {m[2]}})
		ask.expect(t, http.StatusOK, "Replace the published text of", "replaces what readers see now", "Restore and publish this version")
		contains(t, "the restore confirmation", ask.body, `action="`+restorePath+`"`, `name="confirm" value="yes"`, `name="version" value="`+m[2]+`"`)
		if got := stored(t, f, id); got.Version != current.Version {
			t.Fatalf("an unconfirmed restore changed the story to version %d", got.Version)
		}
		postForm(t, f, editor, restorePath, url.Values{"version": {m[2]}, "confirm": {"yes"}}).
			expectRedirect(t, "restore", path+"?done=restored")
		restored := stored(t, f, id)
		if restored.Version != current.Version+1 || restored.BodyMarkdown != form.Get("body") || restored.Status != news.StatusPublished ||
			restored.Image == nil || restored.Image.ID != a.Image.ID || len(restored.Corrections) != 1 {
			t.Fatalf("after restore: version %d (was %d), status %s, body %q", restored.Version, current.Version, restored.Status, restored.BodyMarkdown)
		}
		_, page = f.get(a.Path())
		contains(t, "restored page", page, firstLine, "An earlier version gave the wrong wave height.")
		lacks(t, "restored page", page, editedLine)
		getPage(t, f, editor, path+"/revisions").expect(t, http.StatusOK, "restore")
	})
}

func TestNewsroomCorrectionMovesDateModified(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		ed := newMember(t, f, auth.Editor, "Eranga Editor")
		editor := loginAs(t, f, ed)
		form := storyForm(f, "Rail strike called off", "Unions agreed to talks.")
		form.Set("action", "publish")
		r := postMultipart(t, f, editor, "/newsroom/articles", form)
		id := articleIDFrom(t, r)
		a := stored(t, f, id)
		if a.Status != news.StatusPublished {
			t.Fatalf("create and publish: %s", a.Status)
		}
		_, page := f.get(a.Path())
		_, published, modified := jsonLD(t, page)
		if modified.Before(published) {
			t.Fatalf("a fresh story was modified (%v) before it was published (%v)", modified, published)
		}
		// The structured data counts whole seconds.
		time.Sleep(time.Until(a.PublishedAt.Truncate(time.Second).Add(time.Second)))
		postForm(t, f, editor, fmt.Sprintf("/newsroom/articles/%d/corrections", id),
			url.Values{"kind": {"update"}, "body": {"Talks begin on Monday."}}).
			expectRedirect(t, "update note", fmt.Sprintf("/newsroom/articles/%d?done=corrected", id))
		_, page = f.get(a.Path())
		contains(t, "updated page", page, "<strong>Update, ", "Talks begin on Monday.")
		if _, published, modified = jsonLD(t, page); !modified.After(published) {
			t.Fatalf("after the note, dateModified %v is not later than datePublished %v", modified, published)
		}
		// The story's history lists the note too.
		getPage(t, f, editor, fmt.Sprintf("/newsroom/articles/%d/revisions", id)).
			expect(t, http.StatusOK, "Corrections and updates", "Talks begin on Monday.")
	})
}

func TestNewsroomBadInputKeepsTheText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		ed := newMember(t, f, auth.Editor, "Eranga Editor")
		editor := loginAs(t, f, ed)
		existing := seedOwned(t, f, ed.ID, news.StatusDraft, "Harbour dredging starts")
		png := upload{"image", "dredger.png", storetest.PNG(t, 640, 480)}

		for i, tc := range []struct {
			name   string
			id     int64 // 0: a new article
			change func(url.Values)
			files  []upload
			says   string
		}{
			{name: "missing headline", change: func(v url.Values) { v.Set("headline", "  ") }, files: []upload{png},
				says: "Headline is required."},
			{name: "unknown section", change: func(v url.Values) { v.Set("section", "999999") }, files: []upload{png},
				says: "Choose one of the sections."},
			{name: "schedule time in the past", id: existing.ID, files: []upload{png}, change: func(v url.Values) {
				v.Set("action", "schedule")
				v.Set("publish_at", time.Now().Add(-time.Hour).In(f.cfg.Location).Format("2006-01-02T15:04"))
			}, says: "is in the past"},
			{name: "unreadable schedule time", id: existing.ID, change: func(v url.Values) {
				v.Set("action", "schedule")
				v.Set("publish_at", "tomorrow morning")
			}, says: "The time to publish at must be a date and time such as 2026-11-27T08:30."},
			{name: "unknown workflow step", id: existing.ID, change: func(v url.Values) { v.Set("action", "promote") },
				says: "is not an action"},
			{name: "text file named photo.jpg", files: []upload{{"image", "photo.jpg", []byte("These are the minutes of the council meeting, not a photo.\n")}},
				says: "The file is not an image; please upload a JPEG, PNG or WebP file."},
		} {
			t.Run(tc.name, func(t *testing.T) {
				headline := fmt.Sprintf("Typed headline number %d", i)
				body := fmt.Sprintf("Typed paragraph number %d that must survive a refusal.", i)
				caption := fmt.Sprintf("Typed caption number %d", i)
				form, path := storyForm(f, headline, body), "/newsroom/articles"
				if tc.id != 0 {
					form, path = formFor(existing, "save"), fmt.Sprintf("/newsroom/articles/%d", tc.id)
					form.Set("headline", headline)
					form.Set("body", body)
				}
				form.Set("image_caption", caption)
				if tc.change != nil {
					tc.change(form)
				}
				before := takeFootprint(t, f)

				r := postMultipart(t, f, editor, path, form, tc.files...)
				r.expect(t, http.StatusBadRequest, "Not saved yet. Please fix:", tc.says, body, caption)
				if strings.TrimSpace(form.Get("headline")) != "" {
					r.expect(t, http.StatusBadRequest, headline)
				}
				// The form posts back to where it came from, so fixing it and
				// saving again works.
				contains(t, tc.name, r.body, `<form id="article-form" method="post" enctype="multipart/form-data" action="`+path+`"`)
				if tc.id != 0 {
					contains(t, tc.name, r.body, fmt.Sprintf(`<input type="hidden" name="version" value="%d">`, existing.Version))
				}
				unchanged(t, tc.name, f, before)
				if got := stored(t, f, existing.ID); got.Version != existing.Version || got.Headline != existing.Headline {
					t.Errorf("%s changed the stored article: version %d, headline %q", tc.name, got.Version, got.Headline)
				}
			})
		}
	})
}

func TestNewsroomOversizedUpload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		reporter := loginAs(t, f, rep)
		before := takeFootprint(t, f)
		big := make([]byte, 12<<20) // more than the 10 MiB image plus 1 MiB of text a post may carry
		copy(big, storetest.PNG(t, 64, 64))
		r := postMultipart(t, f, reporter, "/newsroom/articles", storyForm(f, "A very large picture", "Body."),
			upload{"image", "huge.png", big})
		r.expect(t, http.StatusRequestEntityTooLarge, "The upload is larger than 10 MB, so nothing was saved.")
		unchanged(t, "an oversized upload", f, before)
	})
}

func TestNewsroomStaleEditIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		first, second := newMember(t, f, auth.Editor, "Eranga Editor"), newMember(t, f, auth.Editor, "Dilani Deskeditor")
		a := seedOwned(t, f, first.ID, news.StatusDraft, "Harbour dredging starts")
		one, two := loginAs(t, f, first), loginAs(t, f, second)
		path := fmt.Sprintf("/newsroom/articles/%d", a.ID)

		mine, theirs := openEditor(t, f, one, a.ID), openEditor(t, f, two, a.ID)
		if mine.Get("version") != theirs.Get("version") {
			t.Fatalf("the two editors loaded versions %s and %s", mine.Get("version"), theirs.Get("version"))
		}
		mine.Set("headline", "Dredging starts at Colombo harbour")
		mine.Set("action", "save")
		postMultipart(t, f, one, path, mine).expectRedirect(t, "first save", path+"?done=saved")

		theirs.Set("headline", "Harbour dredging delayed by weather")
		theirs.Set("body", "The second editor's paragraph, typed with care.")
		theirs.Set("action", "save")
		before := takeFootprint(t, f)
		r := postMultipart(t, f, two, path, theirs)
		r.expect(t, http.StatusConflict, "Not saved: someone else saved first.",
			"Someone else saved this article after you opened it, so your changes were NOT saved.",
			"Harbour dredging delayed by weather", "The second editor's paragraph, typed with care.")
		contains(t, "stale save", r.body, `<form method="get" action="`+path+`/latest"`, `<button type="submit">Open the latest version</button>`)
		unchanged(t, "a stale save", f, before)
		if got := stored(t, f, a.ID); got.Headline != "Dredging starts at Colombo harbour" || got.Version != a.Version+1 {
			t.Fatalf("stored after the stale save: %q version %d", got.Headline, got.Version)
		}
	})
}

func TestNewsroomPasswordChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		here, elsewhere := loginAs(t, f, rep), loginAs(t, f, rep)
		const next = "lagoon-sunrise-7781"

		change := func(current, password, confirm string) pageReply {
			return postForm(t, f, here, "/newsroom/account/password", url.Values{"current": {current}, "password": {password}, "confirm": {confirm}})
		}
		before := takeFootprint(t, f)
		change("not my password", next, next).expect(t, http.StatusBadRequest, "Your current password is not right.")
		change(rep.password, next, next+"x").expect(t, http.StatusBadRequest, "The two new passwords differ.")
		change(rep.password, "short", "short").expect(t, http.StatusBadRequest, "The password must be at least 10 characters long.")
		unchanged(t, "refused password changes", f, before)
		getPage(t, f, elsewhere, "/newsroom/").expect(t, http.StatusOK, rep.Name)

		change(rep.password, next, next).expectRedirect(t, "change password", "/newsroom/account?done=password")
		getPage(t, f, here, "/newsroom/account?done=password").expect(t, http.StatusOK, "Your password has been changed.", rep.Email)
		getPage(t, f, elsewhere, "/newsroom/").expectRedirect(t, "other session", "/newsroom/login?next=%2Fnewsroom%2F")
		postForm(t, f, newBrowser(t), "/newsroom/login", url.Values{"email": {rep.Email}, "password": {rep.password}}).
			expect(t, http.StatusUnauthorized, wrongLogin)
		login(t, f, rep.Email, next)
	})
}

func TestNewsroomTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		ctx := context.Background()
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		admin := newMember(t, f, auth.Admin, "Anjali Admin")
		reporter, boss := loginAs(t, f, rep), loginAs(t, f, admin)

		getPage(t, f, reporter, "/newsroom/account").expect(t, http.StatusOK, "API tokens", "No tokens.")
		postForm(t, f, reporter, "/newsroom/tokens", url.Values{"name": {"  "}}).expect(t, http.StatusBadRequest, "Give the token a name")

		r := postForm(t, f, reporter, "/newsroom/tokens", url.Values{"name": {"wire importer"}})
		r.expect(t, http.StatusOK, "API token created", "It is shown only this once")
		secret := secretOf(t, r)
		if !strings.HasPrefix(secret, "dlt_") || r.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("token %q shown with Cache-Control %q", secret, r.header.Get("Cache-Control"))
		}
		acc, tok, err := f.store.TokenAccount(ctx, auth.HashToken(secret))
		if err != nil || acc.ID != rep.ID || tok.Name != "wire importer" {
			t.Fatalf("the new token belongs to %+v (%q), %v", acc.Name, tok.Name, err)
		}

		r = getPage(t, f, reporter, "/newsroom/account")
		r.expect(t, http.StatusOK, "wire importer")
		lacks(t, "account page", r.body, secret)
		m := regexp.MustCompile(`action="/newsroom/tokens/(\d+)/revoke"`).FindStringSubmatch(r.body)
		if m == nil {
			t.Fatalf("no revoke button on the account page\n%s", mainText(r.body))
		}
		revoke := "/newsroom/tokens/" + m[1] + "/revoke"

		// Nobody else can revoke it, not even an admin through their own page.
		postForm(t, f, boss, revoke, nil).expect(t, http.StatusNotFound)
		if _, _, err := f.store.TokenAccount(ctx, auth.HashToken(secret)); err != nil {
			t.Fatalf("someone else's revoke killed the token: %v", err)
		}

		postForm(t, f, reporter, revoke, nil).expectRedirect(t, "revoke", "/newsroom/account?done=revoked")
		if _, _, err := f.store.TokenAccount(ctx, auth.HashToken(secret)); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a revoked token still works: %v", err)
		}
		r = getPage(t, f, reporter, "/newsroom/account?done=revoked")
		r.expect(t, http.StatusOK, "Token revoked.", "wire importer", "revoked ")
		lacks(t, "account page after revoke", r.body, revoke)
		postForm(t, f, reporter, revoke, nil).expect(t, http.StatusNotFound) // twice is not an error to hide

		lines := auditLines(t, f, boss, "type=token&id="+m[1])
		if !hasAudit(lines, rep.Name, "create-token") || !hasAudit(lines, rep.Name, "revoke-token") {
			t.Fatalf("the audit log of the token: %+v", lines)
		}
	})
}

// TestNewsroomDeepPNGIsRefused uploads a real 16-bit PNG of 36 megapixels:
// under the pixel limit and a small file, but 288 MB once decoded. The
// editor refuses it from its header with a sentence, and nothing is stored.
func TestNewsroomDeepPNGIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		reporter := loginAs(t, f, newMember(t, f, auth.Reporter, "Ruwan Reporter"))
		before := takeFootprint(t, f)
		start := time.Now()
		r := postMultipart(t, f, reporter, "/newsroom/articles", storyForm(f, "A very deep picture", "Body."),
			upload{"image", "scan.png", storetest.DeepPNG(t, 6000, 6000)})
		r.expect(t, http.StatusBadRequest, "The image is 6000×6000 pixels, 16 bits per channel", "images may take at most 256 MB.")
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("the refusal took %v", took)
		}
		unchanged(t, "a 16-bit upload", f, before)
	})
}
