package feed

import (
	"encoding/xml"
	"fmt"
	"io"
	"time"
)

// Namespaces declared on the <rss> root.
const (
	nsAtom = "http://www.w3.org/2005/Atom"
	nsDC   = "http://purl.org/dc/elements/1.1/"
)

// Channel is one RSS 2.0 feed.
type Channel struct {
	Title, Link, Description, Language string    // Link absolute; Language like "en"
	SelfURL                            string    // absolute URL of the feed itself (atom:link rel=self)
	Updated                            time.Time // lastBuildDate; zero omits it
	Items                              []Item
}

// Item is one entry of a Channel. Description is plain text: it is escaped,
// never passed through as markup.
type Item struct {
	Title, Link, GUID, Description string    // GUID: stable permalink; empty falls back to Link
	Published                      time.Time // pubDate in RFC 1123Z with numeric zone; zero omits it
	Authors                        []string  // rendered as dc:creator elements (one per name)
	Categories                     []string
}

type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	XMLNSAtom string     `xml:"xmlns:atom,attr"`
	XMLNSDC   string     `xml:"xmlns:dc,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	SelfLink      *atomLink `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link,omitempty"`
	GUID        *rssGUID `xml:"guid"`
	Description string   `xml:"description,omitempty"`
	PubDate     string   `xml:"pubDate,omitempty"`
	Creators    []string `xml:"dc:creator"`
	Categories  []string `xml:"category"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// WriteRSS writes ch as an RSS 2.0 document. It fails only when a date's year
// cannot be written in four digits or w fails; in the first case nothing is
// written.
func WriteRSS(w io.Writer, ch Channel) error {
	if err := checkYear(ch.Updated); err != nil {
		return fmt.Errorf("feed: channel updated: %w", err)
	}
	doc := rssDoc{
		Version:   "2.0",
		XMLNSAtom: nsAtom,
		XMLNSDC:   nsDC,
		Channel: rssChannel{
			Title:       xmlText(ch.Title),
			Link:        xmlText(ch.Link),
			Description: xmlText(ch.Description),
			Language:    xmlText(ch.Language),
		},
	}
	doc.Channel.LastBuildDate = rfc1123Date(ch.Updated)
	if ch.SelfURL != "" {
		doc.Channel.SelfLink = &atomLink{Href: xmlText(ch.SelfURL), Rel: "self", Type: "application/rss+xml"}
	}
	for i, it := range ch.Items {
		if err := checkYear(it.Published); err != nil {
			return fmt.Errorf("feed: item %d published: %w", i, err)
		}
		doc.Channel.Items = append(doc.Channel.Items, newRSSItem(it))
	}
	return writeXML(w, doc)
}

func newRSSItem(it Item) rssItem {
	out := rssItem{
		Title:       xmlText(it.Title),
		Link:        xmlText(it.Link),
		Description: xmlText(it.Description),
		Creators:    xmlTexts(it.Authors),
		Categories:  xmlTexts(it.Categories),
	}
	out.PubDate = rfc1123Date(it.Published)
	guid := xmlText(it.GUID)
	if guid == "" {
		guid = out.Link
	}
	if guid != "" {
		// Readers dedupe on the guid; claiming it is a permalink is only
		// honest when it is the very URL we link to.
		out.GUID = &rssGUID{IsPermaLink: guid == out.Link, Value: guid}
	}
	return out
}
