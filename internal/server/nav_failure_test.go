package server_test

import (
	"testing"

	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestPageWithoutNavigationIsNotKept: when the navigation cannot be read,
// the front page is still served, but no-store and not kept in the page
// cache, so readers do not get it without its sections for minutes after
// the database answers again; once the navigation reads, the page is kept.
func TestPageWithoutNavigationIsNotKept(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		const nav = `<li><a href="/section/local"` // in the navigation, not a card
		// The navigation's query reads this column; the front page's
		// stories do not.
		storetest.Exec(t, e, "ALTER TABLE section_names DROP COLUMN description")
		for i := range 2 {
			resp, body := f.Get("/")
			if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Surrogate-Key") != "" {
				t.Fatalf("front page %d without its navigation: %d, Cache-Control %q, Surrogate-Key %q; want 200 no-store and no tags",
					i, resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Surrogate-Key"))
			}
			servertest.Contains(t, "front page without navigation", body, f.Lead.Headline)
			servertest.Lacks(t, "front page without navigation", body, nav)
		}
		if cachedNow(f.App, "/") {
			t.Fatal("the front page without its navigation was kept in the page cache")
		}
		storetest.Exec(t, e, "ALTER TABLE section_names ADD COLUMN description TEXT NOT NULL DEFAULT ''")
		resp, body := f.Get("/")
		if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") == "no-store" || !cachedNow(f.App, "/") {
			t.Fatalf("front page with its navigation again: %d, Cache-Control %q, cached %v", resp.StatusCode, resp.Header.Get("Cache-Control"), cachedNow(f.App, "/"))
		}
		servertest.Contains(t, "front page with navigation", body, nav)
	})
}
