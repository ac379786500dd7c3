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

	"dateline/internal/config"
	"dateline/internal/desk"
	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/server"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
	"dateline/internal/views"
)

// fixture is a running server over a real store with known content.
type fixture struct {
	t       *testing.T
	srv     *httptest.Server
	store   *store.Store
	cfg     config.Config
	tracker *views.Tracker // counted views; tests flush it themselves
	app     *server.App
	lead    news.Article // newest published, agency copy with a place and an image
	staff   news.Article // staff copy with an author and tags
	draft   news.Article
	pulled  news.Article // unpublished
	hostile news.Article // headline and body full of markup
	local   news.Section
	world   news.Section
}

// newFixture seeds 25 local stories (two pages), a world agency story, a
// draft, an unpublished story and a hostile one, then starts the server.
// flags are extra command-line settings, such as "--popular-refresh", "200ms".
// The last flag given wins, so flags may override the fixture's own, such
// as an https "--base-url".
func newFixture(t *testing.T, e storetest.Engine, flags ...string) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{t: t, store: e.Store}
	f.srv = httptest.NewUnstartedServer(nil)
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	cfg, err := config.Load(func(string) string { return "" }, fs, append([]string{
		"--base-url", "http://" + f.srv.Listener.Addr().String(), "--site-name", "Dateline Test",
	}, flags...))
	if err != nil {
		t.Fatal(err)
	}
	f.cfg = cfg
	st := e.Store
	f.local = news.Section{Slug: "local", Name: "Local", Position: 1}
	f.world = news.Section{Slug: "world", Name: "World", Position: 2}
	for _, s := range []*news.Section{&f.local, &f.world} {
		if err := st.CreateSection(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	writer := news.Author{Slug: "nadeesha-fernando", Name: "Nadeesha Fernando"}
	if err := st.CreateStaff(ctx, &writer, "", ""); err != nil {
		t.Fatal(err)
	}
	img, err := desk.SaveImage(ctx, st, "harbour.png", storetest.PNG(t, 800, 600))
	if err != nil {
		t.Fatal(err)
	}
	md := markup.New()
	now := time.Now().UTC().Truncate(time.Minute)
	mk := func(a news.Article) news.Article {
		t.Helper()
		html, err := md.Render(a.BodyMarkdown)
		if err != nil {
			t.Fatal(err)
		}
		a.BodyHTML, a.Lang = string(html), "en"
		if a.Section.ID == 0 {
			a.Section = f.local
		}
		if a.Status == "" {
			a.Status = news.StatusPublished
		}
		a.CreatedAt, a.UpdatedAt = a.PublishedAt, a.PublishedAt
		if err := st.CreateArticle(ctx, &a, store.Change{Actor: "test", Action: "create"}); err != nil {
			t.Fatal(err)
		}
		return a
	}
	for i := 0; i < 23; i++ {
		mk(news.Article{Headline: fmt.Sprintf("Local filler story number %02d", i), Summary: "Filler.",
			BodyMarkdown: "Filler body.", PublishedAt: now.Add(-time.Duration(100+i) * time.Hour)})
	}
	f.staff = mk(news.Article{Headline: "Kelani river rises after night of rain", Summary: "Residents moved to higher ground.",
		BodyMarkdown: "Water levels rose **two metres** overnight.\n\n## What next\n\nMore rain is expected.",
		Authors:      []news.Author{writer}, Tags: []news.Tag{{Name: "Monsoon"}, {Name: "Floods"}},
		PublishedAt: now.Add(-3 * time.Hour)})
	f.hostile = mk(news.Article{Headline: `<script>alert("x")</script> & "quotes"`, Summary: `<img src=x onerror=alert(1)>`,
		BodyMarkdown: "<script>alert(1)</script>\n\n[bad](javascript:alert(1))", PublishedAt: now.Add(-5 * time.Hour)})
	f.lead = mk(news.Article{Headline: "Geneva talks end with climate finance pledge", Summary: "Delegates agreed a fund.",
		BodyMarkdown: "Delegates from forty countries agreed.", Section: f.world,
		Source: news.Source{Agency: true, Name: "Reuters"}, Place: "Geneva", Image: &img,
		ImageCaption: "The harbour at dawn", ImageCredit: "Illustration", Tags: []news.Tag{{Name: "Climate"}},
		PublishedAt: leadTime(now)})
	f.draft = mk(news.Article{Headline: "Unfinished draft", Status: news.StatusDraft})
	f.pulled = mk(news.Article{Headline: "Story that was pulled", Status: news.StatusUnpublished, PublishedAt: now.Add(-2 * time.Hour)})

	app, err := server.Build(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	f.tracker, f.app = app.Tracker, app
	keepSalts(t, app)
	f.srv.Config.Handler = app.Handler
	f.srv.Start()
	t.Cleanup(f.srv.Close)
	return f
}

// keepSalts fetches the app's daily salts in the background, as a serving
// process does (server.App.Start), so that nodes on one database key a
// reader alike; the rest of the background work is left to the tests,
// which flush views themselves.
func keepSalts(t *testing.T, app *server.App) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan struct{})
	go func() { app.Tracker.Salts(ctx, func() { close(ready) }); close(done) }()
	<-ready
	t.Cleanup(func() { cancel(); <-done })
}

// client does not follow redirects, so tests see the 301s themselves.
var client = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// get fetches a path (raw, unescaped by us) and returns the response and body.
func (f *fixture) get(path string) (*http.Response, string) {
	f.t.Helper()
	req, err := http.NewRequest("GET", f.srv.URL, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	req.URL.Opaque = path // send the path exactly as written, hostile bytes included
	resp, err := client.Do(req)
	if err != nil {
		f.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func contains(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q", what, w)
		}
	}
}

func lacks(t *testing.T, what, body string, bads ...string) {
	t.Helper()
	for _, b := range bads {
		if strings.Contains(body, b) {
			t.Errorf("%s: must not contain %q", what, b)
		}
	}
}

// leadTime is the latest 02:54 UTC not after now: 08:24 am in Colombo.
func leadTime(now time.Time) time.Time {
	t := time.Date(now.Year(), now.Month(), now.Day(), 2, 54, 0, 0, time.UTC)
	if t.After(now) {
		t = t.Add(-24 * time.Hour)
	}
	return t
}
