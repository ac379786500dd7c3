package feed

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// nsNews is the Google News sitemap namespace.
const nsNews = "http://www.google.com/schemas/sitemap-news/0.9"

// MaxNewsURLs is the most <url> entries Google accepts in one news sitemap.
const MaxNewsURLs = 1000

// NewsURL is one article in a Google News sitemap. Google only reads articles
// published in the last two days; choosing them is the caller's job.
type NewsURL struct {
	Loc                       string // absolute http(s) URL
	PublicationName, Language string // news:publication name + language ("en", "si", "ta")
	Title                     string
	Published                 time.Time
}

type newsURLSet struct {
	XMLName   xml.Name    `xml:"urlset"`
	XMLNS     string      `xml:"xmlns,attr"`
	XMLNSNews string      `xml:"xmlns:news,attr"`
	URLs      []newsEntry `xml:"url"`
}

type newsEntry struct {
	Loc  string   `xml:"loc"`
	News newsBody `xml:"news:news"`
}

type newsBody struct {
	Publication     newsPublication `xml:"news:publication"`
	PublicationDate string          `xml:"news:publication_date"`
	Title           string          `xml:"news:title"`
}

type newsPublication struct {
	Name     string `xml:"news:name"`
	Language string `xml:"news:language"`
}

// WriteNewsSitemap writes urls as a Google News sitemap: a sitemaps.org
// <urlset> whose entries carry news:news. Every field of NewsURL is required
// by Google, so it fails, writing nothing, when one is blank, when a Loc is
// not an absolute http(s) URL, or when there are more than MaxNewsURLs
// entries (wrapping ErrTooManyURLs).
func WriteNewsSitemap(w io.Writer, urls []NewsURL) error {
	if len(urls) > MaxNewsURLs {
		return fmt.Errorf("%w: %d news entries, limit %d", ErrTooManyURLs, len(urls), MaxNewsURLs)
	}
	doc := newsURLSet{XMLNS: nsSitemap, XMLNSNews: nsNews, URLs: make([]newsEntry, 0, len(urls))}
	for i, u := range urls {
		e, err := newNewsEntry(u)
		if err != nil {
			return fmt.Errorf("feed: news sitemap entry %d: %w", i, err)
		}
		doc.URLs = append(doc.URLs, e)
	}
	return writeXML(w, doc)
}

func newNewsEntry(u NewsURL) (newsEntry, error) {
	if err := checkLoc(u.Loc); err != nil {
		return newsEntry{}, err
	}
	name, lang, title := xmlText(u.PublicationName), xmlText(u.Language), xmlText(u.Title)
	switch {
	case strings.TrimSpace(name) == "":
		return newsEntry{}, errors.New("blank publication name")
	case strings.TrimSpace(lang) == "":
		return newsEntry{}, errors.New("blank language")
	case strings.TrimSpace(title) == "":
		return newsEntry{}, errors.New("blank title")
	case u.Published.IsZero():
		return newsEntry{}, errors.New("zero publication date")
	}
	if err := checkYear(u.Published); err != nil {
		return newsEntry{}, fmt.Errorf("publication date: %w", err)
	}
	return newsEntry{
		Loc: u.Loc,
		News: newsBody{
			Publication:     newsPublication{Name: name, Language: lang},
			PublicationDate: w3cDate(u.Published),
			Title:           title,
		},
	}, nil
}
