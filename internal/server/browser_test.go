package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestReaderFollowsFrontPageToArticle opens the front page in a real browser,
// follows the lead story's link, and checks what a reader sees: headline,
// date line in Colombo time, source line, and no console errors.
func TestReaderFollowsFrontPageToArticle(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	ctx, console := browsertest.New(t)

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		must(err)
		return strings.Join(strings.Fields(s), " ")
	}

	must(chromedp.Do(ctx, chromedp.Navigate(f.Srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".lead-story h2 a"))))
	title, err := chromedp.Run(ctx, chromedp.Title())
	must(err)
	boxes, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".most-viewed h2").length`))
	must(err)
	if title != "Dateline Test" || boxes != 2 {
		t.Errorf("front page: title %q, %d Most Viewed boxes", title, boxes)
	}

	must(chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".lead-story h2 a")), chromedp.WaitVisible(chromedp.CSS("article.story h1"))))
	if h := text("article.story h1"); h != f.Lead.Headline {
		t.Errorf("headline %q, want %q", h, f.Lead.Headline)
	}
	colombo, _ := time.LoadLocation("Asia/Colombo")
	want := "Geneva, " + news.FormatDateline(f.Lead.PublishedAt, colombo)
	// The place is upper-cased by CSS, which innerText reflects.
	if d := text(".dateline"); !strings.Contains(strings.ToLower(d), strings.ToLower(want)) || !strings.Contains(d, "08:24 am") {
		t.Errorf("date line %q, want it to contain %q", d, want)
	}
	if s := text(".source"); s != "Source: Reuters -Agencies" {
		t.Errorf("source line %q", s)
	}
	url, err := chromedp.Run(ctx, chromedp.Location())
	must(err)
	if url != f.Srv.URL+f.Lead.Path() {
		t.Errorf("landed on %s, want %s", url, f.Srv.URL+f.Lead.Path())
	}
	if errs := console.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
