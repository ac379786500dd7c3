package server_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"dateline/internal/comments"
	"dateline/internal/config"
	"dateline/internal/news"
	"dateline/internal/server"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// cachedNow reports whether the node holds a page for the address.
func cachedNow(app *server.App, key string) bool {
	_, ok := app.Cache.Get(key)
	return ok
}

func TestPageCacheHeadersAnd304s(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	resp, body := f.FetchWith(t, f.Lead.Path(), map[string]string{"Accept-Encoding": "gzip"})
	h := resp.Header
	if resp.StatusCode != 200 || h.Get("Content-Encoding") != "gzip" || h.Get("Vary") != "Accept-Encoding" || h.Get("ETag") == "" {
		t.Fatalf("first article load: %d, encoding %q, vary %q, etag %q", resp.StatusCode, h.Get("Content-Encoding"), h.Get("Vary"), h.Get("ETag"))
	}
	for _, want := range []string{"public", "max-age=30", "s-maxage=300", "stale-while-revalidate=30", "stale-if-error=86400"} {
		if !strings.Contains(h.Get("Cache-Control"), want) {
			t.Errorf("Cache-Control %q lacks %s", h.Get("Cache-Control"), want)
		}
	}
	keys := strings.Fields(h.Get("Surrogate-Key"))
	for _, want := range []string{store.PagesArticle(f.Lead.ID), store.PagesSection("en", f.World.ID), store.PagesPopular("en")} {
		if !strings.Contains(" "+h.Get("Surrogate-Key")+" ", " "+want+" ") || !strings.Contains(h.Get("Cache-Tag"), want) {
			t.Errorf("Surrogate-Key %q / Cache-Tag %q lack %s", h.Get("Surrogate-Key"), h.Get("Cache-Tag"), want)
		}
	}
	if len(keys) == 0 || len(body) == 0 || strings.Contains(body, "<html") {
		t.Fatalf("the gzip body should not be plain HTML (%d bytes)", len(body))
	}
	// The second request is served from the cache: same tag, and a 304 when
	// the browser already has it.
	again, _ := f.FetchWith(t, f.Lead.Path(), map[string]string{"Accept-Encoding": "gzip"})
	if again.Header.Get("ETag") != h.Get("ETag") {
		t.Errorf("ETag changed between loads: %q then %q", h.Get("ETag"), again.Header.Get("ETag"))
	}
	notMod, nbody := f.FetchWith(t, f.Lead.Path(), map[string]string{"Accept-Encoding": "gzip", "If-None-Match": h.Get("ETag")})
	if notMod.StatusCode != http.StatusNotModified || nbody != "" {
		t.Errorf("If-None-Match: %d with %d bytes, want 304 and no body", notMod.StatusCode, len(nbody))
	}
	plain, pbody := f.FetchWith(t, f.Lead.Path(), nil)
	if plain.Header.Get("Content-Encoding") != "" || !strings.Contains(pbody, f.Lead.Headline) || plain.Header.Get("ETag") == h.Get("ETag") {
		t.Errorf("without Accept-Encoding: encoding %q, etag %q (gzip's %q)", plain.Header.Get("Content-Encoding"), plain.Header.Get("ETag"), h.Get("ETag"))
	}

	// Pages for one reader, searches and the newsroom are never shared.
	for _, path := range []string{f.Lead.Path() + "?flagged=1", "/search?q=geneva", "/newsroom/login", "/api/v1/articles"} {
		resp, _ := f.FetchWith(t, path, nil)
		if cc := resp.Header.Get("Cache-Control"); strings.Contains(cc, "public") || resp.Header.Get("Surrogate-Key") != "" {
			t.Errorf("%s: Cache-Control %q, Surrogate-Key %q: must not be shared", path, cc, resp.Header.Get("Surrogate-Key"))
		}
	}
	// A cached article's comment form gets a fresh form time from the API.
	if resp, body := f.FetchWith(t, "/api/v1/comments/form-time", nil); resp.StatusCode != 200 ||
		resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(body, `"ts":"`) {
		t.Errorf("form time: %d %q %s", resp.StatusCode, resp.Header.Get("Cache-Control"), body)
	}
	// Errors are not cached either.
	if resp, _ := f.FetchWith(t, "/news/999999/nothing", nil); strings.Contains(resp.Header.Get("Cache-Control"), "public") {
		t.Errorf("a 404 says %q", resp.Header.Get("Cache-Control"))
	}
}

