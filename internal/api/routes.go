package api

import (
	"net/http"

	"dateline/internal/web"
)

// Register adds every API route to mux.
func (a *API) Register(mux *http.ServeMux) {
	mux.Handle("GET /api/v1/articles", a.handle(a.listArticles))
	mux.Handle("GET /api/v1/articles/{id}", a.handle(a.getArticle))

	// Unknown API addresses answer in JSON, not with the site's HTML 404.
	mux.Handle("/api/", a.handle(func(w http.ResponseWriter, r *http.Request) error {
		return web.NotFound("no API endpoint at " + r.Method + " " + r.URL.Path)
	}))
}
