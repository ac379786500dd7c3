package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

func adminPath(id int64, step string) string {
	if step == "" {
		return fmt.Sprintf("/api/v1/admin/articles/%d", id)
	}
	return fmt.Sprintf("/api/v1/admin/articles/%d/%s", id, step)
}

// seedArticle stores an article with an owner and a status, bypassing the API.
func seedArticle(t *testing.T, f *servertest.Fixture, owner int64, status news.Status) news.Article {
	t.Helper()
	a := news.Article{Headline: "Matrix story", Summary: "For the permission matrix.", BodyMarkdown: "Body.",
		BodyHTML: "<p>Body.</p>", Section: f.Local, Lang: "en", Status: status, OwnerID: owner}
	switch status {
	case news.StatusPublished:
		a.PublishedAt = time.Now().Add(-time.Hour)
	case news.StatusScheduled:
		a.ScheduledAt = time.Now().Add(24 * time.Hour)
	}
	if err := f.Store.CreateArticle(context.Background(), &a, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatal(err)
	}
	return a
}

func future() string { return time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339) }

func TestAdminAPIRefusesMissingAndBadTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ctx := context.Background()
		editor := servertest.NewTokenUser(t, f, auth.Editor, "Esha Editor")
		revoked := servertest.NewTokenUser(t, f, auth.Editor, "Ravi Revoked")
		if err := f.Store.RevokeToken(ctx, revoked.TokenID, revoked.ID, store.Change{Actor: "test", Action: "revoke"}); err != nil {
			t.Fatal(err)
		}
		retired := servertest.NewTokenUser(t, f, auth.Admin, "Rohan Retired")
		if err := f.Store.SetRoleActive(ctx, retired.ID, "admin", false, store.Change{Actor: "test", Action: "deactivate"}); err != nil {
			t.Fatal(err)
		}
		path := adminPath(f.Draft.ID, "")
		for _, sc := range []servertest.Scenario{
			{Name: "no header", Path: path},
			{Name: "basic auth", Header: http.Header{"Authorization": {"Basic ZWRpdG9yOnNlY3JldA=="}}, Path: path},
			{Name: "scheme only", Header: http.Header{"Authorization": {"Bearer"}}, Path: path},
			{Name: "empty token", Header: http.Header{"Authorization": {"Bearer "}}, Path: path},
			{Name: "unknown token", Header: http.Header{"Authorization": {"Bearer dlt_notarealtoken"}}, Path: path},
			{Name: "token with trailing words", Header: http.Header{"Authorization": {"Bearer " + editor.Token + " extra"}}, Path: path},
			{Name: "two headers", Header: http.Header{"Authorization": {"Bearer " + editor.Token, "Bearer " + editor.Token}}, Path: path},
			{Name: "huge token", Header: http.Header{"Authorization": {"Bearer " + strings.Repeat("x", 5000)}}, Path: path},
			{Name: "token without scheme", Header: http.Header{"Authorization": {editor.Token}}, Path: path},
			{Name: "revoked token", Header: http.Header{"Authorization": {"Bearer " + revoked.Token}}, Path: path},
			{Name: "deactivated account", Header: http.Header{"Authorization": {"Bearer " + retired.Token}}, Path: path},
			{Name: "token in query", Path: path + "?access_token=" + editor.Token},
			{Name: "token in cookie", Header: http.Header{"Cookie": {"access_token=" + editor.Token + "; token=" + editor.Token}}, Path: path},
			{Name: "unknown admin address", Path: "/api/v1/admin/secrets"},
		} {
			sc.Status, sc.JSON, sc.NotContains = http.StatusUnauthorized, true, []string{f.Draft.Headline}
			r := sc.Run(t, f)
			if !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s: WWW-Authenticate %q, want a Bearer challenge", sc.Name, r.Header.Get("WWW-Authenticate"))
			}
		}

		r := f.CallAdminAPI("", "POST", "/api/v1/admin/articles", servertest.NewStory("publish"))
		r.Expect(t, "create without a token", http.StatusUnauthorized, "Authorization")

		r = f.CallAdminAPI(editor.Token, "GET", path, nil)
		r.Expect(t, "good token", http.StatusOK, "")
		if a := r.Article(t); a.Headline != f.Draft.Headline || a.Status != "draft" {
			t.Fatalf("good token: %+v", a)
		}
		if got := r.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("admin answer Cache-Control %q, want no-store", got)
		}
		r = f.CallAdminAPI(editor.Token, "GET", "/api/v1/admin/secrets", nil)
		r.Expect(t, "unknown admin address with a token", http.StatusNotFound, "no API endpoint")
	})
}

