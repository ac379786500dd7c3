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
	Edition     news.Edition // the edition being read; links inside it use Edition.Path
	Alternates  []Alternate  // hreflang versions of this page, when it has others
	XDefault    string       // the default edition's version, for hreflang="x-default"
	Switcher    []Alternate  // the language switcher: this page, or the front page, in each edition
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
	l := s.bareLayout(r, title, description)
	l.Sections = s.sections(r.Context(), l.Lang)
	return l
}

// bareLayout is layout without the section navigation, the one part that
// reads the database.
func (s *Site) bareLayout(r *http.Request, title, description string) Layout {
	now := s.now().In(s.cfg.Location)
	ed := s.edition(r)
	text := s.textFor(r)
	l := Layout{
		Text:        text,
		SiteName:    s.cfg.SiteName,
		Title:       title,
		Description: description,
		Canonical:   s.cfg.BaseURL + r.URL.EscapedPath(),
		Lang:        ed.Lang,
		Edition:     ed,
		FeedURL:     s.absolute(ed.Path("/rss.xml")),
		Year:        now.Year(),
		Now:         now,
		Zone:        s.cfg.Timezone,
	}
	s.otherEditions(&l, func(news.Edition) string { return "" })
	return l
}

// sections returns the navigation; a failure only leaves the nav empty,
// because the page itself will report the database error if it matters.
func (s *Site) sections(ctx context.Context, lang string) []news.Section {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	list, _ := s.store.SectionsIn(ctx, lang)
	return list
}

func (s *Site) absolute(path string) string { return s.cfg.BaseURL + path }