// TestPageCacheIgnoresJunkQueries: made-up query strings share the page's
// one entry instead of adding entries.
func TestPageCacheIgnoresJunkQueries(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	f.Get("/")
	before := f.App.Cache.Stats().Entries
	for i := range 500 {
		resp, body := f.Get(fmt.Sprintf("/?utm_source=x%d&fbclid=%d", i, i))
		if resp.StatusCode != 200 || !strings.Contains(body, f.Lead.Headline) {
			t.Fatalf("junk query %d: %d", i, resp.StatusCode)
		}
	}
	if after := f.App.Cache.Stats().Entries; after != before {
		t.Errorf("500 junk query strings took the cache from %d to %d entries", before, after)
	}
	if st := f.App.Cache.Stats(); st.Hits < 500 {
		t.Errorf("the junk queries should be cache hits: %+v", st)
	}
}

// TestPageCacheOneEntryPerSpelling: the router decodes path segments, so
// an escaped spelling of a page's path is the same page and must share its
// entry and its canonical address (FuzzCacheKey found they did not).
func TestPageCacheOneEntryPerSpelling(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	spell := func(p string, hex string) string {
		var b strings.Builder
		for i := 0; i < len(p); i++ {
			if p[i] == '/' {
				b.WriteByte('/')
				continue
			}
			fmt.Fprintf(&b, hex, p[i])
		}
		return b.String()
	}
	for _, page := range []string{f.Lead.Path(), "/si/"} {
		f.Get(page)
		before := f.App.Cache.Stats()
		for _, other := range []string{spell(page, "%%%02x"), spell(page, "%%%02X")} {
			resp, body := f.Get(other)
			if resp.StatusCode != 200 || !strings.Contains(body, `<link rel="canonical" href="`+f.Srv.URL+page) {
				t.Fatalf("%s: %d, or the canonical address is not %s", other, resp.StatusCode, page)
			}
		}
		if after := f.App.Cache.Stats(); after.Entries != before.Entries || after.Hits < before.Hits+2 {
			t.Errorf("%s spelled two other ways: entries %d -> %d, hits %d -> %d", page, before.Entries, after.Entries, before.Hits, after.Hits)
		}
	}
}

