package api

import (
	"net/http"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/web"
)

// adminArticles is how the admin API serves articles.
func (a *API) adminArticles() *adminKind[news.Article, desk.Draft, *articleFields] {
	return &adminKind[news.Article, desk.Draft, *articleFields]{
		api: a, flow: a.desk.Articles, path: "/api/v1/admin/articles",
		show:    func(n news.Article) any { return a.adminArticleJSON(n) },
		fields:  func() *articleFields { return new(articleFields) },
		draftOf: draftOf,
		overlay: a.overlay,
	}
}

// correctionRequest is the body of POST .../corrections.
type correctionRequest struct {
	Kind string `json:"kind"` // "correction" or "update"
	Body string `json:"body"`
}

// correctAdminArticle answers POST /api/v1/admin/articles/{id}/corrections:
// a dated note appended to a published article.
func (a *API) correctAdminArticle(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	n, err := a.articles.visible(r, actor)
	if err != nil {
		return err
	}
	var req correctionRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	c, err := a.desk.Correct(r.Context(), actor, n.ID, news.CorrectionKind(req.Kind), req.Body)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusCreated, Correction{ID: c.ID, Kind: string(c.Kind), Body: c.Body, CreatedAt: c.CreatedAt.UTC()})
}
