package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/auth"
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
		f := newFixture(t, e)
		ann, ben := newMember(t, f, auth.Reporter, "Anoma Writer"), newMember(t, f, auth.Reporter, "Bandula Writer")
		ed := newMember(t, f, auth.Editor, "Chamari Editor")
		a, b, boss := loginAs(t, f, ann), loginAs(t, f, ben), loginAs(t, f, ed)
		postMultipart(t, f, a, "/newsroom/articles", storyForm(f, "Secret scoop on the port deal by Anoma", "Body.")).expect(t, http.StatusSeeOther)
		postMultipart(t, f, b, "/newsroom/articles", storyForm(f, "Own draft on rainfall by Bandula", "Body."))

		r := getPage(t, f, b, "/newsroom/")
		r.expect(t, http.StatusOK, "Own draft on rainfall by Bandula")
		for _, other := range []string{"Secret scoop on the port deal", f.draft.Headline, f.pulled.Headline} {
			lacks(t, "a reporter's article list", r.body, other)
		}
		getPage(t, f, boss, "/newsroom/").expect(t, http.StatusOK, "Secret scoop on the port deal", "Own draft on rainfall", f.draft.Headline)
		lacks(t, "a reporter's list with status=draft", getPage(t, f, b, "/newsroom/?status=draft").body, "Secret scoop on the port deal")
		lacks(t, "a reporter's list searched", getPage(t, f, b, "/newsroom/?q=scoop").body, "Secret scoop on the port deal")
	})
}

// TestStaffChangesAreNamedInTheAuditLog: deactivating, reactivating and
// changing a role are logged as such, with the member's name and the roles.
func TestStaffChangesAreNamedInTheAuditLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		admin := newMember(t, f, auth.Admin, "Anjali Admin")
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		boss := loginAs(t, f, admin)
		path := fmt.Sprintf("/newsroom/staff/%d", rep.ID)
		postForm(t, f, boss, path, url.Values{"role": {"reporter"}}).expectRedirect(t, "deactivate", "/newsroom/staff?done=staff")
		postForm(t, f, boss, path, url.Values{"role": {"reporter"}, "active": {"1"}}).expectRedirect(t, "reactivate", "/newsroom/staff?done=staff")
		postForm(t, f, boss, path, url.Values{"role": {"editor"}, "active": {"1"}}).expectRedirect(t, "promote", "/newsroom/staff?done=staff")
		lines := auditLines(t, f, boss, fmt.Sprintf("type=staff&id=%d", rep.ID))
		for _, want := range []struct{ action, detail string }{
			{"deactivate", rep.Name}, {"reactivate", rep.Name}, {"change-role", "role reporter → editor"},
		} {
			found := false
			for _, l := range lines {
				if l.who == admin.Name && l.action == want.action && strings.Contains(l.detail, want.detail) {
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
		f := newFixture(t, e)
		ed := loginAs(t, f, newMember(t, f, auth.Editor, "Chamari Editor"))
		a := stored(t, f, f.staff.ID)
		r := getPage(t, f, ed, fmt.Sprintf("/newsroom/articles/%d", a.ID))
		link := fmt.Sprintf(`%s?v=%d`, a.Path(), a.Version)
		contains(t, "the editor of a published story", r.body, `href="`+link+`"`)
		page := getPage(t, f, newBrowser(t), link)
		page.expect(t, http.StatusOK, a.Headline)
	})
}

// TestPasswordResetAsksFirst: the staff page's Reset button only asks,
// saying what a reset does; nothing changes until the admin confirms.
func TestPasswordResetAsksFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		admin := newMember(t, f, auth.Admin, "Anjali Admin")
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		boss, c := loginAs(t, f, admin), loginAs(t, f, rep)
		path := fmt.Sprintf("/newsroom/staff/%d/reset", rep.ID)
		before := takeFootprint(t, f)
		r := postForm(t, f, boss, path, nil)
		r.expect(t, http.StatusOK, "Reset Ruwan Reporter", "signed out everywhere at once", "API tokens will be revoked", "Reset the password")
		contains(t, "the confirmation form", r.body, `action="`+path+`"`, `name="confirm" value="yes"`)
		unchanged(t, "an unconfirmed reset", f, before)
		getPage(t, f, c, "/newsroom/").expect(t, http.StatusOK, rep.Name) // still signed in
		login(t, f, rep.Email, rep.password)                              // the password still works

		r = postForm(t, f, boss, path, url.Values{"confirm": {"yes"}})
		r.expect(t, http.StatusOK, "Password reset")
		getPage(t, f, c, "/newsroom/").expectRedirect(t, "after the reset", "/newsroom/login?next=%2Fnewsroom%2F")
	})
}

// TestReporterReadsOwnPublishedStory: once an editor has published a
// reporter's story, the reporter opens it read-only, with its history,
// instead of a bare "Forbidden"; saving is still refused.
func TestReporterReadsOwnPublishedStory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		c, ed := loginAs(t, f, rep), loginAs(t, f, newMember(t, f, auth.Editor, "Chamari Editor"))
		r := postMultipart(t, f, c, "/newsroom/articles", storyForm(f, "Harbour dredging begins at Galle", "Work starts on Monday."))
		id := articleIDFrom(t, r)
		a := stored(t, f, id)
		form := formFor(a, "publish")
		postMultipart(t, f, ed, fmt.Sprintf("/newsroom/articles/%d", id), form).expect(t, http.StatusSeeOther)
		page := getPage(t, f, c, fmt.Sprintf("/newsroom/articles/%d", id))
		page.expect(t, http.StatusOK, "Harbour dredging begins at Galle", "You can read this article but not change it.")
		lacks(t, "the reporter's view of their published story", page.body, `value="save"`)
		getPage(t, f, c, fmt.Sprintf("/newsroom/articles/%d/revisions", id)).expect(t, http.StatusOK, "History of")
		form = formFor(stored(t, f, id), "save")
		postMultipart(t, f, c, fmt.Sprintf("/newsroom/articles/%d", id), form).expect(t, http.StatusForbidden)
	})
}

// TestAuditObjectsAreLinks: the audit log's objects lead to the thing or to
// everything recorded about it.
func TestAuditObjectsAreLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		admin := newMember(t, f, auth.Admin, "Anjali Admin")
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		boss := loginAs(t, f, admin)
		postForm(t, f, boss, fmt.Sprintf("/newsroom/staff/%d", rep.ID), url.Values{"role": {"editor"}, "active": {"1"}})
		r := getPage(t, f, boss, "/newsroom/audit")
		contains(t, "the audit log", r.body, fmt.Sprintf(`href="/newsroom/audit?type=staff&amp;id=%d"`, rep.ID),
			fmt.Sprintf(`href="/newsroom/articles/%d"`, f.staff.ID))
		getPage(t, f, boss, fmt.Sprintf("/newsroom/audit?type=staff&id=%d", rep.ID)).expect(t, http.StatusOK, "change-role", "role reporter → editor")
	})
}
