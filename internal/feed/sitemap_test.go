package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"
)

// checkSitemapEntries checks the rules shared by <url> and <sitemap> entries.
func checkSitemapEntries(t *testing.T, got []gotURLItem, want []SitemapURL) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d", len(got), len(want))
	}
	for i, w := range want {
		e := got[i]
		if e.XMLName.Space != wantNSSitemap {
			t.Errorf("entry %d namespace = %q, want %q", i, e.XMLName.Space, wantNSSitemap)
		}
		loc := one(t, "loc", e.Loc)
		if loc != w.Loc {
			t.Errorf("entry %d loc = %q, want %q", i, loc, w.Loc)
		}
		if u, err := url.Parse(loc); err != nil || !u.IsAbs() || u.Host == "" {
			t.Errorf("entry %d loc %q is not absolute (%v)", i, loc, err)
		}
		if w.LastMod.IsZero() {
			if len(e.LastMod) != 0 {
				t.Errorf("entry %d lastmod = %q, want omitted", i, e.LastMod)
			}
			continue
		}
		lm := one(t, "lastmod", e.LastMod)
		parsed, err := time.Parse(time.RFC3339, lm)
		if err != nil || !parsed.Equal(w.LastMod.Truncate(time.Second)) {
			t.Errorf("entry %d lastmod %q: parsed %v, %v; want %v", i, lm, parsed, err, w.LastMod)
		}
	}
}

var sitemapCases = []struct {
	name string
	urls []SitemapURL
}{
	{"articles", []SitemapURL{
		{Loc: "https://dateline.lk/news/2026/03/budget-passes", LastMod: time.Date(2026, 3, 14, 9, 30, 15, 123456789, colombo)},
		{Loc: "https://dateline.lk/search?q=tea&page=2", LastMod: time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)},
		{Loc: "http://dateline.lk/si/", LastMod: time.Date(2026, 3, 12, 18, 0, 0, 0, newYork)},
		{Loc: "https://dateline.lk/ta/%E0%AE%87%E0%AE%B2"},
	}},
	{"empty", nil},
}

func TestWriteSitemap(t *testing.T) {
	for _, tt := range sitemapCases {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteSitemap(&buf, tt.urls); err != nil {
				t.Fatal(err)
			}
			var got gotURLSet
			decode(t, buf.Bytes(), &got)
			if got.XMLName.Space != wantNSSitemap || got.XMLName.Local != "urlset" {
				t.Errorf("root = %+v, want urlset in %s", got.XMLName, wantNSSitemap)
			}
			checkSitemapEntries(t, got.URLs, tt.urls)
		})
	}
}

func TestWriteSitemapIndex(t *testing.T) {
	for _, tt := range sitemapCases {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteSitemapIndex(&buf, tt.urls); err != nil {
				t.Fatal(err)
			}
			var got gotSitemapIndex
			decode(t, buf.Bytes(), &got)
			if got.XMLName.Space != wantNSSitemap || got.XMLName.Local != "sitemapindex" {
				t.Errorf("root = %+v, want sitemapindex in %s", got.XMLName, wantNSSitemap)
			}
			checkSitemapEntries(t, got.Sitemaps, tt.urls)
		})
	}
}

func manyURLs(n int) []SitemapURL {
	urls := make([]SitemapURL, n)
	for i := range urls {
		urls[i] = SitemapURL{Loc: fmt.Sprintf("https://dateline.lk/news/%d", i)}
	}
	return urls
}

func TestWriteSitemapLimits(t *testing.T) {
	writers := []struct {
		name  string
		write func(io.Writer, []SitemapURL) error
	}{
		{"sitemap", WriteSitemap},
		{"index", WriteSitemapIndex},
	}
	for _, w := range writers {
		t.Run(w.name+" at limit", func(t *testing.T) {
			var buf bytes.Buffer
			if err := w.write(&buf, manyURLs(MaxSitemapURLs)); err != nil {
				t.Fatal(err)
			}
			wellFormed(t, buf.Bytes())
		})
		t.Run(w.name+" over limit", func(t *testing.T) {
			var buf bytes.Buffer
			err := w.write(&buf, manyURLs(MaxSitemapURLs+1))
			if !errors.Is(err, ErrTooManyURLs) {
				t.Fatalf("err = %v, want ErrTooManyURLs", err)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes before failing, want none", buf.Len())
			}
		})
	}
}

