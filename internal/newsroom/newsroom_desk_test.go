package newsroom_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// The newsroom's desk: what reporters may list, what staff changes the
// audit log names, what an admin is asked before a reset, where "View on
// site" leads.

// TestNewsroomReporterListsOwnStories: a reporter's article list, video
// list and translation candidates show their own stories, never another
// reporter's drafts; an editor's show everything.
func TestNewsroomReporterListsOwnStories(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ann, ben := servertest.NewMember(t, f, auth.Reporter, "Anoma Writer"), servertest.NewMember(t, f, auth.Reporter, "Bandula Writer")
		ed := servertest.NewMember(t, f, auth.Editor, "Chamari Editor")
		a, b, boss := servertest.LoginAs(t, f, ann), servertest.LoginAs(t, f, ben), servertest.LoginAs(t, f, ed)
		servertest.PostMultipart(t, f, a, "/newsroom/articles", servertest.StoryForm(f, "Secret scoop on the port deal by Anoma", "Body.")).Expect(t, http.StatusSeeOther)
		servertest.PostMultipart(t, f, b, "/newsroom/articles", servertest.StoryForm(f, "Own draft on rainfall by Bandula", "Body."))

		r := servertest.GetPage(t, f, b, "/newsroom/")
		r.Expect(t, http.StatusOK, "Own draft on rainfall by Bandula")
		for _, other := range []string{"Secret scoop on the port deal", f.Draft.Headline, f.Pulled.Headline} {
			servertest.Lacks(t, "a reporter's article list", r.Body, other)
		}
		servertest.GetPage(t, f, boss, "/newsroom/").Expect(t, http.StatusOK, "Secret scoop on the port deal", "Own draft on rainfall", f.Draft.Headline)
		servertest.Lacks(t, "a reporter's list with status=draft", servertest.GetPage(t, f, b, "/newsroom/?status=draft").Body, "Secret scoop on the port deal")
		servertest.Lacks(t, "a reporter's list searched", servertest.GetPage(t, f, b, "/newsroom/?q=scoop").Body, "Secret scoop on the port deal")
	})
}

// TestStaffChangesAreNamedInTheAuditLog: deactivating, reactivating and
// changing a role are logged as such, with the member's name and the roles.
func TestStaffChangesAreNamedInTheAuditLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		admin := servertest.NewMember(t, f, auth.Admin, "Anjali Admin")
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		boss := servertest.LoginAs(t, f, admin)
		path := fmt.Sprintf("/newsroom/staff/%d", rep.ID)
		servertest.PostForm(t, f, boss, path, url.Values{"role": {"reporter"}}).ExpectRedirect(t, "deactivate", "/newsroom/staff?done=staff")
		servertest.PostForm(t, f, boss, path, url.Values{"role": {"reporter"}, "active": {"1"}}).ExpectRedirect(t, "reactivate", "/newsroom/staff?done=staff")
		servertest.PostForm(t, f, boss, path, url.Values{"role": {"editor"}, "active": {"1"}}).ExpectRedirect(t, "promote", "/newsroom/staff?done=staff")
		lines := servertest.AuditLines(t, f, boss, fmt.Sprintf("type=staff&id=%d", rep.ID))
		for _, want := range []struct{ action, detail string }{
			{"deactivate", rep.Name}, {"reactivate", rep.Name}, {"change-role", "role reporter → editor"},
		} {
			found := false
			for _, l := range lines {
				if l.Who == admin.Name && l.Action == want.action && strings.Contains(l.Detail, want.detail) {
					found = true
				}
			}
			if !found {
				t.Errorf("no %q entry saying %q in %+v", want.action, want.detail, lines)
			}
		}
	})
}

// TestNewsroomViewOnSiteShowsTheLatestVersion: "View on site" names the
// story's version, so the browser's 30-second copy of the public page
// cannot show the editor who just made a change the page before it.
func TestNewsroomViewOnSiteShowsTheLatestVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ed := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Editor, "Chamari Editor"))
		a := servertest.Stored(t, f, f.Staff.ID)
		r := servertest.GetPage(t, f, ed, fmt.Sprintf("/newsroom/articles/%d", a.ID))
		link := fmt.Sprintf(`%s?v=%d`, a.Path(), a.Version)
		servertest.Contains(t, "the editor of a published story", r.Body, `href="`+link+`"`)
		page := servertest.GetPage(t, f, servertest.NewBrowser(t), link)
		page.Expect(t, http.StatusOK, a.Headline)
	})
}