// TestPageCacheInvalidation: each kind of change drops exactly the pages
// that show it, on both engines; the next reader sees the change.
func TestPageCacheInvalidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ctx := context.Background()
		s := servertest.SeedEditions(t, f)
		pages := map[string]string{
			"front":      "/",
			"si-front":   "/si/",
			"lead":       f.Lead.Path(),  // world section
			"staff":      f.Staff.Path(), // local section, tags Monsoon and Floods
			"local":      "/section/local",
			"world":      "/section/world",
			"monsoon":    "/tag/monsoon",
			"climate":    "/tag/climate",
			"feed":       "/rss.xml",
			"si-feed":    "/si/rss.xml",
			"si-article": "/si" + s.SI.Path(),
			"ta-article": "/ta" + s.TA.Path(),
		}
		warm := func() {
			t.Helper()
			for name, path := range pages {
				for range 2 { // twice: a page asked for again leaves probation
					if resp, _ := f.Get(path); resp.StatusCode != 200 {
						t.Fatalf("warming %s: %d", name, resp.StatusCode)
					}
				}
				if !cachedNow(f.App, path) {
					t.Fatalf("%s (%s) was not cached", name, path)
				}
			}
		}
		expect := func(change string, dropped ...string) {
			t.Helper()
			gone := map[string]bool{}
			for _, d := range dropped {
				gone[d] = true
			}
			for name, path := range pages {
				if cached := cachedNow(f.App, path); cached == gone[name] {
					t.Errorf("after %s: %s cached=%v, want %v", change, name, cached, !gone[name])
				}
			}
		}
		ch := store.Change{Actor: "test", Action: "save"}

		// A new story published in Local (English).
		warm()
		fresh := news.Article{Headline: "Colombo port opens a new terminal", Section: f.Local, Lang: "en", Status: news.StatusPublished,
			PublishedAt: time.Now().UTC(), BodyMarkdown: "x", BodyHTML: "<p>x</p>", Tags: []news.Tag{{Name: "Monsoon"}}}
		if err := f.Store.CreateArticle(ctx, &fresh, ch); err != nil {
			t.Fatal(err)
		}
		expect("publishing in Local", "front", "staff", "local", "monsoon", "feed")
		if _, body := f.Get("/"); !strings.Contains(body, fresh.Headline) {
			t.Error("the front page does not show the new story")
		}

		// An edit to the World lead: its page, its section, its tag, the
		// front page and the feed.
		warm()
		lead, _ := f.Store.Article(ctx, f.Lead.ID)
		lead.Headline = "Geneva talks end with a larger climate fund"
		if err := f.Store.UpdateArticle(ctx, &lead, ch); err != nil {
			t.Fatal(err)
		}
		expect("editing the lead", "front", "lead", "world", "climate", "feed")
		if _, body := f.Get(f.Lead.Path()); !strings.Contains(body, lead.Headline) {
			t.Error("the lead's page does not show the new headline")
		}

		// A correction appended to the Local story.
		warm()
		if err := f.Store.AddCorrection(ctx, f.Staff.ID, &news.Correction{Kind: news.KindCorrection, Body: "The river is the Kelani."}, ch); err != nil {
			t.Fatal(err)
		}
		expect("a correction", "front", "staff", "local", "monsoon", "feed")

		// A comment approved on the lead: only its page.
		warm()
		c := store.Comment{ArticleID: f.Lead.ID, Name: "Anoma", Body: "A welcome agreement at last.", Lang: "en", Status: store.CommentPending}
		if err := f.Store.CreateComment(ctx, &c); err != nil {
			t.Fatal(err)
		}
		expect("a comment held for moderation")
		if err := f.Store.DecideComment(ctx, c.ID, comments.Deciding(store.CommentApproved, ""), ch); err != nil {
			t.Fatal(err)
		}
		expect("approving a comment", "lead")
		if _, body := f.Get(f.Lead.Path()); !strings.Contains(body, c.Body) {
			t.Error("the lead's page does not show the approved comment")
		}
		// Hidden again by a moderator: only its page.
		warm()
		if err := f.Store.DecideComment(ctx, c.ID, comments.Deciding(store.CommentRejected, "off topic"), ch); err != nil {
			t.Fatal(err)
		}
		expect("rejecting the comment", "lead")

		// A Sinhala edit touches the Sinhala edition and the story's other
		// versions (their language switchers), not the English lists.
		warm()
		si, _ := f.Store.Article(ctx, s.SI.ID)
		si.Headline = "මුහුදුබඩ දුම්රිය මාර්ගයේ නව කාලසටහන"
		if err := f.Store.UpdateArticle(ctx, &si, ch); err != nil {
			t.Fatal(err)
		}
		expect("editing the Sinhala version", "si-front", "si-article", "ta-article", "si-feed")

		// Unpublishing the Local story.
		warm()
		staff, _ := f.Store.Article(ctx, f.Staff.ID)
		staff.Status = news.StatusUnpublished
		if err := f.Store.UpdateArticle(ctx, &staff, ch); err != nil {
			t.Fatal(err)
		}
		expect("unpublishing", "front", "staff", "local", "monsoon", "feed")
		if resp, _ := f.Get(f.Staff.Path()); resp.StatusCode != 404 {
			t.Errorf("the unpublished story answers %d", resp.StatusCode)
		}
		delete(pages, "staff")

		// A scheduled story going live through the scheduler.
		warm()
		sched := news.Article{Headline: "Budget debate opens", Section: f.World, Lang: "en", Status: news.StatusScheduled,
			ScheduledAt: time.Now().UTC().Add(-time.Minute), BodyMarkdown: "x", BodyHTML: "<p>x</p>"}
		if err := f.Store.CreateArticle(ctx, &sched, ch); err != nil {
			t.Fatal(err)
		}
		expect("scheduling (nothing public yet)")
		if ok, err := f.Store.PublishScheduled(ctx, sched.ID, time.Now()); err != nil || !ok {
			t.Fatalf("publish scheduled: %v %v", ok, err)
		}
		expect("the schedule firing", "front", "lead", "world", "feed")

		// A renamed section changes every page's navigation.
		warm()
		w := f.World
		w.Name = "World news"
		if err := f.Store.UpdateSection(ctx, w, ch); err != nil {
			t.Fatal(err)
		}
		expect("renaming a section", "front", "si-front", "lead", "local", "world", "monsoon", "climate", "feed", "si-feed", "si-article", "ta-article")
	})
}

