package server_test

import (
	"bytes"
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"dateline/internal/auth"
	"dateline/internal/config"
	"dateline/internal/demo"
	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/server"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from this run")

// TestGoldenDemo fetches the demo site's pages, feeds, sitemaps and API
// answers over real HTTP and compares each with its copy in testdata/golden,
// so that a change of structure (issue 16) shows any difference a reader, an
// editor or an API client would see. Both engines compare against the same
// files: that they agree is part of the check. Run with -update to rewrite
// the files after a change meant to be visible.
//
// The test runs in a synctest bubble, whose clock stands still at
// goldenNow while requests are in flight, so the demo's dates
// (relative to now) and every "updated" time are the same on every run
// without masking them.
func TestGoldenDemo(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			if engine == "postgres" && os.Getenv("DATABASE_URL") == "" && os.Getenv("CI") == "" {
				t.Skip("DATABASE_URL is not set: skipping PostgreSQL (set it to run these tests)")
			}
			synctest.Test(t, func(t *testing.T) { goldenDemo(t, engine) })
		})
	}
}

// goldenDemo seeds the demo into a fresh store of the engine, starts the
// server and compares every answer of goldenRequests with its golden file.
func goldenDemo(t *testing.T, engine string) {
	ctx := context.Background()
	// The bubble's clock starts in 2000, when Colombo was six hours ahead
	// of UTC; nothing else runs yet, so sleeping moves it at once to a
	// Tuesday morning of today's Colombo (UTC+5:30).
	time.Sleep(time.Until(goldenNow))
	e := storetest.Open(t, engine)
	st := e.Store
	now := time.Now()
	if _, err := demo.Seed(ctx, st, markup.New(), now); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	// The demo's episodes are dated in the site's zone, which the
	// configuration reads once here, as serve does.
	fs := flag.NewFlagSet("golden", flag.ContinueOnError)
	cfg, err := config.Load(func(string) string { return "" }, fs, []string{
		"--base-url", "http://" + srv.Listener.Addr().String(), "--site-name", "Dateline"})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.SeedVideos(ctx, st, now, cfg.Location); err != nil {
		t.Fatal(err)
	}
	app, err := server.Build(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = app.Handler
	srv.Start()
	t.Cleanup(srv.Close)
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	g := &golden{t: t, engine: engine, base: srv.URL, c: &http.Client{Transport: tr, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}

	// The items the single pages show, picked by what they are, not by id.
	articles, err := st.PublishedList(ctx, store.ListFilter{Lang: "en", Limit: 1000, WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	var article news.Article
	for _, a := range articles {
		if a.Image != nil && len(a.Tags) > 0 && len(a.Authors) > 0 {
			article = a
			break
		}
	}
	if article.ID == 0 {
		t.Fatal("the demo has no English story with an image, tags and an author")
	}
	videos, _, err := st.PublishedVideos(ctx, store.VideoFilter{Lang: "en", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var clip news.Video
	for _, v := range videos {
		if v.Programme == nil {
			clip = v
			break
		}
	}
	if clip.ID == 0 {
		t.Fatal("the demo has no English video story outside a programme")
	}

	// Two readers read the story and one the runner-up, so Most Viewed
	// lists something; the counts are flushed before any page asks.
	for _, id := range []int64{article.ID, article.ID, articles[0].ID} {
		g.view(id)
	}
	if err := app.Tracker.Flush(ctx); err != nil {
		t.Fatal(err)
	}

	editor := goldenToken(t, st, auth.Editor, "Golden Editor")
	reporter := goldenToken(t, st, auth.Reporter, "Golden Reporter")

	for _, r := range []goldenRequest{
		{name: "front-en", path: "/"},
		{name: "front-si", path: "/si/"},
		{name: "front-ta", path: "/ta/"},
		{name: "article", path: article.Path()},
		{name: "video", path: clip.Path()},
		{name: "videos", path: "/video"},
		{name: "section", path: "/section/" + article.Section.Slug},
		{name: "tag", path: "/tag/" + article.Tags[0].Slug},
		{name: "programme", path: "/programme/news-in-brief"},
		{name: "rss", path: "/rss.xml"},
		{name: "section-rss", path: "/section/" + article.Section.Slug + "/rss.xml"},
		{name: "sitemap", path: "/sitemap.xml"},
		{name: "sitemap-sections", path: "/sitemaps/sections.xml"},
		{name: "sitemap-articles", path: "/sitemaps/articles-1.xml"},
		{name: "sitemap-news", path: "/sitemap-news.xml"},
		{name: "sitemap-video", path: "/sitemap-video.xml"},
		{name: "api-articles", path: "/api/v1/articles"},
		{name: "api-article", path: fmt.Sprintf("/api/v1/articles/%d", article.ID)},
		{name: "api-videos", path: "/api/v1/videos"},
		{name: "api-video", path: fmt.Sprintf("/api/v1/videos/%d", clip.ID)},
		// Ranked search orders by each engine's own relevance (SQLite's
		// bm25 over FTS5, PostgreSQL's ts_rank_cd), which disagree on
		// near ties, so each engine keeps its own copy.
		{name: "api-search", path: "/api/v1/search?q=" + url.QueryEscape("rain"), perEngine: true},
		{name: "api-most-viewed", path: "/api/v1/most-viewed"},
		{name: "admin-article", path: fmt.Sprintf("/api/v1/admin/articles/%d", article.ID), token: editor},
		{name: "admin-video", path: fmt.Sprintf("/api/v1/admin/videos/%d", clip.ID), token: editor},
		// The demo stories are at version 1: a PATCH from version 2 is stale.
		{name: "admin-stale-patch", method: "PATCH", path: fmt.Sprintf("/api/v1/admin/articles/%d", article.ID), token: editor,
			body: `{"version": 2, "headline": "A headline from a stale copy"}`},
		// A reporter may not publish, least of all someone else's story.
		{name: "admin-forbidden-publish", method: "POST", path: fmt.Sprintf("/api/v1/admin/articles/%d/unpublish", article.ID),
			token: reporter, body: `{"version": 1}`},
	} {
		g.check(r)
	}
}

// goldenNow is the bubble's clock while the demo is seeded and served:
// 10:00 in Colombo.
var goldenNow = time.Date(2026, time.March, 10, 4, 30, 0, 0, time.UTC)

// goldenRequest is one request whose answer has a golden file of its name.
type goldenRequest struct {
	name, method, path, token, body string
	// perEngine answers differ between engines by design; their golden
	// files are named <name>.<engine>.golden.
	perEngine bool
}

type golden struct {
	t      *testing.T
	engine string
	base   string
	c      *http.Client
}

// view counts one reader's view of an article, as the page's beacon does.
func (g *golden) view(id int64) {
	g.t.Helper()
	req, err := http.NewRequest("POST", g.base+"/api/v1/views", strings.NewReader(fmt.Sprintf(`{"kind":"article","id":%d}`, id)))
	if err != nil {
		g.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	req.Header.Set("User-Agent", chromeUA)
	req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Sec-Fetch-Dest", "empty")
	resp, err := g.c.Do(req)
	if err != nil {
		g.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		g.t.Fatalf("view of %d: status %d", id, resp.StatusCode)
	}
}

// check sends r and compares the masked answer with testdata/golden/<name>,
// or writes it there under -update.
func (g *golden) check(r goldenRequest) {
	g.t.Helper()
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(cmp.Or(r.method, "GET"), g.base+r.path, body)
	if err != nil {
		g.t.Fatal(err)
	}
	if r.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	resp, err := g.c.Do(req)
	if err != nil {
		g.t.Fatalf("%s %s: %v", req.Method, r.path, err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		g.t.Fatal(err)
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "%s %s\n", req.Method, maskIDs(r.path))
	fmt.Fprintf(&out, "Status: %d\n", resp.StatusCode)
	for _, h := range []string{"Content-Type", "Cache-Control"} {
		fmt.Fprintf(&out, "%s: %s\n", h, resp.Header.Get(h))
	}
	out.WriteString("\n")
	out.WriteString(maskBody(string(got), g.base))
	name := r.name
	if r.perEngine {
		name += "." + g.engine
	}
	file := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			g.t.Fatal(err)
		}
		if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
			g.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		g.t.Fatalf("%s: %v (run with -update to write it)", r.name, err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		g.t.Errorf("%s %s differs from %s:\n%s", req.Method, r.path, file, firstDifference(string(want), out.String()))
	}
}

// goldenToken creates a staff member with the role and returns a personal
// access token of theirs.
func goldenToken(t *testing.T, st *store.Store, role auth.Role, name string) string {
	t.Helper()
	ctx := context.Background()
	acc := store.Account{Name: name, Role: string(role), PasswordHash: "not-a-hash"}
	if err := st.CreateAccount(ctx, &acc, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatal(err)
	}
	tok, hash := auth.NewToken("dlt_")
	if _, err := st.CreateToken(ctx, acc.ID, "golden", hash, store.Change{StaffID: acc.ID, Actor: name, Action: "create"}); err != nil {
		t.Fatal(err)
	}
	return tok
}

// What varies from run to run, or from one way of numbering rows to
// another, and is masked before comparing.
var (
	// Row ids in addresses: /news/17/..., /video/3, /media/12/..., the
	// API's /articles/17; each kind numbered apart.
	idInPath = regexp.MustCompile(`/(news|video|media/video|media|articles|videos)/([0-9]+)`)
	// Row ids in JSON: "id":17, "section_id":2 and the like.
	idInJSON = regexp.MustCompile(`"(id|[a-z_]+_id)":\s*([0-9]+)`)
	// A CSP nonce is new on every response.
	nonce = regexp.MustCompile(`nonce="[A-Za-z0-9+/=_-]+"`)
	// Static files are named for a hash of their content.
	assetHash = regexp.MustCompile(`(/static/[A-Za-z0-9_/.-]+)\.[0-9a-f]{8,}\.([a-z0-9]+)`)
	// The comment form's signed time and the reader's tokens are keyed
	// with a secret made when the store is new.
	formTime = regexp.MustCompile(`(name="ts" value=")[^"]*(")`)
)

// maskIDs numbers the ids of each kind in s in order of first appearance,
// so the files do not depend on how rows are numbered, while an answer
// that names one item twice still shows it.
func maskIDs(s string) string {
	seen := map[string]map[string]int{}
	label := func(kind, id string) string {
		if seen[kind] == nil {
			seen[kind] = map[string]int{}
		}
		n, ok := seen[kind][id]
		if !ok {
			n = len(seen[kind]) + 1
			seen[kind][id] = n
		}
		return "#" + strconv.Itoa(n)
	}
	s = idInPath.ReplaceAllStringFunc(s, func(m string) string {
		p := idInPath.FindStringSubmatch(m)
		return "/" + p[1] + "/" + label(p[1], p[2])
	})
	return idInJSON.ReplaceAllStringFunc(s, func(m string) string {
		p := idInJSON.FindStringSubmatch(m)
		return `"` + p[1] + `":"` + label(p[1], p[2]) + `"`
	})
}

// maskBody replaces the server's address, nonces, asset hashes, signed
// form times and row ids with stable stand-ins.
func maskBody(body, base string) string {
	host := strings.TrimPrefix(base, "http://")
	body = strings.ReplaceAll(body, base, "http://dateline.test")
	body = strings.ReplaceAll(body, url.QueryEscape(base), url.QueryEscape("http://dateline.test"))
	body = strings.ReplaceAll(body, host, "dateline.test")
	body = nonce.ReplaceAllString(body, `nonce="NONCE"`)
	body = assetHash.ReplaceAllString(body, "$1.HASH.$2")
	body = formTime.ReplaceAllString(body, "${1}FORM-TIME$2")
	return maskIDs(body)
}

// firstDifference shows the first line where got departs from want, with
// a little of what comes before.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant: %.400s\ngot:  %.400s", i+1, wl, gl)
		}
	}
	return "(same lines, different bytes)"
}
