package feed

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// nsVideo is the Google video sitemap namespace.
const nsVideo = "http://www.google.com/schemas/sitemap-video/1.1"

// Google's limits on a video sitemap entry.
const (
	maxVideoDescription = 2048     // characters of video:description
	maxVideoDuration    = 8 * 3600 // seconds; a longer duration is invalid
)

// VideoURL is one video story in a Google video sitemap.
type VideoURL struct {
	Loc         string // absolute URL of the page that shows the video
	Thumbnail   string // absolute URL of a still image; required by Google
	Title       string
	Description string // plain text; an empty one falls back to Title
	ContentLoc  string // absolute URL of the media file itself (self-hosted MP4)
	PlayerLoc   string // absolute URL of a player (YouTube or Vimeo embed)
	Duration    time.Duration
	Published   time.Time // zero omits video:publication_date
}

type videoURLSet struct {
	XMLName    xml.Name     `xml:"urlset"`
	XMLNS      string       `xml:"xmlns,attr"`
	XMLNSVideo string       `xml:"xmlns:video,attr"`
	URLs       []videoEntry `xml:"url"`
}

type videoEntry struct {
	Loc   string    `xml:"loc"`
	Video videoBody `xml:"video:video"`
}

type videoBody struct {
	ThumbnailLoc    string `xml:"video:thumbnail_loc"`
	Title           string `xml:"video:title"`
	Description     string `xml:"video:description"`
	ContentLoc      string `xml:"video:content_loc,omitempty"`
	PlayerLoc       string `xml:"video:player_loc,omitempty"`
	Duration        string `xml:"video:duration,omitempty"`
	PublicationDate string `xml:"video:publication_date,omitempty"`
}

// WriteVideoSitemap writes urls as a Google video sitemap: a sitemaps.org
// <urlset> whose entries carry video:video. Like the other sitemaps it writes
// nothing and fails when an entry would make Google reject the file: a Loc,
// Thumbnail, ContentLoc or PlayerLoc that is not an absolute http(s) URL, a
// blank title, neither ContentLoc nor PlayerLoc, or more than MaxSitemapURLs
// entries (wrapping ErrTooManyURLs). A description over 2,048 characters is
// cut; a duration outside 1 second to 8 hours is left out rather than sent
// invalid.
func WriteVideoSitemap(w io.Writer, urls []VideoURL) error {
	if len(urls) > MaxSitemapURLs {
		return fmt.Errorf("%w: %d video entries, limit %d", ErrTooManyURLs, len(urls), MaxSitemapURLs)
	}
	doc := videoURLSet{XMLNS: nsSitemap, XMLNSVideo: nsVideo, URLs: make([]videoEntry, 0, len(urls))}
	for i, u := range urls {
		e, err := newVideoEntry(u)
		if err != nil {
			return fmt.Errorf("feed: video sitemap entry %d: %w", i, err)
		}
		doc.URLs = append(doc.URLs, e)
	}
	return writeXML(w, doc)
}

func newVideoEntry(u VideoURL) (videoEntry, error) {
	if err := checkLoc(u.Loc); err != nil {
		return videoEntry{}, err
	}
	if err := checkLoc(u.Thumbnail); err != nil {
		return videoEntry{}, fmt.Errorf("thumbnail: %w", err)
	}
	if u.ContentLoc == "" && u.PlayerLoc == "" {
		return videoEntry{}, errors.New("neither content_loc nor player_loc")
	}
	for _, loc := range []string{u.ContentLoc, u.PlayerLoc} {
		if loc == "" {
			continue
		}
		if err := checkLoc(loc); err != nil {
			return videoEntry{}, err
		}
	}
	if loc := u.Loc; loc == u.PlayerLoc || loc == u.ContentLoc {
		// Google refuses an entry whose media address is the page itself.
		return videoEntry{}, fmt.Errorf("media address %q is the page itself", loc)
	}
	title := strings.TrimSpace(xmlText(u.Title))
	if title == "" {
		return videoEntry{}, errors.New("blank title")
	}
	desc := strings.TrimSpace(xmlText(u.Description))
	if desc == "" {
		desc = title
	}
	if err := checkYear(u.Published); err != nil {
		return videoEntry{}, fmt.Errorf("publication date: %w", err)
	}
	e := videoEntry{Loc: u.Loc, Video: videoBody{
		ThumbnailLoc: u.Thumbnail, Title: title, Description: cutText(desc, maxVideoDescription),
		ContentLoc: u.ContentLoc, PlayerLoc: u.PlayerLoc, PublicationDate: w3cDate(u.Published),
	}}
	if secs := int64(u.Duration / time.Second); secs >= 1 && secs <= maxVideoDuration {
		e.Video.Duration = strconv.FormatInt(secs, 10)
	}
	return e, nil
}

// cutText shortens s to at most limit characters, ending it with an ellipsis
// when something was cut, and never splitting a character.
func cutText(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	runes := []rune(s)
	return strings.TrimSpace(string(runes[:limit-1])) + "\u2026"
}
