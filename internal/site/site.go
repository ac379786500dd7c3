// Package site serves the public HTML site: front page, articles, sections,
// tags, feeds, sitemaps, media and the operational endpoints.
package site

import (
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"dateline/internal/comments"
	"dateline/internal/config"
	"dateline/internal/news"
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
	metrics  prometheus.Gatherer
	comments *comments.Service
	rankings *views.Rankings
	limiter  *web.Limiter // anonymous posts: comments and flags
	now      func() time.Time

	searchLimiter *web.Limiter // searches read the index: one address cannot flood it
}

// New parses the templates and returns the public site. reg is where the
// process's metrics live; /metrics serves it.
func New(cfg config.Config, st *store.Store, assets *ui.Assets, reg *prometheus.Registry, cs *comments.Service, rk *views.Rankings) (*Site, error) {
	s := &Site{cfg: cfg, store: st, assets: assets, metrics: reg, comments: cs, rankings: rk, now: time.Now,
		limiter: web.NewLimiter(6, 4, 100_000), searchLimiter: web.NewLimiter(60, 20, 100_000)}
	tmpl, err := ui.LoadTemplates(s.funcs(), assets)
	if err != nil {
		return nil, err
	}
	for _, page := range []string{"front", "article", "list", "error", "video", "videos", "programme", "search"} {
		if !tmpl.Has(page) {
			return nil, fmt.Errorf("site: page template %q is missing", page)
		}
	}
	s.tmpl = tmpl
	return s, nil
}

func (s *Site) funcs() template.FuncMap {
	return template.FuncMap{
		"dateline": func(t time.Time) string { return news.FormatDateline(t, s.cfg.Location) },
		"isoTime":  func(t time.Time) string { return t.In(s.cfg.Location).Format(time.RFC3339) },
		"shortDate": func(t time.Time) string {
			return t.In(s.cfg.Location).Format("Jan 2, 03:04 pm")
		},
		"mediaURL": mediaPath,
		"add":      func(a, b int) int { return a + b },
		"commentArgs": func(c store.Comment, reasons []string, a news.Article) CommentArgs {
			return CommentArgs{Comment: c, Reasons: reasons, Article: a}
		},
		"reasonLabel": reasonLabel,
	}
}

// page renders a page template with status into a buffer and writes it.
func (s *Site) page(w http.ResponseWriter, status int, name string, data any) error {
	body, err := s.tmpl.Render(name, data)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err = w.Write(body)
	return err
}

// ErrorPage is the site's ErrorWriter: a real HTML page with the status.
func (s *Site) ErrorPage(w http.ResponseWriter, r *http.Request, status int, message string) {
	data := ErrorData{Layout: s.layout(r, http.StatusText(status), ""), Status: status, Message: message}
	data.NoIndex = true
	w.Header().Set("Cache-Control", "no-store")
	if err := s.page(w, status, "error", data); err != nil {
		slog.Error("render error page", "err", err)
		http.Error(w, message, status)
	}
}

// handle adapts a site handler: errors become HTML error pages.
func (s *Site) handle(h web.HandlerFunc) http.Handler { return web.Adapt(h, s.ErrorPage) }

// ErrorData is the data of the error template.
type ErrorData struct {
	Layout
	Status  int
	Message string
}
