// Package api serves Dateline's JSON API under /api/v1/. Errors are JSON
// objects {"error": "..."} with the matching status.
package api

import (
	"net/http"

	"dateline/internal/config"
	"dateline/internal/desk"
	"dateline/internal/store"
	"dateline/internal/web"
)

// API holds what the JSON handlers need.
type API struct {
	cfg   config.Config
	store *store.Store
	desk  *desk.Desk
}

// New returns the API surface; dk performs the admin endpoints' changes.
func New(cfg config.Config, st *store.Store, dk *desk.Desk) *API {
	return &API{cfg: cfg, store: st, desk: dk}
}

func (a *API) handle(h web.HandlerFunc) http.Handler { return web.Adapt(h, web.JSONError) }