// TestPageCacheAcrossNodes: two nodes on one PostgreSQL; a story published
// through one is on the other's front page within a second.
// TestPageCacheMostViewedChange: when readers change an edition's Most
// Viewed list, the watcher drops exactly the cached pages that show that
// list (front and article pages of that edition) and leaves the rest.
func TestPageCacheMostViewedChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e, "--popular-refresh", "200ms")
		s := servertest.SeedEditions(t, f)
		ctx, cancel := context.WithCancel(context.Background())
		watching, ready := make(chan struct{}), make(chan struct{})
		go func() { f.App.Watch(ctx, func() { close(ready) }); close(watching) }()
		t.Cleanup(func() { cancel(); <-watching })

		shows := map[string]bool{ // page → whether it shows the English lists
			"/":                 true,
			f.Lead.Path():       true,
			f.Staff.Path():      true,
			"/section/local":    true,
			"/rss.xml":          false,
			"/si/":              false, // the Sinhala lists did not change
			"/si" + s.SI.Path(): false,
			"/sitemap-news.xml": false,
			"/tag/monsoon":      true,
			"/ta" + s.TA.Path(): false,
		}
		// The watcher has taken its first look at the lists, so what follows
		// is a change it sees.
		<-ready
		for path := range shows {
			for range 2 {
				if resp, _ := f.Get(path); resp.StatusCode != 200 {
					t.Fatalf("warming %s: %d", path, resp.StatusCode)
				}
			}
			if !cachedNow(f.App, path) {
				t.Fatalf("%s was not cached", path)
			}
		}
		// Readers read the staff story: it enters the English list.
		for i := range 5 {
			if got := beacon(t, f, fmt.Sprintf("127.0.9.%d", i+1), chromeUA, fmt.Sprintf(`{"kind":"article","id":%d}`, f.Staff.ID), nil); got != 204 {
				t.Fatalf("beacon %d: %d", i, got)
			}
		}
		if err := f.Tracker.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for cachedNow(f.App, "/") && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		for path, dropped := range shows {
			if cached := cachedNow(f.App, path); cached == dropped {
				t.Errorf("after the English list changed, %s cached=%v, want %v", path, cached, !dropped)
			}
		}
		// The page served afterwards lists the story.
		if _, body := f.Get("/"); !strings.Contains(body, f.Staff.Headline) {
			t.Errorf("the front page after the change does not list %q as most viewed", f.Staff.Headline)
		}
	})
}

func TestPageCacheAcrossNodes(t *testing.T) {
	e := storetest.Open(t, "postgres")
	first := servertest.New(t, e)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st2, err := store.Open(ctx, e.Options)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	srv2 := httptest.NewUnstartedServer(nil)
	cfg, err := config.Load(func(string) string { return "" }, flag.NewFlagSet("node2", flag.ContinueOnError),
		[]string{"--base-url", "http://" + srv2.Listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	second, err := server.Build(cfg, st2)
	if err != nil {
		t.Fatal(err)
	}
	srv2.Config.Handler = second.Handler
	srv2.Start()
	defer srv2.Close()
	listening := make(chan struct{})
	watching := make(chan struct{})
	go func() { second.Watch(ctx, func() { close(listening) }); close(watching) }()
	<-listening
	defer func() { cancel(); <-watching }()

	get := func(path string) string {
		resp, err := http.Get(srv2.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	get("/")
	get("/")
	if !cachedNow(second, "/") {
		t.Fatal("the second node did not cache its front page")
	}
	a := news.Article{Headline: "Harbour strike ends after talks", Section: first.Local, Lang: "en", Status: news.StatusPublished,
		PublishedAt: time.Now().UTC(), BodyMarkdown: "x", BodyHTML: "<p>x</p>"}
	start := time.Now()
	if err := first.Store.CreateArticle(ctx, &a, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatal(err)
	}
	for !strings.Contains(get("/"), a.Headline) {
		if time.Since(start) > time.Second {
			t.Fatal("the second node still shows its old front page a second after the publish")
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("visible on the second node %v after the publish returned", time.Since(start))
}