func TestWriteSitemapRejectsBadEntries(t *testing.T) {
	tests := []struct {
		name string
		url  SitemapURL
	}{
		{"empty loc", SitemapURL{}},
		{"relative loc", SitemapURL{Loc: "/news/budget"}},
		{"scheme-relative loc", SitemapURL{Loc: "//dateline.lk/news"}},
		{"ftp loc", SitemapURL{Loc: "ftp://dateline.lk/file"}},
		{"javascript loc", SitemapURL{Loc: "javascript:alert(1)"}},
		{"control character", SitemapURL{Loc: "https://dateline.lk/\x00"}},
		{"invalid utf-8", SitemapURL{Loc: "https://dateline.lk/\xff"}},
		{"too long", SitemapURL{Loc: "https://dateline.lk/" + strings.Repeat("a", 2048)}},
		{"year 10000", SitemapURL{Loc: "https://dateline.lk/", LastMod: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, write := range map[string]func(io.Writer, []SitemapURL) error{"sitemap": WriteSitemap, "index": WriteSitemapIndex} {
				var buf bytes.Buffer
				if err := write(&buf, []SitemapURL{{Loc: "https://dateline.lk/"}, tt.url}); err == nil {
					t.Errorf("%s: succeeded, want an error; wrote:\n%s", name, buf.Bytes())
				}
				if buf.Len() != 0 {
					t.Errorf("%s: wrote %d bytes before failing, want none", name, buf.Len())
				}
			}
		})
	}
}

// TestDatesInZonesWithSecondsKeepTheirInstant: RFC 3339 and RFC 1123 write
// zone offsets in minutes, so a time in a zone whose offset has seconds
// (Asia/Colombo's local mean time, +05:19:24, until 1880) came out shifted
// by those seconds; the fuzz targets, which vary the zone, read the dates
// back and caught it. Such times are now written in UTC.
func TestDatesInZonesWithSecondsKeepTheirInstant(t *testing.T) {
	lmt := time.FixedZone("LMT", 5*3600+19*60+24)
	at := time.Date(1875, 6, 1, 9, 0, 0, 0, lmt)
	var buf bytes.Buffer
	if err := WriteSitemap(&buf, []SitemapURL{{Loc: "https://dateline.lk/archive", LastMod: at}}); err != nil {
		t.Fatal(err)
	}
	var set gotURLSet
	decode(t, buf.Bytes(), &set)
	if got, err := time.Parse(time.RFC3339, one(t, "lastmod", set.URLs[0].LastMod)); err != nil || !got.Equal(at) {
		t.Errorf("lastmod %q is %v, want %v", set.URLs[0].LastMod, got, at)
	}
	buf.Reset()
	if err := WriteRSS(&buf, Channel{Title: "t", Link: "https://dateline.lk/", Updated: at, Items: []Item{{Title: "x", Published: at}}}); err != nil {
		t.Fatal(err)
	}
	var rss gotRSS
	decode(t, buf.Bytes(), &rss)
	for _, s := range []string{rss.Channels[0].LastBuildDate, rss.Channels[0].Items[0].PubDate} {
		if got, err := time.Parse(time.RFC1123Z, s); err != nil || !got.Equal(at) {
			t.Errorf("RSS date %q is %v, want %v", s, got, at)
		}
	}
	// Whole-minute zones keep their own offset: Colombo today is +05:30.
	if got := w3cDate(time.Date(2026, 3, 14, 9, 0, 0, 0, colombo)); got != "2026-03-14T09:00:00+05:30" {
		t.Errorf("w3cDate in +05:30 = %q", got)
	}
}
