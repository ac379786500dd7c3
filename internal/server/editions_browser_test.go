package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/i18n"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestReaderSwitchesLanguage reads a linked story in English, switches to
// its Sinhala and Tamil versions with the language switcher, and from a
// story with no English version lands on the English front page.
func TestReaderSwitchesLanguage(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	s := servertest.SeedEditions(t, f)
	ctx, console := browsertest.New(t)
	colombo, _ := time.LoadLocation("Asia/Colombo")
	texts, err := i18n.Load(colombo)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
	}
	read := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		must(err)
		return strings.Join(strings.Fields(v), " ")
	}
	switchTo := func(lang string) {
		t.Helper()
		must(chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.lang-switch a[lang="`+lang+`"]`)),
			chromedp.WaitVisible(chromedp.CSS(`html[lang="`+lang+`"] main`))))
	}

	must(chromedp.Do(ctx, chromedp.Navigate(f.Srv.URL+s.EN.Path()), chromedp.WaitVisible(chromedp.CSS("article.story h1"))))
	switchTo("si")
	if url := read(`location.href`); url != f.Srv.URL+"/si"+s.SI.Path() {
		t.Errorf("the Sinhala switch went to %s", url)
	}
	if h := read(`document.querySelector("article.story h1").innerText`); h != s.SI.Headline {
		t.Errorf("Sinhala headline %q, want %q", h, s.SI.Headline)
	}
	// The date line is in Sinhala words: the month name comes from the catalogue.
	if d, want := read(`document.querySelector(".dateline").innerText`), texts.Get("si").Dateline(s.SI.PublishedAt); !strings.Contains(d, want) {
		t.Errorf("Sinhala date line %q, want it to contain %q", d, want)
	}
	if nav := read(`document.querySelector("nav.sections").innerText`); !strings.Contains(nav, "දේශීය") {
		t.Errorf("the Sinhala navigation %q lacks the section's Sinhala name", nav)
	}

	switchTo("ta")
	if url := read(`location.href`); url != f.Srv.URL+"/ta"+s.TA.Path() {
		t.Errorf("the Tamil switch went to %s", url)
	}

	// A story with no English version: the switcher goes to the English front page.
	must(chromedp.Do(ctx, chromedp.Navigate(f.Srv.URL+"/si"+s.SIOnly.Path()), chromedp.WaitVisible(chromedp.CSS("article.story h1"))))
	switchTo("en")
	if url := read(`location.href`); url != f.Srv.URL+"/" {
		t.Errorf("from a Sinhala-only story the English switch went to %s, want the front page", url)
	}
	// Search in Sinhala from the masthead, typing ශ්රී without the zero-width
	// joiner the headline spells it with: the story is found, its words marked.
	must(chromedp.Do(ctx, chromedp.Navigate(f.Srv.URL+"/si/"), chromedp.WaitVisible(chromedp.CSS("#site-search-q"))))
	must(chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#site-search-q"), "\u0dc1\u0dca\u0dbb\u0dd3 පෙරහැර"),
		chromedp.Submit(chromedp.CSS("#site-search-q")), chromedp.WaitVisible(chromedp.CSS(".search-count"))))
	if url := read(`location.pathname`); url != "/si/search" {
		t.Errorf("the Sinhala search box went to %s", url)
	}
	if n := read(`String(document.querySelectorAll(".search-result").length)`); n != "1" {
		t.Errorf("%s Sinhala results, want 1", n)
	}
	if href := read(`document.querySelector(".search-result h2 a").getAttribute("href")`); href != "/si"+s.SIOnly.Path() {
		t.Errorf("the result links to %s, want %s", href, "/si"+s.SIOnly.Path())
	}
	if marks := read(`[...document.querySelectorAll(".search-result h2 mark")].map(m => m.textContent).join("|")`); marks != "ශ්\u200dරී|පෙරහැර" {
		t.Errorf("marked words %q, want the headline's own spelling of both words", marks)
	}
	if errs := console.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
