package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestSQLMetacharactersAreText sends SQL written to break out of a query
// through the admin API, the comment API, search and the sign-in form, on
// both engines. Every query is a named statement with parameters, so the
// text must come back exactly as written, the tables must all still be there
// with what they held, and the sign-in must be refused.
func TestSQLMetacharactersAreText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		editor := servertest.NewTokenUser(t, f, auth.Editor, "Esha Editor")
		_, before := publicArticles(t, f)

		story := map[string]any{
			"headline":      `Robert'); DROP TABLE articles; -- wins the quiz`,
			"summary":       `' OR '1'='1`,
			"body_markdown": `1; DELETE FROM comments WHERE '1'='1'; UPDATE staff SET role = 'admin'`,
			"section":       "local", "lang": "en", "place": `O'Brien's Quay`,
			"tags":   []string{`x'); DROP TABLE tags; --`},
			"source": map[string]string{"type": "staff"}, "action": "publish",
		}
		r := f.CallAdminAPI(editor.Token, http.MethodPost, "/api/v1/admin/articles", story)
		r.Expect(t, "create", http.StatusCreated, "")
		id := r.Article(t).ID
		var got servertest.APIArticle
		resp, body := f.Get(fmt.Sprintf("/api/v1/articles/%d", id))
		if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &got) != nil {
			t.Fatalf("public API: %d %s", resp.StatusCode, body)
		}
		if got.Headline != story["headline"] || got.Summary != story["summary"] || got.BodyMarkdown != story["body_markdown"] ||
			got.Place != story["place"] || len(got.Tags) != 1 || got.Tags[0].Name != story["tags"].([]string)[0] {
			t.Errorf("stored story differs from what was sent: %+v", got)
		}

		name, text := `O'Brien"; DROP TABLE comments; --`, `Good report. ' UNION SELECT password_hash FROM staff --`
		out := servertest.PostFresh(t, f, id, servertest.CommentIn{Name: name, Body: text})
		if c := servertest.StoredComment(t, f, out.ID); c.Name != name || c.Body != text {
			t.Errorf("stored comment %q / %q, want %q / %q", c.Name, c.Body, name, text)
		}

		q := `Robert'); DROP TABLE articles; --`
		resp, body = f.Get("/api/v1/search?q=" + url.QueryEscape(q))
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"total":1`) {
			t.Errorf("search for %s: %d %s", q, resp.StatusCode, body)
		}

		r2 := servertest.PostForm(t, f, servertest.NewBrowser(t), "/newsroom/login", url.Values{"email": {`' OR '1'='1' --`}, "password": {`' OR '1'='1`}})
		r2.Expect(t, http.StatusUnauthorized, servertest.WrongLogin)
		if len(r2.Cookies) != 0 {
			t.Errorf("an injected sign-in set cookies: %v", r2.Cookies)
		}

		if _, after := publicArticles(t, f); after != before+1 {
			t.Errorf("the public list holds %d articles, want the %d before and the new one", after, before)
		}
		if total := servertest.CommentTotal(t, f); total != 1 {
			t.Errorf("%d comments stored, want the one posted", total)
		}
		if acc, err := f.Store.AccountByID(t.Context(), editor.ID); err != nil || acc.Role != string(auth.Editor) {
			t.Errorf("the editor's account after the story: %+v, %v", acc, err)
		}
	})
}

// publicArticles returns the public API's first page and its total.
func publicArticles(t *testing.T, f *servertest.Fixture) (string, int) {
	t.Helper()
	resp, body := f.Get("/api/v1/articles")
	var list struct {
		Total int `json:"total"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &list) != nil {
		t.Fatalf("article list: %d %s", resp.StatusCode, body)
	}
	return body, list.Total
}
