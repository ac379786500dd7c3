package servertest

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

// Fixture is a running server over a real store with known content.
type Fixture struct {
	T       *testing.T // the test that started the server; Get and the API calls fail it
	Srv     *httptest.Server
	Store   *store.Store
	Cfg     config.Config
	Tracker *views.Tracker // counted views; tests flush it themselves
	App     *server.App
	Lead    news.Article // newest published, agency copy with a place and an image
	Staff   news.Article // staff copy with an author and tags
	Draft   news.Article
	Pulled  news.Article // unpublished
	Hostile news.Article // headline and body full of markup
	Local   news.Section
	World   news.Section
}

// New seeds 25 local stories (two pages), a world agency story, a
// Draft, an unpublished story and a hostile one, then starts the server.
// flags are extra command-line settings, such as "--popular-refresh", "200ms".
// The last flag given wins, so flags may override the fixture's own, such
// as an https "--base-url".
func New(t *testing.T, e storetest.Engine, flags ...string) *Fixture {
	t.Helper()
	ctx := context.Background()
	f := &Fixture{T: t, Store: e.Store}
	f.Srv = httptest.NewUnstartedServer(nil)
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	cfg, err := config.Load(func(string) string { return "" }, fs, append([]string{
		"--base-url", "http://" + f.Srv.Listener.Addr().String(), "--site-name", "Dateline Test",
	}, flags...))
	if err != nil {
		t.Fatal(err)
	}
	f.Cfg = cfg
	st := e.Store
	f.Local = news.Section{Slug: "local", Name: "Local", Position: 1}
	f.World = news.Section{Slug: "world", Name: "World", Position: 2}
	for _, s := range []*news.Section{&f.Local, &f.World} {
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
			a.Section = f.Local
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
	f.Staff = mk(news.Article{Headline: "Kelani river rises after night of rain", Summary: "Residents moved to higher ground.",
		BodyMarkdown: "Water levels rose **two metres** overnight.\n\n## What next\n\nMore rain is expected.",
		Authors:      []news.Author{writer}, Tags: []news.Tag{{Name: "Monsoon"}, {Name: "Floods"}},
		PublishedAt: now.Add(-3 * time.Hour)})
	f.Hostile = mk(news.Article{Headline: `<script>alert("x")</script> & "quotes"`, Summary: `<img src=x onerror=alert(1)>`,
		BodyMarkdown: "<script>alert(1)</script>\n\n[bad](javascript:alert(1))", PublishedAt: now.Add(-5 * time.Hour)})
	f.Lead = mk(news.Article{Headline: "Geneva talks end with climate finance pledge", Summary: "Delegates agreed a fund.",
		BodyMarkdown: "Delegates from forty countries agreed.", Section: f.World,
		Source: news.Source{Agency: true, Name: "Reuters"}, Place: "Geneva", Image: &img,
		ImageCaption: "The harbour at dawn", ImageCredit: "Illustration", Tags: []news.Tag{{Name: "Climate"}},
		PublishedAt: leadTime(now)})
	f.Draft = mk(news.Article{Headline: "Unfinished draft", Status: news.StatusDraft})
	f.Pulled = mk(news.Article{Headline: "Story that was pulled", Status: news.StatusUnpublished, PublishedAt: now.Add(-2 * time.Hour)})

	app, err := server.Build(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	f.Tracker, f.App = app.Tracker, app
	KeepSalts(t, app)
	f.Srv.Config.Handler = app.Handler
	f.Srv.Start()
	t.Cleanup(f.Srv.Close)
	return f
}

// KeepSalts fetches the app's daily salts in the background, as a serving
// process does (server.App.Start), so that nodes on one database key a
// reader alike; the rest of the background work is left to the tests,
// which flush views themselves.
func KeepSalts(t *testing.T, app *server.App) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan struct{})
	go func() { app.Tracker.Salts(ctx, func() { close(ready) }); close(done) }()
	<-ready
	t.Cleanup(func() { cancel(); <-done })
}

// Client does not follow redirects, so tests see the 301s themselves.
var Client = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// Get fetches a path (raw, unescaped by us) and returns the response and body.
func (f *Fixture) Get(path string) (*http.Response, string) {
	f.T.Helper()
	req, err := http.NewRequest("GET", f.Srv.URL, nil)
	if err != nil {
		f.T.Fatal(err)
	}
	req.URL.Opaque = path // send the path exactly as written, hostile bytes included
	resp, err := Client.Do(req)
	if err != nil {
		f.T.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func Contains(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q", what, w)
		}
	}
}

func Lacks(t *testing.T, what, body string, bads ...string) {
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

// fetch GETs path with extra headers and returns the response and body.
func (f *Fixture) FetchWith(t *testing.T, path string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", f.Srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	// Ask for gzip ourselves, so the transport hands us the bytes as sent.
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}
