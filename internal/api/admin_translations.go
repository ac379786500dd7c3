package api

import (
	"net/http"

	"dateline/internal/auth"
	"dateline/internal/web"
)

// translationRequest names the article to link as another edition's version.
type translationRequest struct {
	ArticleID int64 `json:"article_id"`
}

// AdminTranslation is one version of a story, whatever its status.
type AdminTranslation struct {
	ID       int64  `json:"id"`
	Lang     string `json:"lang"`
	Headline string `json:"headline"`
	Status   string `json:"status"`
	URL      string `json:"url"`
}

// linkAdminTranslation answers POST /api/v1/admin/articles/{id}/translations
// with the story's versions after linking.
func (a *API) linkAdminTranslation(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	n, err := a.articles.visible(r, actor)
	if err != nil {
		return err
	}
	var req translationRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.ArticleID < 1 {
		return web.BadRequest("article_id must name the other version's article id")
	}
	if err := a.desk.LinkTranslation(r.Context(), actor, n.ID, req.ArticleID); err != nil {
		return err
	}
	return a.writeTranslations(w, r, n.ID)
}

// unlinkAdminTranslation answers DELETE /api/v1/admin/articles/{id}/translations.
func (a *API) unlinkAdminTranslation(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	n, err := a.articles.visible(r, actor)
	if err != nil {
		return err
	}
	if err := a.desk.UnlinkTranslation(r.Context(), actor, n.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) writeTranslations(w http.ResponseWriter, r *http.Request, id int64) error {
	versions, err := a.store.Translations(r.Context(), id)
	if err != nil {
		return err
	}
	out := struct {
		Items []AdminTranslation `json:"items"`
	}{Items: []AdminTranslation{}}
	for _, t := range versions {
		out.Items = append(out.Items, AdminTranslation{ID: t.ID, Lang: t.Lang, Headline: t.Headline, Status: string(t.Status),
			URL: a.publicURL(t.Lang, t.Path())})
	}
	return web.WriteJSON(w, http.StatusOK, out)
}
