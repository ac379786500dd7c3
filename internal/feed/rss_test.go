package feed

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestWriteRSS(t *testing.T) {
	published := time.Date(2026, 3, 14, 9, 30, 0, 0, colombo)
	tests := []struct {
		name string
		ch   Channel
		// wantPermaLink is the isPermaLink value expected on each item.
		wantPermaLink []string
	}{
		{
			name: "front page",
			ch: Channel{
				Title:       "Dateline — Front page",
				Link:        "https://dateline.lk/",
				Description: "Latest news from Dateline",
				Language:    "en",
				SelfURL:     "https://dateline.lk/feed.xml",
				Updated:     time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC),
				Items: []Item{
					{
						Title:       "Budget passes second reading",
						Link:        "https://dateline.lk/news/2026/03/budget-passes",
						GUID:        "https://dateline.lk/news/2026/03/budget-passes",
						Description: "Parliament voted 120 to 85 on Friday.",
						Published:   published,
						Authors:     []string{"Nimal Perera", "Kavya Raj"},
						Categories:  []string{"Politics", "Economy"},
					},
					{
						Title:      "Monsoon rains flood Colombo suburbs",
						Link:       "https://dateline.lk/news/2026/03/monsoon-floods",
						GUID:       "urn:dateline:article:4711",
						Published:  published.Add(-2 * time.Hour).In(newYork),
						Authors:    []string{"Staff reporter"},
						Categories: []string{"Weather"},
					},
				},
			},
			wantPermaLink: []string{"true", "false"},
		},
		{
			name: "sinhala edition, guid falls back to link",
			ch: Channel{
				Title:       "ඩේට්ලයින් පුවත්",
				Link:        "https://dateline.lk/si/",
				Description: "නවතම පුවත්",
				Language:    "si",
				SelfURL:     "https://dateline.lk/si/feed.xml",
				Updated:     published,
				Items: []Item{{
					Title:     "ශ්\u200dරී ලංකා ක්\u200dරිකට් ජයග්\u200dරහණය",
					Link:      "https://dateline.lk/si/news/cricket",
					Published: published,
				}},
			},
			wantPermaLink: []string{"true"},
		},
		{
			name: "empty channel",
			ch: Channel{
				Title:       "Dateline — Tamil",
				Link:        "https://dateline.lk/ta/",
				Description: "",
				Language:    "ta",
				SelfURL:     "https://dateline.lk/ta/feed.xml",
				Updated:     published,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteRSS(&buf, tt.ch); err != nil {
				t.Fatal(err)
			}
			var got gotRSS
			decode(t, buf.Bytes(), &got)

			if got.XMLName.Space != "" || got.Version != "2.0" {
				t.Errorf("root = {%q}%s version=%q, want <rss version=\"2.0\"> in no namespace", got.XMLName.Space, got.XMLName.Local, got.Version)
			}
			if len(got.Channels) != 1 {
				t.Fatalf("%d channels, want 1", len(got.Channels))
			}
			c := got.Channels[0]
			if g := one(t, "channel title", c.Title); g != tt.ch.Title {
				t.Errorf("channel title = %q, want %q", g, tt.ch.Title)
			}
			if g := c.link(t); g != tt.ch.Link {
				t.Errorf("channel link = %q, want %q", g, tt.ch.Link)
			}
			if g := one(t, "channel description", c.Description); g != tt.ch.Description {
				t.Errorf("channel description = %q, want %q", g, tt.ch.Description)
			}
			if c.Language != tt.ch.Language {
				t.Errorf("language = %q, want %q", c.Language, tt.ch.Language)
			}
			self := c.selfLink(t)
			if self.Href != tt.ch.SelfURL || self.Rel != "self" || self.Type != "application/rss+xml" {
				t.Errorf("atom:link = %+v, want href=%q rel=self type=application/rss+xml", self, tt.ch.SelfURL)
			}
			if lbd, err := time.Parse(time.RFC1123Z, c.LastBuildDate); err != nil || !lbd.Equal(tt.ch.Updated) {
				t.Errorf("lastBuildDate %q: parsed %v, %v; want %v", c.LastBuildDate, lbd, err, tt.ch.Updated)
			}

			if len(c.Items) != len(tt.ch.Items) {
				t.Fatalf("%d items, want %d", len(c.Items), len(tt.ch.Items))
			}
			for i, want := range tt.ch.Items {
				it := c.Items[i]
				if g := one(t, "item title", it.Title); g != want.Title {
					t.Errorf("item %d title = %q, want %q", i, g, want.Title)
				}
				if g := one(t, "item link", it.Link); g != want.Link {
					t.Errorf("item %d link = %q, want %q", i, g, want.Link)
				}
				if len(it.GUID) != 1 {
					t.Fatalf("item %d has %d guids, want 1", i, len(it.GUID))
				}
				wantGUID := want.GUID
				if wantGUID == "" {
					wantGUID = want.Link
				}
				if it.GUID[0].Value != wantGUID || it.GUID[0].IsPermaLink != tt.wantPermaLink[i] {
					t.Errorf("item %d guid = %+v, want %q isPermaLink=%s", i, it.GUID[0], wantGUID, tt.wantPermaLink[i])
				}
				if it.Description != want.Description {
					t.Errorf("item %d description = %q, want %q", i, it.Description, want.Description)
				}
				pub, err := time.Parse(time.RFC1123Z, it.PubDate)
				if err != nil || !pub.Equal(want.Published) {
					t.Errorf("item %d pubDate %q: parsed %v, %v; want %v", i, it.PubDate, pub, err, want.Published)
				}
				if fmt.Sprint(it.Creators) != fmt.Sprint(want.Authors) {
					t.Errorf("item %d dc:creator = %q, want %q", i, it.Creators, want.Authors)
				}
				if fmt.Sprint(it.Categories) != fmt.Sprint(want.Categories) {
					t.Errorf("item %d categories = %q, want %q", i, it.Categories, want.Categories)
				}
			}
		})
	}
}

