package site

import (
	"context"
	"log/slog"
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
	// navMissing: the navigation could not be read, so the page lacks it
	// (and the front page its section blocks) and must not be kept.
	navMissing bool
}

// incomplete reports a page drawn without parts that could not be read:
// page answers it no-store, so that neither the page cache nor a CDN keeps
// it for minutes after the database is back.
func (l Layout) incomplete() bool { return l.navMissing }

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
	var err error
	if l.Sections, err = s.sections(r.Context(), l.Lang); err != nil {
		slog.WarnContext(r.Context(), "navigation", "err", err)
		l.navMissing = true
	}
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
		Canonical:   s.cfg.BaseURL + canonicalPath(r.URL), // as the cache keys it: the page is the same for every spelling
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

// sections returns the navigation. A failure only leaves the nav empty,
// because the page itself will report the database error if it matters;
// the page is then not kept (Layout.incomplete).
func (s *Site) sections(ctx context.Context, lang string) ([]news.Section, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return s.store.SectionsIn(ctx, lang)
}

func (s *Site) absolute(path string) string { return s.cfg.BaseURL + path }
