package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The namespaces are spelled out here rather than taken from the package, so a
// typo in the package cannot hide behind the same typo in the test.
const (
	wantNSSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"
	wantNSNews    = "http://www.google.com/schemas/sitemap-news/0.9"
	wantNSAtom    = "http://www.w3.org/2005/Atom"
	wantNSDC      = "http://purl.org/dc/elements/1.1/"
)

var (
	colombo = time.FixedZone("+0530", 5*3600+1800)
	newYork = time.FixedZone("-0500", -5*3600)
)

// Shapes the tests decode output into. encoding/xml resolves prefixes, so a
// field tagged with a namespace only matches an element bound to that URI.

type gotRSS struct {
	XMLName  xml.Name     `xml:"rss"`
	Version  string       `xml:"version,attr"`
	Channels []gotChannel `xml:"channel"`
}

type gotChannel struct {
	Title         []string  `xml:"title"`
	Links         []gotLink `xml:"link"` // both <link> and <atom:link>
	Description   []string  `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Items         []gotItem `xml:"item"`
}

type gotLink struct {
	XMLName xml.Name
	Href    string `xml:"href,attr"`
	Rel     string `xml:"rel,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type gotItem struct {
	Title       []string  `xml:"title"`
	Link        []string  `xml:"link"`
	GUID        []gotGUID `xml:"guid"`
	Description string    `xml:"description"`
	PubDate     string    `xml:"pubDate"`
	Creators    []string  `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Categories  []string  `xml:"category"`
}

type gotGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// link returns the single plain <link> of a channel.
func (c gotChannel) link(t *testing.T) string {
	t.Helper()
	var plain []string
	for _, l := range c.Links {
		if l.XMLName.Space == "" {
			plain = append(plain, l.Text)
		}
	}
	if len(plain) != 1 {
		t.Fatalf("channel has %d <link> elements, want 1", len(plain))
	}
	return plain[0]
}

// selfLink returns the single atom:link of a channel.
func (c gotChannel) selfLink(t *testing.T) gotLink {
	t.Helper()
	var atom []gotLink
	for _, l := range c.Links {
		if l.XMLName.Space == wantNSAtom {
			atom = append(atom, l)
		}
	}
	if len(atom) != 1 {
		t.Fatalf("channel has %d atom:link elements, want 1", len(atom))
	}
	return atom[0]
}

type gotURLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	URLs    []gotURLItem `xml:"url"`
}

type gotSitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	Sitemaps []gotURLItem `xml:"sitemap"`
}

type gotURLItem struct {
	XMLName xml.Name
	Loc     []string  `xml:"loc"`
	LastMod []string  `xml:"lastmod"`
	News    []gotNews `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
}

type gotNews struct {
	Publication []struct {
		Name     []string `xml:"http://www.google.com/schemas/sitemap-news/0.9 name"`
		Language []string `xml:"http://www.google.com/schemas/sitemap-news/0.9 language"`
	} `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication"`
	PublicationDate []string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication_date"`
	Title           []string `xml:"http://www.google.com/schemas/sitemap-news/0.9 title"`
}

// wellFormed fails the test unless b is a UTF-8 XML document that starts with
// the UTF-8 declaration, has exactly one root element and decodes to the end.
func wellFormed(t testing.TB, b []byte) {
	t.Helper()
	if err := checkWellFormed(b); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
}

func checkWellFormed(b []byte) error {
	if !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		return errors.New("output does not start with the XML declaration")
	}
	if !utf8.Valid(b) {
		return errors.New("output is not valid UTF-8")
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("decode: %w", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(tok)) > 0 {
				return fmt.Errorf("text outside the root element: %q", tok)
			}
		}
	}
	if roots != 1 {
		return fmt.Errorf("%d root elements, want 1", roots)
	}
	return nil
}

func decode(t *testing.T, b []byte, v any) {
	t.Helper()
	wellFormed(t, b)
	if err := xml.Unmarshal(b, v); err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, b)
	}
}

func one(t *testing.T, what string, got []string) string {
	t.Helper()
	if len(got) != 1 {
		t.Fatalf("%s: %d elements, want 1", what, len(got))
	}
	return got[0]
}

// wantVisible is what a reader should see of s once it has been through XML:
// each invalid byte shown as U+FFFD and each rune XML 1.0 forbids dropped. It
// is written out independently of the package's own cleaning.
func wantVisible(s string) string {
	var b strings.Builder
	for _, r := range s { // range yields U+FFFD for each invalid byte
		if r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func FuzzWriteRSS(f *testing.F) {
	f.Add("Budget passes", "https://dateline.lk/news/budget", "Parliament voted.", "Nimal Perera", "Politics", int64(1773460800), 19800)
	f.Add(`<script>alert(1)</script>`, "https://dateline.lk/?a=1&b=2", "]]><![CDATA[", "\x00\x01\x1b", "\xff\xfe", int64(0), 0)
	f.Add("ශ්\u200dරී ලංකා", "", "இலங்கை", "\uFFFE\uFFFF", "\r\n\t", int64(-62135596800), 19800)
	f.Add("&amp;&#0;&bogus;", "javascript:alert(1)", "<?xml?><!--", "\"'", "\xed\xa0\x80", int64(253402300800), -18000)
	f.Add("LMT", "", "", "", "", int64(-2840140800), 19164)
	f.Fuzz(func(t *testing.T, title, link, desc, author, category string, unix int64, offset int) {
		at := fuzzTime(unix, offset)
		ch := Channel{
			Title: title, Link: link, Description: desc, Language: "en",
			SelfURL: link, Updated: at,
			Items: []Item{{
				Title: title, Link: link, GUID: desc, Description: desc, Published: at,
				Authors: []string{author}, Categories: []string{category},
			}},
		}
		var buf bytes.Buffer
		err := WriteRSS(&buf, ch)
		if !writable(at) {
			if err == nil {
				t.Fatalf("year %d accepted, want an error", writtenIn(at).Year())
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := checkWellFormed(buf.Bytes()); err != nil {
			t.Fatalf("%v\n%s", err, buf.Bytes())
		}
		var got gotRSS
		if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		it := got.Channels[0].Items[0]
		if len(it.Title) != 1 || it.Title[0] != wantVisible(title) {
			t.Errorf("item title = %q, want %q", it.Title, wantVisible(title))
		}
		if it.Description != wantVisible(desc) {
			t.Errorf("item description = %q, want %q", it.Description, wantVisible(desc))
		}
		if at.IsZero() {
			if it.PubDate != "" {
				t.Errorf("pubDate = %q for the zero time, want omitted", it.PubDate)
			}
		} else if pub, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil || !pub.Equal(at) {
			t.Errorf("pubDate %q: parsed %v, %v; want %v", it.PubDate, pub, err, at)
		}
	})
}
