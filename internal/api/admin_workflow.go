package api

import (
	"net/http"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/web"
)

// stepAdminArticle answers POST /api/v1/admin/articles/{id}/{step} for the
// workflow steps that change only the status: submit, publish, schedule and
// unpublish. The body is {"version": N}, plus "publish_at" to schedule.
func (a *API) stepAdminArticle(action desk.Action) adminFunc {
	return func(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
		n, err := a.visibleArticle(r, actor)
		if err != nil {
			return err
		}
		var req stepRequest
		if err := decodeJSON(w, r, &req); err != nil {
			return err
		}
		if req.Version == nil {
			return missingVersion()
		}
		at, err := publishAt(action, req.PublishAt)
		if err != nil {
			return err
		}
		if _, err := a.desk.Articles.Update(r.Context(), actor, n.ID, *req.Version, nil, action, at); err != nil {
			return err
		}
		return a.writeArticle(r.Context(), w, http.StatusOK, n.ID)
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
	n, err := a.visibleArticle(r, actor)
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