func TestWriteRSSOmitsAbsentFields(t *testing.T) {
	var buf bytes.Buffer
	err := WriteRSS(&buf, Channel{
		Title: "Dateline", Link: "https://dateline.lk/", Description: "News",
		Items: []Item{{Title: "Draft preview", Link: "https://dateline.lk/p/1", Authors: []string{"", "  "}, Categories: []string{""}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, buf.Bytes())
	out := buf.String()
	for _, absent := range []string{"<lastBuildDate", "<atom:link", "<pubDate", "<language", "<dc:creator", "<category", "<description></description>\n    </item>"} {
		if strings.Contains(out, absent) {
			t.Errorf("output contains %q, want it omitted:\n%s", absent, out)
		}
	}
}

// hostile holds inputs a newsroom can really produce, by typing, pasting from
// Word or a terminal, or by attack, with the text a reader should see.
var hostile = []struct {
	name, in, want string
}{
	{"script tag", `<script>alert("x")</script>`, `<script>alert("x")</script>`},
	{"ampersands", `Tom & Jerry &amp; &lt; &#0; &bogus;`, `Tom & Jerry &amp; &lt; &#0; &bogus;`},
	{"cdata terminator", `]]><![CDATA[<b>]]>`, `]]><![CDATA[<b>]]>`},
	{"control characters", "a\x00b\x01c\x1bd\x7fe", "abcd\x7fe"},
	{"invalid utf-8", "bad \xff\xfe\xc3 bytes", "bad \uFFFD\uFFFD\uFFFD bytes"},
	{"xml noncharacters", "x\uFFFEy\uFFFFz", "xyz"},
	{"quotes and apostrophes", `"Quoted" 'words' in attributes`, `"Quoted" 'words' in attributes`},
	{"tab and newline", "line one\n\tline two", "line one\n\tline two"},
	{"sinhala with zero width joiner", "ශ්\u200dරී ලංකාව", "ශ්\u200dරී ලංකාව"},
	{"tamil", "இலங்கை செய்திகள்", "இலங்கை செய்திகள்"},
	{"processing instruction and comment", `<?xml version="1.0"?><!-- x --> <!DOCTYPE x>`, `<?xml version="1.0"?><!-- x --> <!DOCTYPE x>`},
}

func TestWriteRSSHostileInput(t *testing.T) {
	for _, h := range hostile {
		t.Run(h.name, func(t *testing.T) {
			ch := Channel{
				Title:       h.in,
				Link:        "https://dateline.lk/?q=" + h.in,
				Description: h.in,
				Language:    "en",
				SelfURL:     "https://dateline.lk/feed.xml?q=" + h.in,
				Updated:     time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
				Items: []Item{{
					Title:       h.in,
					Link:        "https://dateline.lk/a?q=" + h.in,
					GUID:        "guid:" + h.in,
					Description: h.in,
					Published:   time.Date(2026, 1, 2, 3, 4, 5, 0, colombo),
					Authors:     []string{h.in},
					Categories:  []string{h.in},
				}},
			}
			var buf bytes.Buffer
			if err := WriteRSS(&buf, ch); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(buf.String(), "<script") {
				t.Errorf("raw <script in output:\n%s", buf.Bytes())
			}
			var got gotRSS
			decode(t, buf.Bytes(), &got)
			c := got.Channels[0]
			it := c.Items[0]
			checks := []struct{ field, got, want string }{
				{"channel title", one(t, "title", c.Title), h.want},
				{"channel link", c.link(t), "https://dateline.lk/?q=" + h.want},
				{"channel description", one(t, "description", c.Description), h.want},
				{"atom:link href", c.selfLink(t).Href, "https://dateline.lk/feed.xml?q=" + h.want},
				{"item title", one(t, "item title", it.Title), h.want},
				{"item link", one(t, "item link", it.Link), "https://dateline.lk/a?q=" + h.want},
				{"item guid", it.GUID[0].Value, "guid:" + h.want},
				{"item description", it.Description, h.want},
				{"item creator", one(t, "dc:creator", it.Creators), h.want},
				{"item category", one(t, "category", it.Categories), h.want},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
		})
	}
}

func TestWriteRSSRejectsUnwritableYears(t *testing.T) {
	tests := []struct {
		name string
		ch   Channel
	}{
		{"updated in year 10000", Channel{Title: "x", Updated: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{"item before year 1", Channel{Title: "x", Items: []Item{{Title: "y", Published: time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC)}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteRSS(&buf, tt.ch); err == nil {
				t.Fatalf("WriteRSS succeeded, want an error; wrote:\n%s", buf.Bytes())
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes before failing, want none", buf.Len())
			}
		})
	}
}

func TestWriteRSSReportsWriterErrors(t *testing.T) {
	err := WriteRSS(failingWriter{}, Channel{Title: "x"})
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("err = %v, want it to wrap %v", err, errDiskFull)
	}
}

var errDiskFull = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }
