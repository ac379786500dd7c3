package api

import (
	"net/http"

	"dateline/internal/desk"
	"dateline/internal/web"
)

// Register adds every API route to mux.
func (a *API) Register(mux *http.ServeMux) {
	mux.Handle("GET /api/v1/articles", a.handle(a.listArticles))
	mux.Handle("GET /api/v1/articles/{id}", a.handle(a.getArticle))

	// The admin API: personal access tokens (Authorization: Bearer), any
	// status, every change through the desk.
	mux.Handle("POST /api/v1/admin/articles", a.admin(a.createAdminArticle))
	mux.Handle("GET /api/v1/admin/articles/{id}", a.admin(a.getAdminArticle))
	mux.Handle("PATCH /api/v1/admin/articles/{id}", a.admin(a.patchAdminArticle))
	mux.Handle("DELETE /api/v1/admin/articles/{id}", a.admin(a.deleteAdminArticle))
	mux.Handle("POST /api/v1/admin/articles/{id}/submit", a.admin(a.stepAdminArticle(desk.Submit)))
	mux.Handle("POST /api/v1/admin/articles/{id}/publish", a.admin(a.stepAdminArticle(desk.Publish)))
	mux.Handle("POST /api/v1/admin/articles/{id}/schedule", a.admin(a.stepAdminArticle(desk.Schedule)))
	mux.Handle("POST /api/v1/admin/articles/{id}/unpublish", a.admin(a.stepAdminArticle(desk.Unpublish)))
	mux.Handle("POST /api/v1/admin/articles/{id}/corrections", a.admin(a.correctAdminArticle))
	// Unknown admin addresses ask for a token first, so that probing them
	// without one learns nothing.
	mux.Handle("/api/v1/admin/", a.admin(func(w http.ResponseWriter, r *http.Request, _ desk.Actor) error {
		return noEndpoint(w, r)
	}))

	// Unknown API addresses answer in JSON, not with the site's HTML 404.
	mux.Handle("/api/", a.handle(noEndpoint))
}

func noEndpoint(w http.ResponseWriter, r *http.Request) error {
	return web.NotFound("no API endpoint at " + r.Method + " " + r.URL.Path)
}
