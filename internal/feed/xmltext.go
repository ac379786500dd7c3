// Package feed writes RSS 2.0 feeds, sitemaps, sitemap indexes and Google
// News sitemaps. It is pure: callers hand it plain values and an io.Writer.
//
// Every document is produced by encoding/xml, so markup in the input is always
// escaped. Text that XML 1.0 cannot carry at all is repaired before encoding:
// invalid UTF-8 bytes become U+FFFD and control characters other than tab,
// newline and carriage return are dropped. The output is therefore always a
// well-formed document, whatever the newsroom typed or pasted.
package feed

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ErrTooManyURLs is returned, wrapped, when a sitemap, sitemap index or news
// sitemap would hold more entries than its protocol allows. Callers should
// split the list across several files.
var ErrTooManyURLs = errors.New("feed: too many URLs")

// xmlText returns s with invalid UTF-8 replaced by U+FFFD and runes that XML
// 1.0 forbids removed. encoding/xml escapes markup but would otherwise turn
// forbidden runes into U+FFFD; dropping them instead keeps stray control
// characters (NUL, ESC from terminal pastes) invisible to readers.
func xmlText(s string) string {
	// strings.Map hands invalid bytes to the mapping as utf8.RuneError and
	// writes U+FFFD for them when the mapping keeps it, which it does.
	return strings.Map(func(r rune) rune {
		if isXMLChar(r) {
			return r
		}
		return -1
	}, s)
}

// isXMLChar reports whether r matches the Char production of XML 1.0.
func isXMLChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r >= 0x20 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// xmlTexts cleans each string and drops the ones left blank, so an empty
// author or category never becomes an empty element.
func xmlTexts(in []string) []string {
	var out []string
	for _, s := range in {
		if c := xmlText(s); strings.TrimSpace(c) != "" {
			out = append(out, c)
		}
	}
	return out
}

// checkYear rejects instants whose year does not fit the four digits that both
// RFC 1123 and RFC 3339 require; formatting them would produce a date no
// reader can parse. The zero time means "absent" and is accepted.
func checkYear(t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if y := writableZone(t).Year(); y < 1 || y > 9999 {
		return fmt.Errorf("year %d outside 1-9999", y)
	}
	return nil
}

// writableZone returns t in a zone the date formats can name. RFC 3339 and
// RFC 1123 write offsets in whole minutes, so a zone whose offset has
// seconds (local mean time before standard zones, such as Asia/Colombo's
// +05:19:24 until 1880) would silently move the instant; such times are
// written in UTC instead.
func writableZone(t time.Time) time.Time {
	if _, offset := t.Zone(); offset%60 != 0 {
		return t.UTC()
	}
	return t
}

// w3cDate formats t as a W3C datetime with its zone, or "" for the zero time.
func w3cDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return writableZone(t).Format(time.RFC3339)
}

// rfc1123Date formats t as RSS dates are written, with a numeric zone, or ""
// for the zero time.
func rfc1123Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return writableZone(t).Format(time.RFC1123Z)
}

// writeXML writes the XML declaration and then v, indented for people who
// open the feed in a browser.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("feed: write: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("feed: encode: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("feed: encode: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("feed: write: %w", err)
	}
	return nil
}
