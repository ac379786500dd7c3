package feed

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestWriteNewsSitemap(t *testing.T) {
	published := time.Date(2026, 3, 14, 9, 30, 0, 0, colombo)
	tests := []struct {
		name string
		urls []NewsURL
		// wantTitles are the decoded titles, which differ from the input only
		// where the input held characters XML cannot carry.
		wantTitles []string
	}{
		{
			name: "three editions",
			urls: []NewsURL{
				{Loc: "https://dateline.lk/news/budget", PublicationName: "Dateline", Language: "en", Title: "Budget passes second reading", Published: published},
				{Loc: "https://dateline.lk/si/news/budget", PublicationName: "ඩේට්ලයින්", Language: "si", Title: "අයවැය සම්මතයි", Published: published.UTC()},
				{Loc: "https://dateline.lk/ta/news/budget", PublicationName: "டேட்லைன்", Language: "ta", Title: "வரவு செலவுத் திட்டம்", Published: published.In(newYork)},
			},
			wantTitles: []string{"Budget passes second reading", "අයවැය සම්මතයි", "வரவு செலவுத் திட்டம்"},
		},
		{
			name: "hostile title",
			urls: []NewsURL{
				{Loc: "https://dateline.lk/news/x?a=1&b=2", PublicationName: "Dateline & Co", Language: "en", Title: "<script>x</script> ]]> \x00\x1b\xff", Published: published},
			},
			wantTitles: []string{"<script>x</script> ]]> \uFFFD"},
		},
		{name: "empty", urls: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteNewsSitemap(&buf, tt.urls); err != nil {
				t.Fatal(err)
			}
			var got gotURLSet
			decode(t, buf.Bytes(), &got)
			if got.XMLName.Space != wantNSSitemap || got.XMLName.Local != "urlset" {
				t.Errorf("root = %+v, want urlset in %s", got.XMLName, wantNSSitemap)
			}
			if !strings.Contains(buf.String(), `xmlns:news="`+wantNSNews+`"`) {
				t.Errorf("root does not declare xmlns:news:\n%s", buf.Bytes())
			}
			if len(got.URLs) != len(tt.urls) {
				t.Fatalf("%d entries, want %d", len(got.URLs), len(tt.urls))
			}
			for i, want := range tt.urls {
				e := got.URLs[i]
				if loc := one(t, "loc", e.Loc); loc != want.Loc {
					t.Errorf("entry %d loc = %q, want %q", i, loc, want.Loc)
				}
				if len(e.News) != 1 {
					t.Fatalf("entry %d has %d news:news, want 1", i, len(e.News))
				}
				n := e.News[0]
				if len(n.Publication) != 1 {
					t.Fatalf("entry %d has %d news:publication, want 1", i, len(n.Publication))
				}
				if g := one(t, "news:name", n.Publication[0].Name); g != want.PublicationName {
					t.Errorf("entry %d news:name = %q, want %q", i, g, want.PublicationName)
				}
				if g := one(t, "news:language", n.Publication[0].Language); g != want.Language {
					t.Errorf("entry %d news:language = %q, want %q", i, g, want.Language)
				}
				date := one(t, "news:publication_date", n.PublicationDate)
				if parsed, err := time.Parse(time.RFC3339, date); err != nil || !parsed.Equal(want.Published) {
					t.Errorf("entry %d news:publication_date %q: parsed %v, %v; want %v", i, date, parsed, err, want.Published)
				}
				if g := one(t, "news:title", n.Title); g != tt.wantTitles[i] {
					t.Errorf("entry %d news:title = %q, want %q", i, g, tt.wantTitles[i])
				}
			}
		})
	}
}

func TestWriteNewsSitemapRejects(t *testing.T) {
	good := NewsURL{Loc: "https://dateline.lk/news/a", PublicationName: "Dateline", Language: "en", Title: "A", Published: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)}
	many := func(n int) []NewsURL {
		urls := make([]NewsURL, n)
		for i := range urls {
			urls[i] = good
			urls[i].Loc = fmt.Sprintf("https://dateline.lk/news/%d", i)
		}
		return urls
	}
	with := func(edit func(*NewsURL)) []NewsURL {
		u := good
		edit(&u)
		return []NewsURL{good, u}
	}
	tests := []struct {
		name        string
		urls        []NewsURL
		wantTooMany bool
	}{
		{"over limit", many(MaxNewsURLs + 1), true},
		{"relative loc", with(func(u *NewsURL) { u.Loc = "/news/a" }), false},
		{"blank publication name", with(func(u *NewsURL) { u.PublicationName = " " }), false},
		{"publication name only control characters", with(func(u *NewsURL) { u.PublicationName = "\x00\x01" }), false},
		{"blank language", with(func(u *NewsURL) { u.Language = "" }), false},
		{"blank title", with(func(u *NewsURL) { u.Title = "" }), false},
		{"zero publication date", with(func(u *NewsURL) { u.Published = time.Time{} }), false},
		{"year 10000", with(func(u *NewsURL) { u.Published = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteNewsSitemap(&buf, tt.urls)
			if err == nil {
				t.Fatalf("succeeded, want an error; wrote:\n%s", buf.Bytes())
			}
			if errors.Is(err, ErrTooManyURLs) != tt.wantTooMany {
				t.Errorf("err = %v; errors.Is(ErrTooManyURLs) = %v, want %v", err, !tt.wantTooMany, tt.wantTooMany)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes before failing, want none", buf.Len())
			}
		})
	}

	t.Run("at limit", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteNewsSitemap(&buf, many(MaxNewsURLs)); err != nil {
			t.Fatal(err)
		}
		wellFormed(t, buf.Bytes())
	})
}
