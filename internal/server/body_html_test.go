package server_test

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

// TestArticleBodyNamesNothingAndLoadsNothingFromElsewhere: an article body
// with an id that would clobber the page's own names and an image from
// another host reaches readers without either, on the page, in the API's
// body_html and in the RSS feed, whether it was rendered now (published
// through the admin API) or stored before the rule (a body rendered by an
// older version); the site's own image stays.
func TestArticleBodyNamesNothingAndLoadsNothingFromElsewhere(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		editor := servertest.NewTokenUser(t, f, auth.Editor, "Esha Editor")
		story := servertest.NewStory("publish")
		story["headline"] = "Harbour dredging begins"
		story["body_markdown"] = "<p id=\"comment-form\" name=\"ts\">Dredgers arrived.</p>\n\n" +
			"![tracking pixel](https://tracker.example/fresh.gif) ![the harbour](/media/1/page.jpg)"
		r := f.CallAdminAPI(editor.Token, "POST", "/api/v1/admin/articles", story)
		r.Expect(t, "publish", http.StatusCreated, "")
		fresh := r.Article(t)

		old := news.Article{Headline: "Old story with a pixel", Summary: "Stored long ago.", Lang: "en", Section: f.Local,
			BodyMarkdown: "unused", Status: news.StatusPublished, PublishedAt: time.Now().Add(-time.Hour),
			BodyHTML: `<p id="comment-form">Stored <img src="https://tracker.example/old.gif" alt="a chart"> body.</p>`}
		old.CreatedAt, old.UpdatedAt = old.PublishedAt, old.PublishedAt
		if err := f.Store.CreateArticle(context.Background(), &old, store.Change{Actor: "test", Action: "create"}); err != nil {
			t.Fatal(err)
		}

		for _, id := range []int64{fresh.ID, old.ID} {
			resp, body := f.Get(fmt.Sprintf("/api/v1/articles/%d", id))
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("article %d: %d", id, resp.StatusCode)
			}
			var a servertest.APIArticle
			if err := json.Unmarshal([]byte(body), &a); err != nil {
				t.Fatal(err)
			}
			servertest.Lacks(t, "body_html", a.BodyHTML, "tracker.example", "id=", "name=")
			if id == fresh.ID {
				servertest.Contains(t, "body_html", a.BodyHTML, `src="/media/1/page.jpg"`, "Dredgers arrived.", "tracking pixel")
			} else {
				servertest.Contains(t, "body_html", a.BodyHTML, "Stored a chart body.")
			}
			_, page := f.Get(a.URL[strings.Index(a.URL, "/news/"):])
			servertest.Lacks(t, "article page", page, "tracker.example")
			if strings.Count(page, `id="comment-form"`) > 1 {
				t.Errorf("article %d: the body names an element of the page's own", id)
			}
		}
		_, feed := f.Get("/rss.xml")
		servertest.Contains(t, "RSS", feed, "Harbour dredging begins")
		servertest.Lacks(t, "RSS", feed, "tracker.example")
	})
}