// TestAdminAPIRoleMatrix runs every endpoint as every role. The expected
// statuses are written out by hand, one column per role, so that a slip in
// the rules cannot also slip into the expectations.
func TestAdminAPIRoleMatrix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		users := [4]servertest.TokenUser{
			servertest.NewTokenUser(t, f, auth.Reporter, "Rani Reporter"),
			servertest.NewTokenUser(t, f, auth.Editor, "Eran Editor"),
			servertest.NewTokenUser(t, f, auth.Moderator, "Mala Moderator"),
			servertest.NewTokenUser(t, f, auth.Admin, "Asha Admin"),
		}
		colleague := servertest.NewTokenUser(t, f, auth.Reporter, "Oshadi Colleague")

		const (
			self  = "self"  // the article belongs to the caller
			other = "other" // to another reporter
		)
		version := func(a news.Article) any { return map[string]int{"version": a.Version} }
		edit := func(headline string) func(news.Article) any {
			return func(a news.Article) any { return map[string]any{"version": a.Version, "headline": headline} }
		}
		scheduleAt := func(when string) func(news.Article) any {
			return func(a news.Article) any { return map[string]any{"version": a.Version, "publish_at": when} }
		}
		rows := []struct {
			name   string
			owner  string      // "" for creation
			status news.Status // of the seeded article
			method string
			step   string // "" for the article itself
			body   func(a news.Article) any
			want   [4]int // reporter, editor, moderator, admin
		}{
			{name: "create draft", method: "POST",
				body: func(news.Article) any { return servertest.NewStory("save") }, want: [4]int{201, 201, 403, 201}},
			{name: "create and submit", method: "POST",
				body: func(news.Article) any { return servertest.NewStory("submit") }, want: [4]int{201, 201, 403, 201}},
			{name: "create and publish", method: "POST",
				body: func(news.Article) any { return servertest.NewStory("publish") }, want: [4]int{403, 201, 403, 201}},
			{name: "create and schedule", method: "POST",
				body: func(news.Article) any { s := servertest.NewStory("schedule"); s["publish_at"] = future(); return s },
				want: [4]int{403, 201, 403, 201}},
			{name: "create without a headline", method: "POST",
				body: func(news.Article) any { s := servertest.NewStory("save"); delete(s, "headline"); return s },
				want: [4]int{400, 400, 403, 400}},

			{name: "get own draft", owner: self, status: news.StatusDraft, method: "GET",
				want: [4]int{200, 200, 403, 200}},
			{name: "get other's draft", owner: other, status: news.StatusDraft, method: "GET",
				want: [4]int{403, 200, 403, 200}},
			// A reporter reads their own story once it is out, but no longer changes it.
			{name: "get own published", owner: self, status: news.StatusPublished, method: "GET",
				want: [4]int{200, 200, 403, 200}},
			{name: "edit own draft", owner: self, status: news.StatusDraft, method: "PATCH",
				body: edit("Rewritten"), want: [4]int{200, 200, 403, 200}},
			{name: "edit other's draft", owner: other, status: news.StatusDraft, method: "PATCH",
				body: edit("Rewritten"), want: [4]int{403, 200, 403, 200}},
			{name: "edit own published", owner: self, status: news.StatusPublished, method: "PATCH",
				body: edit("Rewritten"), want: [4]int{403, 200, 403, 200}},
			{name: "edit own draft to an empty headline", owner: self, status: news.StatusDraft, method: "PATCH",
				body: edit(" "), want: [4]int{400, 400, 403, 400}},
			{name: "submit own draft", owner: self, status: news.StatusDraft, method: "POST", step: "submit",
				body: version, want: [4]int{200, 200, 403, 200}},
			{name: "submit other's draft", owner: other, status: news.StatusDraft, method: "POST", step: "submit",
				body: version, want: [4]int{403, 200, 403, 200}},
			{name: "publish own draft", owner: self, status: news.StatusDraft, method: "POST", step: "publish",
				body: version, want: [4]int{403, 200, 403, 200}},
			{name: "publish own draft by PATCH", owner: self, status: news.StatusDraft, method: "PATCH",
				body: func(a news.Article) any { return map[string]any{"version": a.Version, "action": "publish"} },
				want: [4]int{403, 200, 403, 200}},
			{name: "schedule own draft", owner: self, status: news.StatusDraft, method: "POST", step: "schedule",
				body: scheduleAt(future()), want: [4]int{403, 200, 403, 200}},
			{name: "schedule own draft in the past", owner: self, status: news.StatusDraft, method: "POST", step: "schedule",
				body: scheduleAt("2020-01-01T00:00:00Z"), want: [4]int{403, 400, 403, 400}},
			{name: "unpublish other's published", owner: other, status: news.StatusPublished, method: "POST", step: "unpublish",
				body: version, want: [4]int{403, 200, 403, 200}},
			{name: "correct other's published", owner: other, status: news.StatusPublished, method: "POST", step: "corrections",
				body: func(news.Article) any { return map[string]string{"kind": "correction", "body": "A name was misspelt."} },
				want: [4]int{403, 201, 403, 201}},
			{name: "delete own draft", owner: self, status: news.StatusDraft, method: "DELETE",
				want: [4]int{403, 204, 403, 204}},
			{name: "delete other's draft", owner: other, status: news.StatusDraft, method: "DELETE",
				want: [4]int{403, 204, 403, 204}},
			{name: "delete other's published", owner: other, status: news.StatusPublished, method: "DELETE",
				want: [4]int{403, 409, 403, 409}},
		}
		ctx := context.Background()
		for _, row := range rows {
			for i, u := range users {
				what := fmt.Sprintf("%s as %s", row.name, u.Role)
				var a news.Article
				path := "/api/v1/admin/articles"
				switch row.owner {
				case self:
					a = seedArticle(t, f, u.ID, row.status)
				case other:
					a = seedArticle(t, f, colleague.ID, row.status)
				}
				if row.owner != "" {
					path = adminPath(a.ID, row.step)
				}
				var body any
				if row.body != nil {
					body = row.body(a)
				}
				r := f.CallAdminAPI(u.Token, row.method, path, body)
				if r.Status != row.want[i] {
					t.Errorf("%s: status %d, want %d\n%s", what, r.Status, row.want[i], r.Body)
					continue
				}
				if r.Status < 400 || row.owner == "" {
					continue
				}
				// A refusal changes nothing.
				after, err := f.Store.Article(ctx, a.ID)
				if err != nil || after.Version != a.Version || after.Status != a.Status || after.Headline != a.Headline {
					t.Errorf("%s: refused with %d but the article is now %+v (%v)", what, r.Status, after, err)
				}
			}
		}
	})
}

