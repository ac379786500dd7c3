package feed

import (
	"bytes"
	"io"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzTime is the instant unix seconds in a zone offset seconds east of
// UTC, kept within the ±18 hours ISO 8601 can write.
func fuzzTime(unix int64, offset int) time.Time {
	const limit = 18 * 3600
	return time.Unix(unix, 0).In(time.FixedZone("", offset%(limit+1)))
}

// writtenIn is t in the zone the feeds write it in: its own, unless the
// offset has seconds, which RFC 3339 and RFC 1123 cannot write.
func writtenIn(t time.Time) time.Time {
	if _, offset := t.Zone(); offset%60 != 0 {
		return t.UTC()
	}
	return t
}

// writable reports whether t can be written with a four-digit year.
func writable(t time.Time) bool {
	y := writtenIn(t).Year()
	return t.IsZero() || y >= 1 && y <= 9999
}

// sameInstant fails unless s, written in layout, is the instant want.
func sameInstant(t *testing.T, what, layout, s string, want time.Time) {
	t.Helper()
	got, err := time.Parse(layout, s)
	if err != nil || !got.Equal(want) {
		t.Fatalf("%s %q reads as %v (%v), want %v", what, s, got, err, want)
	}
}

// checkAcceptedLoc fails unless loc is what the sitemap protocol allows:
// an absolute http(s) URL under 2,048 bytes that XML can carry.
func checkAcceptedLoc(t *testing.T, loc string) {
	t.Helper()
	u, err := url.Parse(loc)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(loc) > 2047 ||
		!utf8.ValidString(loc) || wantVisible(loc) != loc {
		t.Fatalf("loc %q accepted", loc)
	}
}

var fuzzLocs = []string{
	"https://dateline.lk/news/1/rains-lash-colombo", "http://dateline.lk/si/news/2/%E0%B6%9A", "https://dateline.lk/?a=1&b=<2>",
	"javascript:alert(1)", "/news/1/x", "https://", "https://dateline.lk/\x00", "https://dateline.lk/\xff", "https://dateline.lk/\uFFFE",
	"https://dateline.lk/" + strings.Repeat("x", 2100), "ftp://dateline.lk/x", "https://dateline.lk/]]>", "",
}

func FuzzWriteSitemap(f *testing.F) {
	for _, loc := range fuzzLocs {
		f.Add(loc, int64(1773460800), 19800)
	}
	f.Add("https://dateline.lk/", int64(-62135596800), 0)
	f.Add("https://dateline.lk/", int64(253402300800), -3600)
	f.Add("https://dateline.lk/", int64(1773460800), 19815)
	f.Fuzz(func(t *testing.T, loc string, unix int64, offset int) {
		at := fuzzTime(unix, offset)
		urls := []SitemapURL{{Loc: loc, LastMod: at}, {Loc: "https://dateline.lk/news/1/" + url.PathEscape(loc)}}
		for _, w := range []struct {
			write func(io.Writer, []SitemapURL) error
			read  func([]byte) []gotURLItem
		}{
			{WriteSitemap, func(b []byte) []gotURLItem {
				var got gotURLSet
				decode(t, b, &got)
				return got.URLs
			}},
			{WriteSitemapIndex, func(b []byte) []gotURLItem {
				var got gotSitemapIndex
				decode(t, b, &got)
				return got.Sitemaps
			}},
		} {
			var buf bytes.Buffer
			err := w.write(&buf, urls)
			if err != nil {
				if buf.Len() > 0 {
					t.Fatalf("failed (%v) but wrote %q", err, buf.Bytes())
				}
				if len(urls[1].Loc) <= 2047 {
					if err := w.write(&buf, urls[1:]); err != nil {
						t.Fatalf("an escaped path %q is refused: %v", urls[1].Loc, err)
					}
				}
				continue
			}
			if !writable(at) {
				t.Fatalf("year %d written", writtenIn(at).Year())
			}
			checkAcceptedLoc(t, loc)
			entries := w.read(buf.Bytes())
			if len(entries) != 2 || len(entries[0].Loc) != 1 || entries[0].Loc[0] != loc || entries[1].Loc[0] != urls[1].Loc {
				t.Fatalf("entries %+v, want the locs %q and %q", entries, loc, urls[1].Loc)
			}
			if len(entries[1].LastMod) != 0 || at.IsZero() && len(entries[0].LastMod) != 0 {
				t.Fatalf("lastmod %q, %q written for the zero time", entries[0].LastMod, entries[1].LastMod)
			}
			if !at.IsZero() {
				sameInstant(t, "lastmod", time.RFC3339, entries[0].LastMod[0], at)
			}
		}
	})
}

func FuzzWriteNewsSitemap(f *testing.F) {
	for _, loc := range fuzzLocs {
		f.Add(loc, "Dateline", "en", "Budget passes", int64(1773460800), 19800)
	}
	f.Add("https://dateline.lk/a", "\x00", "si", "ශ්\u200dරී ලංකා", int64(1773460800), 0)
	f.Add("https://dateline.lk/a", "Dateline", " \t", "<b>x</b> ]]> \x1b\xff", int64(1773460800), -36000)
	f.Add("https://dateline.lk/a", "Dateline", "ta", "\r\n", int64(0), 0)
	f.Fuzz(func(t *testing.T, loc, name, lang, title string, unix int64, offset int) {
		at := fuzzTime(unix, offset)
		var buf bytes.Buffer
		err := WriteNewsSitemap(&buf, []NewsURL{{Loc: loc, PublicationName: name, Language: lang, Title: title, Published: at}})
		if err != nil {
			if buf.Len() > 0 {
				t.Fatalf("failed (%v) but wrote %q", err, buf.Bytes())
			}
			return
		}
		if !writable(at) {
			t.Fatalf("year %d written", writtenIn(at).Year())
		}
		checkAcceptedLoc(t, loc)
		for what, v := range map[string]string{"name": name, "language": lang, "title": title} {
			if strings.TrimSpace(wantVisible(v)) == "" {
				t.Fatalf("blank %s %q accepted", what, v)
			}
		}
		var got gotURLSet
		decode(t, buf.Bytes(), &got)
		n := got.URLs[0].News[0]
		if n.Title[0] != wantVisible(title) || n.Publication[0].Name[0] != wantVisible(name) || n.Publication[0].Language[0] != wantVisible(lang) {
			t.Fatalf("news entry %+v, want %q, %q, %q", n, wantVisible(title), wantVisible(name), wantVisible(lang))
		}
		sameInstant(t, "publication_date", time.RFC3339, n.PublicationDate[0], at)
	})
}

func FuzzWriteVideoSitemap(f *testing.F) {
	for _, loc := range fuzzLocs {
		f.Add(loc, "NEWS IN BRIEF | PRIME TIME", "Tonight's headlines.", int64(245), int64(1773460800), 19800)
	}
	f.Add("https://i.ytimg.com/vi/x/hq.jpg", "  \x00 ", "", int64(0), int64(0), 0)
	f.Add("https://i.ytimg.com/vi/x/hq.jpg", "ශ්\u200dරී", strings.Repeat("ක", 3000), int64(28801), int64(-62135596801), 0)
	f.Add("https://i.ytimg.com/vi/x/hq.jpg", "x", strings.Repeat("a ", 1100), int64(-5), int64(1773460800), 45)
	f.Fuzz(func(t *testing.T, thumb, title, desc string, secs, unix int64, offset int) {
		at := fuzzTime(unix, offset)
		player := "https://www.youtube-nocookie.com/embed/" + url.PathEscape(thumb)
		in := VideoURL{Loc: "https://dateline.lk/video/1/x", Thumbnail: thumb, Title: title, Description: desc,
			PlayerLoc: player, Duration: time.Duration(secs) * time.Second, Published: at}
		var buf bytes.Buffer
		err := WriteVideoSitemap(&buf, []VideoURL{in})
		if err != nil {
			if buf.Len() > 0 {
				t.Fatalf("failed (%v) but wrote %q", err, buf.Bytes())
			}
			return
		}
		if !writable(at) {
			t.Fatalf("year %d written", writtenIn(at).Year())
		}
		checkAcceptedLoc(t, thumb)
		checkAcceptedLoc(t, player)
		var got gotVideoSet
		decode(t, buf.Bytes(), &got)
		v := got.URLs[0].Video[0]
		wantTitle := strings.TrimSpace(wantVisible(title))
		if wantTitle == "" || v.Title[0] != wantTitle {
			t.Fatalf("title %q, want %q", v.Title, wantTitle)
		}
		wantDesc := strings.TrimSpace(wantVisible(desc))
		if wantDesc == "" {
			wantDesc = wantTitle
		}
		switch n := utf8.RuneCountInString(v.Description[0]); {
		case n > maxVideoDescription:
			t.Fatalf("description of %d characters", n)
		case utf8.RuneCountInString(wantDesc) <= maxVideoDescription && v.Description[0] != wantDesc:
			t.Fatalf("description %q, want %q", v.Description[0], wantDesc)
		case utf8.RuneCountInString(wantDesc) > maxVideoDescription && !strings.HasSuffix(v.Description[0], "…"):
			t.Fatalf("a cut description %q does not say so", v.Description[0])
		}
		if secs >= 1 && secs <= maxVideoDuration {
			if len(v.Duration) != 1 || v.Duration[0] != strconv.FormatInt(secs, 10) {
				t.Fatalf("duration %q, want %d", v.Duration, secs)
			}
		} else if len(v.Duration) != 0 {
			t.Fatalf("duration %q written for %d s", v.Duration, secs)
		}
		if at.IsZero() != (len(v.PublicationDate) == 0) {
			t.Fatalf("publication_date %q for %v", v.PublicationDate, at)
		}
		if !at.IsZero() {
			sameInstant(t, "publication_date", time.RFC3339, v.PublicationDate[0], at)
		}
	})
}
