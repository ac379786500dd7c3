package site

import (
	"context"
	"net/http"
	"strings"

	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/web"
)

// editionKey carries the edition a request came in through.
type editionKey struct{}

// inEdition marks requests handled by h as belonging to ed, error pages
// included, so a 404 under /si/ is a Sinhala page.
func inEdition(ed news.Edition, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), editionKey{}, ed)))
	})
}

// byPrefix serves h in the edition the path's first segment names, if any:
// the catch-all 404 of /ta/no-such-page speaks Tamil.
func (s *Site) byPrefix(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, ed := range s.cfg.Editions.All() {
			if ed.Prefix != "" && (r.URL.Path == ed.Prefix || strings.HasPrefix(r.URL.Path, ed.Prefix+"/")) {
				inEdition(ed, h).ServeHTTP(w, r)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// edition is the edition of the request; routes outside any edition (media,
// comment posts) get the default one.
func (s *Site) edition(r *http.Request) news.Edition {
	if ed, ok := r.Context().Value(editionKey{}).(news.Edition); ok {
		return ed
	}
	return s.cfg.Editions.Default()
}

// href is the site path of p (a path inside an edition) in lang's edition.
func (s *Site) href(lang, p string) string { return s.cfg.Editions.Path(lang, p) }

// Alternate is one edition's version of the page being shown: an hreflang
// link in the head and an entry of the language switcher.
type Alternate struct {
	Lang    string
	Name    string // the language's name in its own words, from its own catalogue
	URL     string // absolute
	Current bool   // the version being shown
	Same    bool   // the same page in that edition, not just its front page
}

// otherEditions fills the switcher and hreflang links from a function that
// gives a page's path in each edition ("" where the edition has no version:
// the switcher then goes to that edition's front page).
func (s *Site) otherEditions(l *Layout, pathIn func(ed news.Edition) string) {
	l.Alternates, l.Switcher = nil, nil
	for _, ed := range s.cfg.Editions.All() {
		alt := Alternate{Lang: ed.Lang, Name: s.text.Get(ed.Lang).LangName(ed.Lang), Current: ed.Lang == l.Lang}
		if p := pathIn(ed); p != "" {
			alt.URL, alt.Same = s.absolute(p), true
			l.Alternates = append(l.Alternates, alt)
		} else {
			alt.URL = s.absolute(ed.Home())
		}
		l.Switcher = append(l.Switcher, alt)
	}
	if len(l.Alternates) < 2 {
		l.Alternates = nil // a page with no other version needs no hreflang
	}
	for _, alt := range l.Alternates {
		if alt.Lang == s.cfg.Editions.Default().Lang {
			l.XDefault = alt.URL
		}
	}
}

// samePage offers the same path in every edition (front pages, section
// pages, lists): they are each other's equivalents.
func (s *Site) samePage(l *Layout, p string) {
	s.otherEditions(l, func(ed news.Edition) string { return ed.Path(p) })
}

// translatedPage offers the published versions of an article's story.
func (s *Site) translatedPage(l *Layout, a news.Article, versions []store.Translation) {
	s.otherEditions(l, func(ed news.Edition) string {
		if ed.Lang == a.Lang {
			return ed.Path(a.Path())
		}
		for _, t := range versions {
			if t.Lang == ed.Lang && t.Status == news.StatusPublished {
				return ed.Path(t.Path())
			}
		}
		return ""
	})
}

// wrongEdition redirects a request for an item that lives in another
// edition to its address there; items of an edition that is not configured
// are not found.
func (s *Site) wrongEdition(w http.ResponseWriter, r *http.Request, lang, p string) error {
	ed, ok := s.cfg.Editions.Get(lang)
	if !ok {
		return web.NotFound("There is no page at this address.")
	}
	http.Redirect(w, r, ed.Path(p), http.StatusMovedPermanently)
	return nil
}