func TestAdminAPICreateThenPublishShowsInPublicAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		editor := servertest.NewTokenUser(t, f, auth.Editor, "Esha Editor")

		story := servertest.NewStory("")
		story["section"], story["image_caption"] = "world", "Not shown: the API sets no image"
		r := f.CallAdminAPI(editor.Token, "POST", "/api/v1/admin/articles", story)
		r.Expect(t, "create", http.StatusCreated, "")
		a := r.Article(t)
		if loc := r.Header.Get("Location"); loc != f.Srv.URL+adminPath(a.ID, "") {
			t.Errorf("Location %q, want %q", loc, f.Srv.URL+adminPath(a.ID, ""))
		}
		if a.Status != "draft" || a.Version != 1 || a.PublishedAt != nil || a.ScheduledAt != nil ||
			a.OwnerID == nil || *a.OwnerID != editor.ID || a.Slug != "port-expansion-approved" ||
			a.Section.Slug != "world" || len(a.Tags) != 2 || a.Tags[0].Slug != "ports" ||
			len(a.Authors) != 1 || a.Authors[0].Name != "Nadeesha Fernando" ||
			a.Source.Line != "Source: Reuters -Agencies" || a.Place != "Colombo" || a.Image != nil ||
			!strings.Contains(a.BodyHTML, "<strong>second phase</strong>") {
			t.Fatalf("created article: %+v", a)
		}
		public := fmt.Sprintf("/api/v1/articles/%d", a.ID)
		if resp, _ := f.Get(public); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("draft in the public API: %d", resp.StatusCode)
		}

		r = f.CallAdminAPI(editor.Token, "POST", adminPath(a.ID, "publish"), map[string]int{"version": a.Version})
		r.Expect(t, "publish", http.StatusOK, "")
		pub := r.Article(t)
		if pub.Status != "published" || pub.Version != 2 || pub.PublishedAt == nil || time.Since(*pub.PublishedAt) > time.Minute {
			t.Fatalf("published article: %+v", pub)
		}

		revs, err := f.Store.Revisions(context.Background(), a.ID, 10)
		if err != nil || len(revs) != 2 {
			t.Fatalf("revisions: %+v %v", revs, err)
		}
		for _, rev := range revs {
			if rev.Actor != `Esha Editor via API token "CMS import"` {
				t.Errorf("revision %d by %q, want the editor via the token", rev.Version, rev.Actor)
			}
		}

		resp, body := f.Get("/api/v1/articles?section=world")
		var list struct{ Items []servertest.APIArticle }
		if err := json.Unmarshal([]byte(body), &list); resp.StatusCode != 200 || err != nil {
			t.Fatalf("public list: %d %v", resp.StatusCode, err)
		}
		if len(list.Items) == 0 || list.Items[0].ID != a.ID || list.Items[0].Headline != "Port expansion approved" {
			t.Fatalf("public list does not lead with the new article: %+v", list.Items)
		}
		resp, body = f.Get(public)
		if resp.StatusCode != 200 || !strings.Contains(body, `"line":"Source: Reuters -Agencies"`) || strings.Contains(body, `"status"`) {
			t.Fatalf("public article: %d %s", resp.StatusCode, body)
		}
	})
}

func TestAdminAPIRefusesBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		editor := servertest.NewTokenUser(t, f, auth.Editor, "Esha Editor")
		draft := adminPath(f.Draft.ID, "")
		with := func(k string, v any) map[string]any { s := servertest.NewStory(""); s[k] = v; return s }
		huge := `{"headline": "` + strings.Repeat("a", 2<<20) + `"}`

		for _, tc := range []struct {
			servertest.Scenario
			problems bool // the desk's refusal, with its list
		}{
			{servertest.Scenario{Name: "schedule in the past on create", Method: "POST", Path: "/api/v1/admin/articles",
				Body: map[string]any{"headline": "Late", "section": "local", "action": "schedule", "publish_at": "2020-01-01T00:00:00Z"}, Status: 400, Error: "in the past"}, true},
			{servertest.Scenario{Name: "schedule in the past", Method: "POST", Path: adminPath(f.Draft.ID, "schedule"),
				Body: map[string]any{"version": f.Draft.Version, "publish_at": time.Now().Add(-time.Hour).Format(time.RFC3339)}, Status: 400, Error: "in the past"}, true},
			{servertest.Scenario{Name: "schedule without a time", Method: "POST", Path: adminPath(f.Draft.ID, "schedule"),
				Body: map[string]any{"version": f.Draft.Version}, Status: 400, Error: "Choose the date and time"}, true},
			{servertest.Scenario{Name: "publish_at not RFC 3339", Method: "POST", Path: adminPath(f.Draft.ID, "schedule"),
				Body: map[string]any{"version": f.Draft.Version, "publish_at": "tomorrow at noon"}, Status: 400, Error: "RFC 3339"}, false},
			{servertest.Scenario{Name: "publish_at when publishing", Method: "POST", Path: adminPath(f.Draft.ID, "publish"),
				Body: map[string]any{"version": f.Draft.Version, "publish_at": future()}, Status: 400, Error: "only for scheduling"}, false},
			{servertest.Scenario{Name: "unknown section", Method: "POST", Path: "/api/v1/admin/articles",
				Body: with("section", "nowhere"), Status: 400, Error: `no section with slug "nowhere"`}, false},
			{servertest.Scenario{Name: "unknown author", Method: "POST", Path: "/api/v1/admin/articles",
				Body: with("authors", []string{"nadeesha-fernando", "nobody"}), Status: 400, Error: `no staff member with slug "nobody"`}, false},
			{servertest.Scenario{Name: "no section", Method: "POST", Path: "/api/v1/admin/articles",
				Body: map[string]any{"headline": "Homeless"}, Status: 400, Error: "Choose one of the sections"}, true},
			{servertest.Scenario{Name: "unknown source type", Method: "POST", Path: "/api/v1/admin/articles",
				Body: with("source", map[string]string{"type": "blog"}), Status: 400, Error: "source.type"}, false},
			{servertest.Scenario{Name: "agency without a name", Method: "POST", Path: "/api/v1/admin/articles",
				Body: with("source", map[string]string{"type": "agency"}), Status: 400, Error: "agency"}, true},
			{servertest.Scenario{Name: "unknown language", Method: "POST", Path: "/api/v1/admin/articles",
				Body: with("lang", "fr"), Status: 400, Error: "fr"}, true},
			{servertest.Scenario{Name: "bad slug", Method: "POST", Path: "/api/v1/admin/articles",
				Body: with("slug", "Not A Slug!"), Status: 400, Error: "lower-case letters"}, true},
			{servertest.Scenario{Name: "unknown action", Method: "POST", Path: "/api/v1/admin/articles",
				Body: with("action", "archive"), Status: 400, Error: `"archive" is not an action`}, true},
			{servertest.Scenario{Name: "bad JSON", Method: "POST", Path: "/api/v1/admin/articles",
				Body: `{headline: "x"}`, Status: 400, Error: "not valid JSON"}, false},
			{servertest.Scenario{Name: "cut-off JSON", Method: "POST", Path: "/api/v1/admin/articles",
				Body: `{"headline": "x"`, Status: 400, Error: "middle of a JSON value"}, false},
			{servertest.Scenario{Name: "empty body", Method: "POST", Path: "/api/v1/admin/articles",
				Body: "", Status: 400, Error: "empty"}, false},
			{servertest.Scenario{Name: "two objects", Method: "POST", Path: "/api/v1/admin/articles",
				Body: `{"headline": "a"} {"headline": "b"}`, Status: 400, Error: "one JSON object"}, false},
			{servertest.Scenario{Name: "an array", Method: "POST", Path: "/api/v1/admin/articles",
				Body: `[{"headline": "a"}]`, Status: 400, Error: "must be a JSON object"}, false},
			{servertest.Scenario{Name: "unknown field", Method: "POST", Path: "/api/v1/admin/articles",
				Body: with("headlin", "typo"), Status: 400, Error: `unknown field "headlin"`}, false},
			{servertest.Scenario{Name: "image upload", Method: "POST", Path: "/api/v1/admin/articles",
				Body: with("image", "aGVsbG8="), Status: 400, Error: `unknown field "image"`}, false},
			{servertest.Scenario{Name: "headline a number", Method: "POST", Path: "/api/v1/admin/articles",
				Body: with("headline", 5), Status: 400, Error: "headline must be a string"}, false},
			{servertest.Scenario{Name: "source type a number", Method: "PATCH", Path: draft,
				Body: `{"version": 1, "source": {"type": 3}}`, Status: 400, Error: "source.type must be a string, not number"}, false},
			{servertest.Scenario{Name: "version on create", Method: "POST", Path: "/api/v1/admin/articles",
				Body: with("version", 1), Status: 400, Error: "a new one has none"}, false},
			{servertest.Scenario{Name: "tags a string", Method: "POST", Path: "/api/v1/admin/articles",
				Body: with("tags", "Ports"), Status: 400, Error: "tags must be a list of strings"}, false},
			{servertest.Scenario{Name: "version a string", Method: "POST", Path: adminPath(f.Draft.ID, "publish"),
				Body: `{"version": "1"}`, Status: 400, Error: "version must be a whole number"}, false},
			{servertest.Scenario{Name: "version a fraction", Method: "PATCH", Path: draft,
				Body: `{"version": 1.5}`, Status: 400, Error: "version must be a whole number"}, false},
			{servertest.Scenario{Name: "PATCH without a version", Method: "PATCH", Path: draft,
				Body: map[string]string{"headline": "x"}, Status: 400, Error: "version is required"}, false},
			{servertest.Scenario{Name: "publish without a version", Method: "POST", Path: adminPath(f.Draft.ID, "publish"),
				Body: map[string]any{}, Status: 400, Error: "version is required"}, false},
			{servertest.Scenario{Name: "correction without a body", Method: "POST", Path: adminPath(f.Staff.ID, "corrections"),
				Body: map[string]string{"kind": "correction"}, Status: 400, Error: "Write the note"}, true},
			{servertest.Scenario{Name: "correction of an unknown kind", Method: "POST", Path: adminPath(f.Staff.ID, "corrections"),
				Body: map[string]string{"kind": "retraction", "body": "x"}, Status: 400, Error: "correction or an update"}, true},
			{servertest.Scenario{Name: "id not a number", Method: "GET", Path: "/api/v1/admin/articles/abc",
				Body: nil, Status: 400, Error: "positive whole number"}, false},
			{servertest.Scenario{Name: "unknown id", Method: "GET", Path: adminPath(999999, ""),
				Body: nil, Status: 404, Error: "no article with id 999999"}, false},
			{servertest.Scenario{Name: "unknown id to publish", Method: "POST", Path: adminPath(999999, "publish"),
				Body: map[string]int{"version": 1}, Status: 404, Error: "no article with id"}, false},
			{servertest.Scenario{Name: "huge body", Method: "POST", Path: "/api/v1/admin/articles",
				Body: huge, Status: 413, Error: "larger than"}, false},
		} {
			tc.As, tc.JSON = servertest.AsToken(editor.Token), true
			r := tc.Run(t, f)
			var got struct{ Problems []string }
			servertest.APIReply{Status: r.Status, Header: r.Header, Body: r.Body}.Decode(t, &got)
			if tc.problems != (len(got.Problems) > 0) {
				t.Errorf("%s: problems %q, want a list: %v", tc.Name, got.Problems, tc.problems)
			}
		}

		h := http.Header{"Authorization": {"Bearer " + editor.Token}, "Content-Type": {"application/x-www-form-urlencoded"}}
		r := f.AdminRequest("POST", "/api/v1/admin/articles", "headline=Form", h)
		r.Expect(t, "form body", http.StatusUnsupportedMediaType, "application/json")

		after, err := f.Store.Article(context.Background(), f.Draft.ID)
		if err != nil || after.Version != f.Draft.Version || after.Status != news.StatusDraft {
			t.Fatalf("refused requests changed the draft: %+v %v", after, err)
		}
		if resp, body := f.Get("/api/v1/articles"); resp.StatusCode != 200 || !strings.Contains(body, `"total":26`) {
			t.Fatalf("refused requests published something: %s", body)
		}
	})
}

func TestAdminAPIStaleVersionIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		editor := servertest.NewTokenUser(t, f, auth.Editor, "Esha Editor")
		r := f.CallAdminAPI(editor.Token, "POST", "/api/v1/admin/articles", servertest.NewStory(""))
		r.Expect(t, "create", http.StatusCreated, "")
		a := r.Article(t)
		path := adminPath(a.ID, "")

		r = f.CallAdminAPI(editor.Token, "PATCH", path, map[string]any{"version": 1, "headline": "First editor's headline"})
		r.Expect(t, "first PATCH", http.StatusOK, "")
		first := r.Article(t)
		// Fields left out keep their values.
		if first.Version != 2 || first.Headline != "First editor's headline" || first.Summary != a.Summary ||
			first.BodyMarkdown != a.BodyMarkdown || len(first.Tags) != 2 || len(first.Authors) != 1 ||
			first.Source.Line != a.Source.Line || first.Slug != a.Slug || first.Section.Slug != "local" {
			t.Fatalf("after the first PATCH: %+v", first)
		}

		r = f.CallAdminAPI(editor.Token, "PATCH", path, map[string]any{"version": 1, "headline": "Second editor's headline"})
		r.Expect(t, "stale PATCH", http.StatusConflict, "changed since the version you sent")
		r = f.CallAdminAPI(editor.Token, "POST", adminPath(a.ID, "publish"), map[string]any{"version": 1})
		r.Expect(t, "stale publish", http.StatusConflict, "changed since")

		r = f.CallAdminAPI(editor.Token, "GET", path, nil)
		r.Expect(t, "GET after", http.StatusOK, "")
		if now := r.Article(t); now.Headline != "First editor's headline" || now.Version != 2 || now.Status != "draft" {
			t.Fatalf("stale writes changed the article: %+v", now)
		}

		r = f.CallAdminAPI(editor.Token, "PATCH", path, map[string]any{"version": 2, "tags": []string{}, "source": map[string]string{"type": "staff"}})
		r.Expect(t, "clearing PATCH", http.StatusOK, "")
		if now := r.Article(t); len(now.Tags) != 0 || now.Source.Type != "staff" || now.Headline != "First editor's headline" {
			t.Fatalf("after clearing tags and source: %+v", now)
		}
	})
}

