// Package api serves Dateline's JSON API under /api/v1/. Errors are JSON
// objects {"error": "..."} with the matching status.
package api

import (
	"net/http"

	"dateline/internal/config"
	"dateline/internal/store"
	"dateline/internal/web"
)

// API holds what the JSON handlers need.
type API struct {
	cfg   config.Config
	store *store.Store
}

// New returns the API surface.
func New(cfg config.Config, st *store.Store) *API {
	return &API{cfg: cfg, store: st}
}

func (a *API) handle(h web.HandlerFunc) http.Handler { return web.Adapt(h, web.JSONError) }
