package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

const wantNSVideo = "http://www.google.com/schemas/sitemap-video/1.1"

// gotVideoSet is what a crawler reads: every video field is matched by its
// namespace URI, so a wrong or missing xmlns:video leaves them empty.
type gotVideoSet struct {
	XMLName xml.Name `xml:"urlset"`
	URLs    []struct {
		Loc   []string   `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		Video []gotVideo `xml:"http://www.google.com/schemas/sitemap-video/1.1 video"`
	} `xml:"url"`
}

type gotVideo struct {
	Thumbnail       []string `xml:"http://www.google.com/schemas/sitemap-video/1.1 thumbnail_loc"`
	Title           []string `xml:"http://www.google.com/schemas/sitemap-video/1.1 title"`
	Description     []string `xml:"http://www.google.com/schemas/sitemap-video/1.1 description"`
	ContentLoc      []string `xml:"http://www.google.com/schemas/sitemap-video/1.1 content_loc"`
	PlayerLoc       []string `xml:"http://www.google.com/schemas/sitemap-video/1.1 player_loc"`
	Duration        []string `xml:"http://www.google.com/schemas/sitemap-video/1.1 duration"`
	PublicationDate []string `xml:"http://www.google.com/schemas/sitemap-video/1.1 publication_date"`
}

func TestWriteVideoSitemap(t *testing.T) {
	published := time.Date(2026, 3, 14, 20, 0, 0, 0, colombo)
	urls := []VideoURL{
		{Loc: "https://dateline.lk/video/1/prime-time", Thumbnail: "https://dateline.lk/media/3/page/still.jpg",
			Title: "NEWS IN BRIEF | PRIME TIME | 2026.03.14", Description: "Tonight's headlines.",
			ContentLoc: "https://dateline.lk/media/video/7/prime-time.mp4", Duration: 4*time.Minute + 5*time.Second, Published: published},
		{Loc: "https://dateline.lk/video/2/harbour", Thumbnail: "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
			Title: "වරාය පුළුල් කෙරේ", Description: "",
			PlayerLoc: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0", Duration: 90 * time.Minute,
			Published: published.UTC()},
		{Loc: "https://dateline.lk/video/3/x", Thumbnail: "https://dateline.lk/media/4/page/x.jpg",
			Title: "<script>alert(1)</script> ]]> \x00\x1b\xff", Description: strings.Repeat("ක", 3000),
			PlayerLoc: "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1", Duration: 9 * time.Hour},
	}
	var buf bytes.Buffer
	if err := WriteVideoSitemap(&buf, urls); err != nil {
		t.Fatal(err)
	}
	var got gotVideoSet
	decode(t, buf.Bytes(), &got)
	if got.XMLName.Space != wantNSSitemap || got.XMLName.Local != "urlset" {
		t.Errorf("root = %+v, want urlset in %s", got.XMLName, wantNSSitemap)
	}
	if !strings.Contains(buf.String(), `xmlns:video="`+wantNSVideo+`"`) {
		t.Errorf("root does not declare xmlns:video:\n%s", buf.Bytes())
	}
	if len(got.URLs) != len(urls) {
		t.Fatalf("%d entries, want %d", len(got.URLs), len(urls))
	}
	type want struct {
		title, desc, content, player, duration, date string
	}
	wants := []want{
		{urls[0].Title, "Tonight's headlines.", urls[0].ContentLoc, "", "245", "2026-03-14T20:00:00+05:30"},
		{urls[1].Title, urls[1].Title, "", urls[1].PlayerLoc, "5400", "2026-03-14T14:30:00Z"},
		{wantVisible(urls[2].Title), "", "", urls[2].PlayerLoc, "", ""},
	}
	for i, w := range wants {
		e := got.URLs[i]
		if loc := one(t, "loc", e.Loc); loc != urls[i].Loc {
			t.Errorf("entry %d loc %q, want %q", i, loc, urls[i].Loc)
		}
		if len(e.Video) != 1 {
			t.Fatalf("entry %d: %d video:video elements, want 1", i, len(e.Video))
		}
		v := e.Video[0]
		if got := one(t, "thumbnail_loc", v.Thumbnail); got != urls[i].Thumbnail {
			t.Errorf("entry %d thumbnail %q", i, got)
		}
		if got := one(t, "title", v.Title); got != strings.TrimSpace(w.title) {
			t.Errorf("entry %d title %q, want %q", i, got, w.title)
		}
		desc := one(t, "description", v.Description)
		if w.desc != "" && desc != w.desc {
			t.Errorf("entry %d description %q, want %q", i, desc, w.desc)
		}
		if n := utf8.RuneCountInString(desc); n > 2048 {
			t.Errorf("entry %d description has %d characters, limit 2048", i, n)
		}
		checkOptional(t, i, "content_loc", v.ContentLoc, w.content)
		checkOptional(t, i, "player_loc", v.PlayerLoc, w.player)
		checkOptional(t, i, "duration", v.Duration, w.duration)
		checkOptional(t, i, "publication_date", v.PublicationDate, w.date)
	}
	if d := got.URLs[2].Video[0].Description[0]; !strings.HasSuffix(d, "…") || !utf8.ValidString(d) {
		t.Errorf("long description not cut cleanly: ...%q", d[len(d)-12:])
	}
	if strings.Contains(buf.String(), "<script>") {
		t.Error("markup in a title reached the XML unescaped")
	}
}

func checkOptional(t *testing.T, i int, name string, got []string, want string) {
	t.Helper()
	switch {
	case want == "" && len(got) != 0:
		t.Errorf("entry %d: %s = %q, want none", i, name, got)
	case want != "" && (len(got) != 1 || got[0] != want):
		t.Errorf("entry %d: %s = %q, want %q", i, name, got, want)
	}
}

func TestWriteVideoSitemapEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteVideoSitemap(&buf, nil); err != nil {
		t.Fatal(err)
	}
	var got gotVideoSet
	decode(t, buf.Bytes(), &got)
	if len(got.URLs) != 0 {
		t.Errorf("%d entries in an empty sitemap", len(got.URLs))
	}
}

func TestWriteVideoSitemapRefusesWhatGoogleRejects(t *testing.T) {
	good := VideoURL{Loc: "https://dateline.lk/video/1/a", Thumbnail: "https://dateline.lk/media/1/page/a.jpg",
		Title: "A", ContentLoc: "https://dateline.lk/media/video/1/a.mp4"}
	cases := map[string]func(*VideoURL){
		"relative loc":        func(u *VideoURL) { u.Loc = "/video/1/a" },
		"no thumbnail":        func(u *VideoURL) { u.Thumbnail = "" },
		"javascript thumb":    func(u *VideoURL) { u.Thumbnail = "javascript:alert(1)" },
		"blank title":         func(u *VideoURL) { u.Title = " \x00 " },
		"no media":            func(u *VideoURL) { u.ContentLoc, u.PlayerLoc = "", "" },
		"relative content":    func(u *VideoURL) { u.ContentLoc = "/media/video/1/a.mp4" },
		"player is the page":  func(u *VideoURL) { u.ContentLoc, u.PlayerLoc = "", u.Loc },
		"year past 9999":      func(u *VideoURL) { u.Published = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
		"control char in loc": func(u *VideoURL) { u.Loc = "https://dateline.lk/video/1/\x01" },
	}
	for name, spoil := range cases {
		t.Run(name, func(t *testing.T) {
			u := good
			spoil(&u)
			var buf bytes.Buffer
			if err := WriteVideoSitemap(&buf, []VideoURL{good, u}); err == nil {
				t.Fatalf("accepted %+v", u)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes before failing", buf.Len())
			}
		})
	}
	var buf bytes.Buffer
	err := WriteVideoSitemap(&buf, make([]VideoURL, MaxSitemapURLs+1))
	if !errors.Is(err, ErrTooManyURLs) || buf.Len() != 0 {
		t.Errorf("too many entries: %v, %d bytes written", err, buf.Len())
	}
}
