package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"dateline/internal/i18n"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

func TestEditionRouting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		s := servertest.SeedEditions(t, f)
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
			{path: "/", status: 200, contains: []string{`<html lang="en"`, s.EN.Headline}, lacks: []string{s.SI.Headline, s.TA.Headline}},
			{path: "/si/", status: 200, contains: []string{`<html lang="si"`, s.SI.Headline, s.SIOnly.Headline}, lacks: []string{s.EN.Headline, s.TA.Headline}},
			{path: "/ta/", status: 200, contains: []string{`<html lang="ta"`, s.TA.Headline}, lacks: []string{s.EN.Headline, s.SI.Headline}},
			{path: "/si", status: 301, location: "/si/"},
			// An article lives in its own edition; other editions' addresses redirect there.
			{path: "/si" + s.SI.Path(), status: 200, contains: []string{`<html lang="si"`, "<h1>" + s.SI.Headline, `"inLanguage":"si"`,
				texts.Get("si").Dateline(s.SI.PublishedAt), texts.Get("si").T("comments.heading"),
				`<link rel="canonical" href="` + base + "/si" + s.SI.Path() + `">`}},
			// A linked story names its versions for search engines (hreflang, with
			// the root edition's as x-default) and in the language switcher.
			{path: "/si" + s.SI.Path(), status: 200, contains: []string{
				`<link rel="alternate" hreflang="en" href="` + base + s.EN.Path() + `">`,
				`<link rel="alternate" hreflang="si" href="` + base + "/si" + s.SI.Path() + `">`,
				`<link rel="alternate" hreflang="ta" href="` + base + "/ta" + s.TA.Path() + `">`,
				`<link rel="alternate" hreflang="x-default" href="` + base + s.EN.Path() + `">`,
				`<a href="` + base + "/ta" + s.TA.Path() + `" lang="ta" hreflang="ta">தமிழ்</a>`,
				`<a href="` + base + "/si" + s.SI.Path() + `" lang="si" hreflang="si" aria-current="true">සිංහල</a>`,
				`<a href="` + base + s.EN.Path() + `" lang="en" hreflang="en">English</a>`}},
			// A story with no other version offers the other editions' front pages.
			{path: "/si" + s.SIOnly.Path(), status: 200, contains: []string{
				`<a href="` + base + `/" lang="en" hreflang="en">English</a>`,
				`<a href="` + base + `/ta/" lang="ta" hreflang="ta">தமிழ்</a>`},
				lacks: []string{`<link rel="alternate" hreflang=`}},
			// Front pages are each other's equivalents; links stay in the edition.
			{path: "/ta/", status: 200, contains: []string{
				`<link rel="alternate" hreflang="si" href="` + base + `/si/">`,
				`<link rel="alternate" hreflang="x-default" href="` + base + `/">`,
				`href="/ta` + s.TA.Path() + `"`, `href="/ta/section/local"`, `href="/ta/video"`, `href="/ta/rss.xml"`},
				lacks: []string{`href="` + s.TA.Path() + `"`}},
			{path: s.SI.Path(), status: 301, location: "/si" + s.SI.Path()},
			{path: fmt.Sprintf("/news/%d", s.TA.ID), status: 301, location: "/ta" + s.TA.Path()},
			{path: "/si" + s.EN.Path(), status: 301, location: s.EN.Path()},
			{path: fmt.Sprintf("/ta/news/%d/wrong-slug", s.TA.ID), status: 301, location: "/ta" + s.TA.Path()},
			// Sections carry their edition's name and list only that edition.
			{path: "/si/section/local", status: 200, contains: []string{"දේශීය", s.SI.Headline}, lacks: []string{s.EN.Headline}},
			{path: "/ta/section/local", status: 200, contains: []string{"Local", s.TA.Headline, texts.Get("ta").ShortDate(s.TA.PublishedAt)}, lacks: []string{s.SI.Headline}},
			// Feeds and sitemaps per edition.
			{path: "/si/rss.xml", status: 200, contains: []string{"<language>si</language>", base + "/si" + s.SI.Path()}, lacks: []string{s.EN.Headline}},
			{path: "/ta/sitemap-news.xml", status: 200, contains: []string{"<news:language>ta</news:language>", base + "/ta" + s.TA.Path()}, lacks: []string{s.SI.Headline}},
			{path: "/si/sitemap.xml", status: 200, contains: []string{base + "/si/sitemaps/articles-1.xml", base + "/si/sitemaps/sections.xml", base + "/si/sitemap-video.xml"}},
			{path: "/si/sitemap-video.xml", status: 200, contains: []string{"<urlset"}},
			{path: "/si/sitemaps/articles-1.xml", status: 200, contains: []string{base + "/si" + s.SI.Path(), base + "/si" + s.SIOnly.Path()}, lacks: []string{s.EN.Path() + "<"}},
			{path: "/robots.txt", status: 200, contains: []string{"Sitemap: " + base + "/si/sitemap.xml", "Sitemap: " + base + "/ta/sitemap-video.xml", "Sitemap: " + base + "/ta/sitemap-news.xml", "Sitemap: " + base + "/sitemap.xml"}},
			// Unknown edition prefixes are plain 404s.
			{path: "/fr/", status: 404},
			{path: "/fr" + s.EN.Path(), status: 404},
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
		resp, err := http.Get(base + fmt.Sprintf("/api/v1/articles/%d", s.EN.ID))
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
		if got.URL != base+s.EN.Path() || len(got.Translations) != 2 || got.Translations[0].URL != base+"/si"+s.SI.Path() ||
			!strings.HasPrefix(got.Translations[1].URL, base+"/ta/news/") {
			t.Errorf("API article: %+v", got)
		}
	})
}
