package feed

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"time"
	"unicode/utf8"
)

// nsSitemap is the sitemaps.org protocol namespace.
const nsSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"

// MaxSitemapURLs is the most <url> entries a sitemap, or <sitemap> entries a
// sitemap index, may hold under the sitemaps.org protocol.
const MaxSitemapURLs = 50000

// maxLocLen is the sitemaps.org limit on a <loc> value: less than 2,048
// characters.
const maxLocLen = 2047

// SitemapURL is one entry of a sitemap or sitemap index.
type SitemapURL struct {
	Loc     string    // absolute http(s) URL
	LastMod time.Time // zero omits <lastmod>; otherwise W3C datetime with zone
}

type urlset struct {
	XMLName xml.Name       `xml:"urlset"`
	XMLNS   string         `xml:"xmlns,attr"`
	URLs    []sitemapEntry `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name       `xml:"sitemapindex"`
	XMLNS    string         `xml:"xmlns,attr"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// WriteSitemap writes urls as a sitemaps.org <urlset>. Unlike WriteRSS it
// validates its input, because crawlers reject a whole sitemap over one bad
// entry: it fails, writing nothing, when there are more than MaxSitemapURLs
// entries (wrapping ErrTooManyURLs), when a Loc is not an absolute http(s)
// URL, or when a LastMod year does not fit four digits.
func WriteSitemap(w io.Writer, urls []SitemapURL) error {
	entries, err := sitemapEntries(urls)
	if err != nil {
		return err
	}
	return writeXML(w, urlset{XMLNS: nsSitemap, URLs: entries})
}

// WriteSitemapIndex writes sitemaps as a sitemaps.org <sitemapindex>, with the
// same validation and limit as WriteSitemap.
func WriteSitemapIndex(w io.Writer, sitemaps []SitemapURL) error {
	entries, err := sitemapEntries(sitemaps)
	if err != nil {
		return err
	}
	return writeXML(w, sitemapIndex{XMLNS: nsSitemap, Sitemaps: entries})
}

func sitemapEntries(urls []SitemapURL) ([]sitemapEntry, error) {
	if len(urls) > MaxSitemapURLs {
		return nil, fmt.Errorf("%w: %d entries, limit %d", ErrTooManyURLs, len(urls), MaxSitemapURLs)
	}
	entries := make([]sitemapEntry, 0, len(urls))
	for i, u := range urls {
		if err := checkLoc(u.Loc); err != nil {
			return nil, fmt.Errorf("feed: sitemap entry %d: %w", i, err)
		}
		if err := checkYear(u.LastMod); err != nil {
			return nil, fmt.Errorf("feed: sitemap entry %d lastmod: %w", i, err)
		}
		entries = append(entries, sitemapEntry{Loc: u.Loc, LastMod: w3cDate(u.LastMod)})
	}
	return entries, nil
}

// checkLoc accepts only what the sitemaps.org protocol does: a fully
// qualified http or https URL shorter than 2,048 characters.
func checkLoc(loc string) error {
	if loc == "" {
		return errors.New("empty loc")
	}
	if len(loc) > maxLocLen {
		return fmt.Errorf("loc is %d bytes, limit %d", len(loc), maxLocLen)
	}
	// url.Parse already refuses ASCII control characters; this catches the
	// bytes it lets through that XML cannot carry.
	if !utf8.ValidString(loc) || xmlText(loc) != loc {
		return fmt.Errorf("loc %q holds invalid UTF-8 or characters XML forbids", loc)
	}
	u, err := url.Parse(loc)
	if err != nil {
		return fmt.Errorf("loc: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("loc %q is not an absolute http(s) URL", loc)
	}
	return nil
}
