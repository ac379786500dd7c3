// Package site serves the public HTML site: front page, articles, sections,
// tags, feeds, sitemaps, media and the operational endpoints.
package site

import (
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/sync/singleflight"

	"dateline/internal/comments"
	"dateline/internal/config"
	"dateline/internal/i18n"
	"dateline/internal/pagecache"
	"dateline/internal/store"
	"dateline/internal/views"
	"dateline/internal/web"
	"dateline/ui"
)

// Site holds what the public handlers need.
type Site struct {
	cfg      config.Config
	store    *store.Store
	tmpl     *ui.Templates
	assets   *ui.Assets
	comments *comments.Service
	rankings *views.Rankings
	limiter  *web.Limiter // anonymous posts: comments and flags
	text     *i18n.Bundle // interface text per language
	now      func() time.Time

	searchLimiter *web.Limiter     // searches read the index: one address cannot flood it
	cache         *pagecache.Cache // rendered public pages; nil serves every request fresh
	misses        singleflight.Group
}

// UseCache puts the page cache in front of the public pages, feeds and
// sitemaps. Call it before Register.
func (s *Site) UseCache(c *pagecache.Cache) { s.cache = c }

// New parses the templates and returns the public site.
func New(cfg config.Config, st *store.Store, assets *ui.Assets, cs *comments.Service, rk *views.Rankings) (*Site, error) {
	text, err := i18n.Load(cfg.Location)
	if err != nil {
		return nil, err
	}
	s := &Site{cfg: cfg, store: st, assets: assets, comments: cs, rankings: rk, now: time.Now,
		limiter: web.NewLimiter(6, 4, 100_000), searchLimiter: web.NewLimiter(60, 20, 100_000), text: text}
	tmpl, err := ui.LoadTemplates(s.funcs(), assets)
	if err != nil {
		return nil, err
	}
	for _, page := range []string{"front", "article", "list", "error", "video", "videos", "programme", "search", "flag", "comment"} {
		if !tmpl.Has(page) {
			return nil, fmt.Errorf("site: page template %q is missing", page)
		}
	}
	s.tmpl = tmpl
	return s, nil
}

func (s *Site) funcs() template.FuncMap {
	return template.FuncMap{
		"isoTime":  func(t time.Time) string { return t.In(s.cfg.Location).Format(time.RFC3339) },
		"mediaURL": mediaPath,
		"add":      func(a, b int) int { return a + b },
		"withText": withText,
		"href":     s.href,
	}
}

// Localised hands a partial template the page's catalogue along with its
// own data: {{template "card" (withText $.Text .)}} gives the partial .Text
// and .Item.
type Localised struct {
	Text *i18n.Catalogue
	Item any
}

func withText(text *i18n.Catalogue, item any) Localised { return Localised{Text: text, Item: item} }

// page renders a page template with status into a buffer and writes it. A
// page drawn without a part that could not be read (Layout.incomplete) is
// answered no-store, whatever the handler said: kept, it would be served
// without that part long after the database is back.
func (s *Site) page(w http.ResponseWriter, status int, name string, data any) error {
	body, err := s.tmpl.Render(name, data)
	if err != nil {
		return err
	}
	h := w.Header()
	if p, ok := data.(interface{ incomplete() bool }); ok && p.incomplete() {
		h.Set("Cache-Control", "no-store")
		h.Del("Surrogate-Key")
		h.Del("Cache-Tag")
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err = w.Write(body)
	return err
}

// ErrorPage is the site's ErrorWriter: a real HTML page with the status,
// in the language of the page that failed.
func (s *Site) ErrorPage(w http.ResponseWriter, r *http.Request, status int, message string) {
	text := s.textFor(r)
	title := text.T("error.bad_request.title")
	switch {
	case status == http.StatusNotFound:
		title = text.T("error.not_found.title")
	case status >= 500:
		title = text.T("error.server.title")
	}
	if status == http.StatusInternalServerError {
		// Always the generic sentence (the details are in the log), so it can
		// be said in the page's language.
		message = text.T("error.server")
	}
	var layout Layout
	if status == http.StatusServiceUnavailable {
		// The database is not answering: say so, and build the page without
		// the navigation, which would only ask it again.
		title, message = text.T("error.unavailable.title"), text.T("error.unavailable")
		layout = s.bareLayout(r, title, "")
	} else {
		layout = s.layout(r, title, "")
	}
	data := ErrorData{Layout: layout, Status: status, Message: message}
	data.NoIndex = true
	w.Header().Set("Cache-Control", "no-store")
	if err := s.page(w, status, "error", data); err != nil {
		slog.Error("render error page", "err", err)
		http.Error(w, message, status)
	}
}

// handle adapts a site handler: errors become HTML error pages, with what
// the reader is told in the page's language.
func (s *Site) handle(h web.HandlerFunc) http.Handler {
	return web.Adapt(func(w http.ResponseWriter, r *http.Request) error {
		return localise(s.textFor(r), h(w, r))
	}, s.ErrorPage)
}

// ErrorData is the data of the error template.
type ErrorData struct {
	Layout
	Status  int
	Message string
}