// TestPasswordResetAsksFirst: the staff page's Reset button only asks,
// saying what a reset does; nothing changes until the admin confirms.
func TestPasswordResetAsksFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		admin := servertest.NewMember(t, f, auth.Admin, "Anjali Admin")
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		boss, c := servertest.LoginAs(t, f, admin), servertest.LoginAs(t, f, rep)
		path := fmt.Sprintf("/newsroom/staff/%d/reset", rep.ID)
		before := servertest.TakeFootprint(t, f)
		r := servertest.PostForm(t, f, boss, path, nil)
		r.Expect(t, http.StatusOK, "Reset Ruwan Reporter", "signed out everywhere at once", "API tokens will be revoked", "Reset the password")
		servertest.Contains(t, "the confirmation form", r.Body, `action="`+path+`"`, `name="confirm" value="yes"`)
		servertest.Unchanged(t, "an unconfirmed reset", f, before)
		servertest.GetPage(t, f, c, "/newsroom/").Expect(t, http.StatusOK, rep.Name) // still signed in
		servertest.Login(t, f, rep.Email, rep.Password)                              // the password still works

		r = servertest.PostForm(t, f, boss, path, url.Values{"confirm": {"yes"}})
		r.Expect(t, http.StatusOK, "Password reset")
		servertest.GetPage(t, f, c, "/newsroom/").ExpectRedirect(t, "after the reset", "/newsroom/login?next=%2Fnewsroom%2F")
	})
}

// TestReporterReadsOwnPublishedStory: once an editor has published a
// reporter's story, the reporter opens it read-only, with its history,
// instead of a bare "Forbidden"; saving is still refused.
func TestReporterReadsOwnPublishedStory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		c, ed := servertest.LoginAs(t, f, rep), servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Editor, "Chamari Editor"))
		r := servertest.PostMultipart(t, f, c, "/newsroom/articles", servertest.StoryForm(f, "Harbour dredging begins at Galle", "Work starts on Monday."))
		id := servertest.ArticleIDFrom(t, r)
		a := servertest.Stored(t, f, id)
		form := servertest.FormFor(a, "publish")
		servertest.PostMultipart(t, f, ed, fmt.Sprintf("/newsroom/articles/%d", id), form).Expect(t, http.StatusSeeOther)
		page := servertest.GetPage(t, f, c, fmt.Sprintf("/newsroom/articles/%d", id))
		page.Expect(t, http.StatusOK, "Harbour dredging begins at Galle", "You can read this article but not change it.")
		servertest.Lacks(t, "the reporter's view of their published story", page.Body, `value="save"`)
		servertest.GetPage(t, f, c, fmt.Sprintf("/newsroom/articles/%d/revisions", id)).Expect(t, http.StatusOK, "History of")
		form = servertest.FormFor(servertest.Stored(t, f, id), "save")
		servertest.PostMultipart(t, f, c, fmt.Sprintf("/newsroom/articles/%d", id), form).Expect(t, http.StatusForbidden)
	})
}

// TestAuditObjectsAreLinks: the audit log's objects lead to the thing or to
// everything recorded about it.
func TestAuditObjectsAreLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		admin := servertest.NewMember(t, f, auth.Admin, "Anjali Admin")
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		boss := servertest.LoginAs(t, f, admin)
		servertest.PostForm(t, f, boss, fmt.Sprintf("/newsroom/staff/%d", rep.ID), url.Values{"role": {"editor"}, "active": {"1"}})
		r := servertest.GetPage(t, f, boss, "/newsroom/audit")
		servertest.Contains(t, "the audit log", r.Body, fmt.Sprintf(`href="/newsroom/audit?type=staff&amp;id=%d"`, rep.ID),
			fmt.Sprintf(`href="/newsroom/articles/%d"`, f.Staff.ID))
		servertest.GetPage(t, f, boss, fmt.Sprintf("/newsroom/audit?type=staff&id=%d", rep.ID)).Expect(t, http.StatusOK, "change-role", "role reporter → editor")
	})
}
