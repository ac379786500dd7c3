// Package api serves Dateline's JSON API under /api/v1/. Errors are JSON
// objects {"error": "..."} with the matching status.
package api

import (
	"net/http"

	"dateline/internal/comments"
	"dateline/internal/config"
	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/views"
	"dateline/internal/web"
)

// API holds what the JSON handlers need.
type API struct {
	cfg      config.Config
	store    *store.Store
	desk     *desk.Desk
	comments *comments.Service

	postLimiter   *web.Limiter // anonymous comments and flags
	checkLimiter  *web.Limiter // the live check, called while typing
	beaconLimiter *web.Limiter // view beacons: generous, but a flood from one address is cut
	searchLimiter *web.Limiter // searches: each one reads the index, so one address cannot flood it

	tracker  *views.Tracker
	rankings *views.Rankings

	// The publishable kinds, as the admin API serves them.
	articles *adminKind[news.Article, desk.Draft, *articleFields]
	videos   *adminKind[news.Video, desk.VideoDraft, *adminVideoFields]
}

// New returns the API surface; dk performs the admin endpoints' article
// changes and cs the comment section's.
func New(cfg config.Config, st *store.Store, dk *desk.Desk, cs *comments.Service, tr *views.Tracker, rk *views.Rankings) *API {
	a := &API{cfg: cfg, store: st, desk: dk, comments: cs, tracker: tr, rankings: rk,
		postLimiter: web.NewLimiter(6, 4, 100_000), checkLimiter: web.NewLimiter(40, 10, 100_000),
		beaconLimiter: web.NewLimiter(120, 60, 200_000), searchLimiter: web.NewLimiter(60, 20, 100_000)}
	a.articles, a.videos = a.adminArticles(), a.adminVideos()
	return a
}

func (a *API) handle(h web.HandlerFunc) http.Handler { return web.Adapt(h, web.JSONError) }

// publicURL is the absolute address of p (a path inside an edition, such as
// an article's Path) in lang's edition.
func (a *API) publicURL(lang, p string) string { return a.cfg.BaseURL + a.cfg.Editions.Path(lang, p) }
