package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

func TestArticlesAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		getJSON := func(path string, status int, v any) {
			t.Helper()
			resp, body := f.Get(path)
			if resp.StatusCode != status || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				t.Fatalf("GET %s: %d %s, want %d JSON\n%s", path, resp.StatusCode, resp.Header.Get("Content-Type"), status, body)
			}
			if err := json.Unmarshal([]byte(body), v); err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
		}
		type list struct {
			Items []servertest.APIArticle `json:"items"`
			Page  int                     `json:"page"`
			Total int                     `json:"total"`
		}
		var l list
		getJSON("/api/v1/articles", 200, &l)
		if l.Total != 26 || l.Page != 1 || len(l.Items) != 20 {
			t.Fatalf("list: total %d page %d items %d", l.Total, l.Page, len(l.Items))
		}
		getJSON("/api/v1/articles?page=2", 200, &l)
		if l.Page != 2 || len(l.Items) != 6 {
			t.Fatalf("page 2: %d items", len(l.Items))
		}
		getJSON("/api/v1/articles?section=world&lang=en", 200, &l)
		if l.Total != 1 || l.Items[0].ID != f.Lead.ID {
			t.Fatalf("world: %+v", l)
		}
		a := l.Items[0]
		if a.BodyMarkdown != f.Lead.BodyMarkdown || !strings.Contains(a.BodyHTML, "<p>Delegates from forty countries agreed.</p>") {
			t.Fatalf("list item bodies: %q / %q", a.BodyMarkdown, a.BodyHTML)
		}
		if a.Source.Type != "agency" || a.Source.Line != "Source: Reuters -Agencies" || a.Place != "Geneva" || a.Lang != "en" ||
			a.URL != f.Srv.URL+f.Lead.Path() || a.Image == nil || !strings.HasPrefix(a.Image.URL, f.Srv.URL+"/media/") ||
			a.Section.Slug != "world" || len(a.Tags) != 1 || !a.PublishedAt.Equal(f.Lead.PublishedAt) {
			t.Fatalf("lead article JSON: %+v", a)
		}
		getJSON("/api/v1/articles?tag=monsoon", 200, &l)
		if l.Total != 1 || l.Items[0].ID != f.Staff.ID || len(l.Items[0].Authors) != 1 || l.Items[0].Authors[0].Name != "Nadeesha Fernando" {
			t.Fatalf("tag filter: %+v", l)
		}
		getJSON("/api/v1/articles?lang=si", 200, &l)
		if l.Total != 0 || l.Items == nil {
			t.Fatalf("sinhala: %+v (items must be [] not null)", l)
		}

		var one servertest.APIArticle
		getJSON(fmt.Sprintf("/api/v1/articles/%d", f.Hostile.ID), 200, &one)
		if strings.Contains(one.BodyHTML, "<script") || strings.Contains(one.BodyHTML, "javascript:") || !strings.Contains(one.BodyMarkdown, "<script>") {
			t.Fatalf("hostile body: html %q markdown %q", one.BodyHTML, one.BodyMarkdown)
		}
		getJSON(fmt.Sprintf("/api/v1/articles/%d", f.Staff.ID), 200, &one)
		if one.Source.Type != "staff" || one.Image != nil || one.Slug != f.Staff.Slug || one.UpdatedAt.IsZero() {
			t.Fatalf("staff JSON: %+v", one)
		}

		var apiErr struct{ Error string }
		for _, tc := range []struct {
			path   string
			status int
			says   string
		}{
			{fmt.Sprintf("/api/v1/articles/%d", f.Draft.ID), 404, "no published article"},
			{fmt.Sprintf("/api/v1/articles/%d", f.Pulled.ID), 404, "no published article"},
			{"/api/v1/articles/abc", 400, "positive whole number"},
			{"/api/v1/articles/-3", 400, "positive whole number"},
			{"/api/v1/articles?page=0", 400, "page must be"},
			{"/api/v1/articles?page=1e9", 400, "page must be"},
			{"/api/v1/articles?per_page=1000", 400, "per_page must be"},
			{"/api/v1/articles?lang=fr", 400, "lang must be"},
			{"/api/v1/articles?section=nowhere", 400, `no section with slug "nowhere"`},
			{"/api/v1/articles?tag=%FF", 400, "must be slugs"},
			{"/api/v1/articles?section=local&tag=monsoon", 400, "not both"},
			{"/api/v1/nothing", 404, "no API endpoint"},
		} {
			apiErr.Error = ""
			getJSON(tc.path, tc.status, &apiErr)
			if !strings.Contains(apiErr.Error, tc.says) {
				t.Errorf("GET %s: error %q does not say %q", tc.path, apiErr.Error, tc.says)
			}
		}
	})
}
