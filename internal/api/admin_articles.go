package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/web"
)

// adminArticlePath is the admin API address of an article.
func adminArticlePath(id int64) string { return "/api/v1/admin/articles/" + strconv.FormatInt(id, 10) }

// visibleArticle loads the article of the request's address, if the actor
// may see it: anyone who may edit it, and editors and admins always. Every
// per-article endpoint starts here, so that staff who may not see an article
// learn nothing of it but that it exists; the desk then checks the step.
func (a *API) visibleArticle(r *http.Request, actor auth.Actor) (news.Article, error) {
	id, err := articleID(r)
	if err != nil {
		return news.Article{}, err
	}
	n, err := a.store.Article(r.Context(), id)
	if err != nil {
		return n, err
	}
	if !auth.CanView(actor.Role(), actor.Account.ID, auth.ArticleRef{OwnerID: n.OwnerID, Status: n.Status}) {
		return n, &web.Error{Status: http.StatusForbidden, Message: "Your role does not allow you to see this article."}
	}
	return n, nil
}

// writeArticle answers with the article as stored, read back so that the
// answer matches what a later GET returns (times rounded by the database,
// tag slugs).
func (a *API) writeArticle(ctx context.Context, w http.ResponseWriter, status int, id int64) error {
	n, err := a.store.Article(ctx, id)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, status, a.adminArticleJSON(n))
}

// getAdminArticle answers GET /api/v1/admin/articles/{id}, whatever the
// article's status.
func (a *API) getAdminArticle(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	n, err := a.visibleArticle(r, actor)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, a.adminArticleJSON(n))
}

// createAdminArticle answers POST /api/v1/admin/articles.
func (a *API) createAdminArticle(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	// The desk checks this too; asking first keeps a moderator's answer a
	// 403 whatever the body holds.
	if !auth.Can(actor.Role(), auth.WriteArticle) {
		return &auth.Forbidden{What: "write articles"}
	}
	var req articleFields
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.Version != nil {
		return web.BadRequest("version is for changing an existing article; a new one has none")
	}
	action, at, err := req.step()
	if err != nil {
		return err
	}
	draft, err := a.overlay(r.Context(), desk.Draft{}, req)
	if err != nil {
		return err
	}
	n, err := a.desk.Articles.Create(r.Context(), actor, draft, action, at)
	if err != nil {
		return err
	}
	w.Header().Set("Location", a.cfg.BaseURL+adminArticlePath(n.ID))
	return a.writeArticle(r.Context(), w, http.StatusCreated, n.ID)
}

// patchAdminArticle answers PATCH /api/v1/admin/articles/{id}: fields left
// out keep their values.
func (a *API) patchAdminArticle(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	base, err := a.visibleArticle(r, actor)
	if err != nil {
		return err
	}
	var req articleFields
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.Version == nil {
		return missingVersion()
	}
	// The draft is built on base, so base must be the version the client
	// read; the desk and the store check it again when writing.
	if *req.Version != base.Version {
		return store.ErrStale
	}
	action, at, err := req.step()
	if err != nil {
		return err
	}
	var draft *desk.Draft
	if req.hasContent() {
		d, err := a.overlay(r.Context(), draftOf(base), req)
		if err != nil {
			return err
		}
		draft = &d
	} else if action == desk.Save {
		return web.WriteJSON(w, http.StatusOK, a.adminArticleJSON(base)) // nothing to change
	}
	n, err := a.desk.Articles.Update(r.Context(), actor, base.ID, base.Version, draft, action, at)
	if err != nil {
		return err
	}
	return a.writeArticle(r.Context(), w, http.StatusOK, n.ID)
}

// deleteAdminArticle answers DELETE /api/v1/admin/articles/{id}.
func (a *API) deleteAdminArticle(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	n, err := a.visibleArticle(r, actor)
	if err != nil {
		return err
	}
	err = a.desk.Articles.Delete(r.Context(), actor, n.ID)
	var refused *desk.InputError
	if errors.As(err, &refused) {
		// The desk refuses to delete what readers have seen: not a fault in
		// the request but a conflict with the article's state.
		return &web.Error{Status: http.StatusConflict, Message: refused.Error()}
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
