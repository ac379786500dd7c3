package site

import (
	"context"
	"net/http"
	"time"

	"dateline/internal/i18n"
	"dateline/internal/news"
)

// Layout is what every page's frame needs: head metadata, navigation and
// the interface text of the page's language.
type Layout struct {
	Text        *i18n.Catalogue // {{.Text.T "nav.home"}}, {{.Text.Dateline .PublishedAt}}
	SiteName    string
	Title       string // page title without the site name
	Description string
	Canonical   string // absolute URL
	Lang        string
	Sections    []news.Section
	Current     string // slug of the section being shown, for the nav
	NoIndex     bool
	OpenGraph   *OpenGraph
	JSONLD      any // marshalled into a ld+json script by html/template
	FeedURL     string
	Year        int
	Now         time.Time // the masthead shows its day
	Zone        string    // the time zone dates are shown in
	ViewKind    string    // "article" or "video" on pages whose views are counted
	ViewID      int64
}

// OpenGraph is the social-card metadata of a page.
type OpenGraph struct {
	Type        string // "article" or "website"
	Title       string
	Description string
	URL         string
	Image       string // absolute
	ImageAlt    string
	Published   string
	Modified    string
	Section     string
	Tags        []string
}

// layout fills the frame for a page at the request's path.
func (s *Site) layout(r *http.Request, title, description string) Layout {
	now := s.now().In(s.cfg.Location)
	text := s.textFor(r)
	return Layout{
		Text:        text,
		SiteName:    s.cfg.SiteName,
		Title:       title,
		Description: description,
		Canonical:   s.cfg.BaseURL + r.URL.EscapedPath(),
		Lang:        text.Lang(),
		Sections:    s.sections(r.Context()),
		FeedURL:     s.cfg.BaseURL + "/rss.xml",
		Year:        now.Year(),
		Now:         now,
		Zone:        s.cfg.Timezone,
	}
}

// sections returns the navigation; a failure only leaves the nav empty,
// because the page itself will report the database error if it matters.
func (s *Site) sections(ctx context.Context) []news.Section {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	list, _ := s.store.Sections(ctx)
	return list
}

func (s *Site) absolute(path string) string { return s.cfg.BaseURL + path }
