package server_test

import (
	"context"
	"dateline/internal/servertest"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"dateline/internal/i18n"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// editionStories are one story in three editions (linked as translations),
// a Sinhala story with no other version, and the section's Sinhala name.
type editionStories struct {
	en, si, ta, siOnly news.Article
}

func seedEditions(t *testing.T, f *servertest.Fixture) editionStories {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Minute)
	mk := func(lang, headline string, ago time.Duration) news.Article {
		a := news.Article{Headline: headline, Slug: news.Slugify(headline), Summary: headline, BodyMarkdown: headline,
			BodyHTML: "<p>" + headline + "</p>", Section: f.Local, Lang: lang, Status: news.StatusPublished,
			PublishedAt: now.Add(-ago), CreatedAt: now.Add(-ago), UpdatedAt: now.Add(-ago)}
		if err := f.Store.CreateArticle(ctx, &a, store.Change{Actor: "test", Action: "create"}); err != nil {
			t.Fatal(err)
		}
		return a
	}
	var s editionStories
	s.en = mk("en", "Coastal trains run to a new timetable", 30*time.Minute)
	s.si = mk("si", "මුහුදුබඩ දුම්රිය නව කාලසටහනකට", 40*time.Minute)
	s.ta = mk("ta", "கரையோர ரயில்கள் புதிய நேர அட்டவணையில்", 50*time.Minute)
	s.siOnly = mk("si", "ශ්\u200dරී දළදා පෙරහැර සඳහා මහනුවර සූදානම", 60*time.Minute)
	ch := store.Change{Actor: "test", Action: "link"}
	for _, other := range []int64{s.si.ID, s.ta.ID} {
		if err := f.Store.LinkTranslation(ctx, s.en.ID, other, ch); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Store.SetSectionName(ctx, store.SectionName{SectionID: f.Local.ID, Lang: "si", Name: "දේශීය"}, ch); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEditionRouting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		s := seedEditions(t, f)
		base := f.Srv.URL
		texts, err := i18n.Load(f.Cfg.Location)
		if err != nil {
			t.Fatal(err)
		}
		scenarios := []struct {
			path     string
			status   int
			location string
			contains []string
			lacks    []string
		}{
			{path: "/", status: 200, contains: []string{`<html lang="en"`, s.en.Headline}, lacks: []string{s.si.Headline, s.ta.Headline}},
			{path: "/si/", status: 200, contains: []string{`<html lang="si"`, s.si.Headline, s.siOnly.Headline}, lacks: []string{s.en.Headline, s.ta.Headline}},
			{path: "/ta/", status: 200, contains: []string{`<html lang="ta"`, s.ta.Headline}, lacks: []string{s.en.Headline, s.si.Headline}},
			{path: "/si", status: 301, location: "/si/"},
			// An article lives in its own edition; other editions' addresses redirect there.
			{path: "/si" + s.si.Path(), status: 200, contains: []string{`<html lang="si"`, "<h1>" + s.si.Headline, `"inLanguage":"si"`,
				texts.Get("si").Dateline(s.si.PublishedAt), texts.Get("si").T("comments.heading"),
				`<link rel="canonical" href="` + base + "/si" + s.si.Path() + `">`}},
			// A linked story names its versions for search engines (hreflang, with
			// the root edition's as x-default) and in the language switcher.
			{path: "/si" + s.si.Path(), status: 200, contains: []string{
				`<link rel="alternate" hreflang="en" href="` + base + s.en.Path() + `">`,
				`<link rel="alternate" hreflang="si" href="` + base + "/si" + s.si.Path() + `">`,
				`<link rel="alternate" hreflang="ta" href="` + base + "/ta" + s.ta.Path() + `">`,
				`<link rel="alternate" hreflang="x-default" href="` + base + s.en.Path() + `">`,
				`<a href="` + base + "/ta" + s.ta.Path() + `" lang="ta" hreflang="ta">தமிழ்</a>`,
				`<a href="` + base + "/si" + s.si.Path() + `" lang="si" hreflang="si" aria-current="true">සිංහල</a>`,
				`<a href="` + base + s.en.Path() + `" lang="en" hreflang="en">English</a>`}},
			// A story with no other version offers the other editions' front pages.
			{path: "/si" + s.siOnly.Path(), status: 200, contains: []string{
				`<a href="` + base + `/" lang="en" hreflang="en">English</a>`,
				`<a href="` + base + `/ta/" lang="ta" hreflang="ta">தமிழ்</a>`},
				lacks: []string{`<link rel="alternate" hreflang=`}},
			// Front pages are each other's equivalents; links stay in the edition.
			{path: "/ta/", status: 200, contains: []string{
				`<link rel="alternate" hreflang="si" href="` + base + `/si/">`,
				`<link rel="alternate" hreflang="x-default" href="` + base + `/">`,
				`href="/ta` + s.ta.Path() + `"`, `href="/ta/section/local"`, `href="/ta/video"`, `href="/ta/rss.xml"`},
				lacks: []string{`href="` + s.ta.Path() + `"`}},
			{path: s.si.Path(), status: 301, location: "/si" + s.si.Path()},
			{path: fmt.Sprintf("/news/%d", s.ta.ID), status: 301, location: "/ta" + s.ta.Path()},
			{path: "/si" + s.en.Path(), status: 301, location: s.en.Path()},
			{path: fmt.Sprintf("/ta/news/%d/wrong-slug", s.ta.ID), status: 301, location: "/ta" + s.ta.Path()},
			// Sections carry their edition's name and list only that edition.
			{path: "/si/section/local", status: 200, contains: []string{"දේශීය", s.si.Headline}, lacks: []string{s.en.Headline}},
			{path: "/ta/section/local", status: 200, contains: []string{"Local", s.ta.Headline, texts.Get("ta").ShortDate(s.ta.PublishedAt)}, lacks: []string{s.si.Headline}},
			// Feeds and sitemaps per edition.
			{path: "/si/rss.xml", status: 200, contains: []string{"<language>si</language>", base + "/si" + s.si.Path()}, lacks: []string{s.en.Headline}},
			{path: "/ta/sitemap-news.xml", status: 200, contains: []string{"<news:language>ta</news:language>", base + "/ta" + s.ta.Path()}, lacks: []string{s.si.Headline}},
			{path: "/si/sitemap.xml", status: 200, contains: []string{base + "/si/sitemaps/articles-1.xml", base + "/si/sitemaps/sections.xml", base + "/si/sitemap-video.xml"}},
			{path: "/si/sitemap-video.xml", status: 200, contains: []string{"<urlset"}},
			{path: "/si/sitemaps/articles-1.xml", status: 200, contains: []string{base + "/si" + s.si.Path(), base + "/si" + s.siOnly.Path()}, lacks: []string{s.en.Path() + "<"}},
			{path: "/robots.txt", status: 200, contains: []string{"Sitemap: " + base + "/si/sitemap.xml", "Sitemap: " + base + "/ta/sitemap-video.xml", "Sitemap: " + base + "/ta/sitemap-news.xml", "Sitemap: " + base + "/sitemap.xml"}},
			// Unknown edition prefixes are plain 404s.
			{path: "/fr/", status: 404},
			{path: "/fr" + s.en.Path(), status: 404},
			{path: "/si/si/", status: 404, contains: []string{`<html lang="si"`}},
			{path: "/ta/news/999999/nothing", status: 404, contains: []string{`<html lang="ta"`}},
		}
		for _, sc := range scenarios {
			resp, body := f.Get(sc.path)
			if resp.StatusCode != sc.status {
				t.Errorf("GET %s: status %d, want %d", sc.path, resp.StatusCode, sc.status)
				continue
			}
			if sc.location != "" && resp.Header.Get("Location") != sc.location {
				t.Errorf("GET %s: Location %q, want %q", sc.path, resp.Header.Get("Location"), sc.location)
			}
			servertest.Contains(t, "GET "+sc.path, body, sc.contains...)
			servertest.Lacks(t, "GET "+sc.path, body, sc.lacks...)
		}

		// The public API gives each article's address in its edition and its
		// published versions in the others.
		resp, err := http.Get(base + fmt.Sprintf("/api/v1/articles/%d", s.en.ID))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var got struct {
			URL          string `json:"url"`
			Translations []struct {
				Lang, URL string
			} `json:"translations"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
			t.Fatal(err)
		}
		if got.URL != base+s.en.Path() || len(got.Translations) != 2 || got.Translations[0].URL != base+"/si"+s.si.Path() ||
			!strings.HasPrefix(got.Translations[1].URL, base+"/ta/news/") {
			t.Errorf("API article: %+v", got)
		}
	})
}
