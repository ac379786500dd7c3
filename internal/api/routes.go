package api

import (
	"net/http"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/web"
)

// Register adds every API route to mux.
func (a *API) Register(mux *http.ServeMux) {
	mux.Handle("GET /api/v1/articles", a.handle(a.listArticles))
	mux.Handle("GET /api/v1/articles/{id}", a.handle(a.getArticle))
	mux.Handle("GET /api/v1/articles/{id}/comments", a.handle(a.listComments))
	mux.Handle("POST /api/v1/articles/{id}/comments", a.handle(a.postComment))
	mux.Handle("POST /api/v1/comments/check", a.handle(a.checkComment))
	mux.Handle("GET /api/v1/comments/form-time", a.handle(a.formTime))
	mux.Handle("POST /api/v1/views", a.handle(a.recordView))
	mux.Handle("GET /api/v1/most-viewed", a.handle(a.mostViewed))
	mux.Handle("POST /api/v1/comments/{id}/flags", a.handle(a.flagComment))
	mux.Handle("GET /api/v1/videos", a.handle(a.listVideos))
	mux.Handle("GET /api/v1/videos/{id}", a.handle(a.getVideo))
	mux.Handle("GET /api/v1/search", a.handle(a.search))

	// The admin API: personal access tokens (Authorization: Bearer), any
	// status, every change through the desk.
	articles := a.articles
	mux.Handle("POST /api/v1/admin/articles", a.admin(articles.create))
	mux.Handle("GET /api/v1/admin/articles/{id}", a.admin(articles.get))
	mux.Handle("PATCH /api/v1/admin/articles/{id}", a.admin(articles.patch))
	mux.Handle("DELETE /api/v1/admin/articles/{id}", a.admin(articles.remove))
	mux.Handle("POST /api/v1/admin/articles/{id}/submit", a.admin(articles.step(desk.Submit)))
	mux.Handle("POST /api/v1/admin/articles/{id}/publish", a.admin(articles.step(desk.Publish)))
	mux.Handle("POST /api/v1/admin/articles/{id}/schedule", a.admin(articles.step(desk.Schedule)))
	mux.Handle("POST /api/v1/admin/articles/{id}/unpublish", a.admin(articles.step(desk.Unpublish)))
	mux.Handle("POST /api/v1/admin/articles/{id}/corrections", a.admin(a.correctAdminArticle))
	mux.Handle("POST /api/v1/admin/articles/{id}/translations", a.admin(a.linkAdminTranslation))
	mux.Handle("DELETE /api/v1/admin/articles/{id}/translations", a.admin(a.unlinkAdminTranslation))
	mux.Handle("GET /api/v1/admin/comments", a.admin(a.listAdminComments))
	mux.Handle("POST /api/v1/admin/comments/{id}/approve", a.admin(a.decideAdminComment(true)))
	mux.Handle("POST /api/v1/admin/comments/{id}/reject", a.admin(a.decideAdminComment(false)))
	a.RegisterAdminVideos(mux)
	// Unknown admin addresses ask for a token first, so that probing them
	// without one learns nothing.
	mux.Handle("/api/v1/admin/", a.admin(func(w http.ResponseWriter, r *http.Request, _ auth.Actor) error {
		return noEndpoint(w, r)
	}))

	// Unknown API addresses answer in JSON, not with the site's HTML 404.
	mux.Handle("/api/", a.handle(noEndpoint))
}

func noEndpoint(w http.ResponseWriter, r *http.Request) error {
	return web.NotFound("no API endpoint at " + r.Method + " " + r.URL.Path)
}