func TestAdminAPICorrections(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		editor := servertest.NewTokenUser(t, f, auth.Editor, "Esha Editor")
		note := map[string]string{"kind": "correction", "body": "An earlier version misspelt the river's name."}

		r := f.CallAdminAPI(editor.Token, "POST", adminPath(f.Draft.ID, "corrections"), note)
		r.Expect(t, "correct a draft", http.StatusBadRequest, "Corrections are for published articles")

		public := fmt.Sprintf("/api/v1/articles/%d", f.Staff.ID)
		var before, after servertest.APIArticle
		_, body := f.Get(public)
		if err := json.Unmarshal([]byte(body), &before); err != nil {
			t.Fatal(err)
		}
		r = f.CallAdminAPI(editor.Token, "POST", adminPath(f.Staff.ID, "corrections"), note)
		r.Expect(t, "correct a published article", http.StatusCreated, "")
		var c struct {
			ID        int64
			Kind      string
			Body      string
			CreatedAt time.Time `json:"created_at"`
		}
		r.Decode(t, &c)
		if c.ID == 0 || c.Kind != "correction" || c.Body != note["body"] || time.Since(c.CreatedAt) > time.Minute {
			t.Fatalf("note: %+v", c)
		}
		_, body = f.Get(public)
		if err := json.Unmarshal([]byte(body), &after); err != nil {
			t.Fatal(err)
		}
		if !after.UpdatedAt.After(before.UpdatedAt) || !after.PublishedAt.Equal(before.PublishedAt) {
			t.Fatalf("updated_at %v -> %v, published_at %v -> %v: want updated moved forward, published kept",
				before.UpdatedAt, after.UpdatedAt, before.PublishedAt, after.PublishedAt)
		}
	})
}

func TestAdminAPIDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		editor := servertest.NewTokenUser(t, f, auth.Editor, "Esha Editor")

		r := f.CallAdminAPI(editor.Token, "DELETE", adminPath(f.Draft.ID, ""), nil)
		r.Expect(t, "delete a draft", http.StatusNoContent, "")
		if r.Body != "" {
			t.Errorf("204 with a body: %q", r.Body)
		}
		f.CallAdminAPI(editor.Token, "GET", adminPath(f.Draft.ID, ""), nil).Expect(t, "deleted draft", http.StatusNotFound, "no article")
		f.CallAdminAPI(editor.Token, "DELETE", adminPath(f.Draft.ID, ""), nil).Expect(t, "delete twice", http.StatusNotFound, "no article")

		for _, a := range []news.Article{f.Lead, f.Pulled} {
			r = f.CallAdminAPI(editor.Token, "DELETE", adminPath(a.ID, ""), nil)
			r.Expect(t, "delete "+string(a.Status), http.StatusConflict, "unpublish it instead")
			if _, err := f.Store.Article(context.Background(), a.ID); err != nil {
				t.Fatalf("refused delete of %s: %v", a.Status, err)
			}
		}
		if resp, _ := f.Get(fmt.Sprintf("/api/v1/articles/%d", f.Lead.ID)); resp.StatusCode != http.StatusOK {
			t.Fatalf("published article after a refused delete: %d", resp.StatusCode)
		}
	})
}
