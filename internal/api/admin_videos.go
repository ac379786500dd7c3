package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/video"
	"dateline/internal/web"
)

// RegisterAdminVideos adds the admin API's video story and programme
// endpoints to mux. Files are uploaded in the newsroom, not here: a video
// story made through the API plays from a YouTube or Vimeo link.
func (a *API) RegisterAdminVideos(mux *http.ServeMux) {
	mux.Handle("POST /api/v1/admin/videos", a.admin(videoAnswers(a.createAdminVideo)))
	mux.Handle("GET /api/v1/admin/videos/{id}", a.admin(videoAnswers(a.getAdminVideo)))
	mux.Handle("PATCH /api/v1/admin/videos/{id}", a.admin(videoAnswers(a.patchAdminVideo)))
	mux.Handle("DELETE /api/v1/admin/videos/{id}", a.admin(videoAnswers(a.deleteAdminVideo)))
	mux.Handle("POST /api/v1/admin/videos/{id}/submit", a.admin(videoAnswers(a.stepAdminVideo(desk.Submit))))
	mux.Handle("POST /api/v1/admin/videos/{id}/publish", a.admin(videoAnswers(a.stepAdminVideo(desk.Publish))))
	mux.Handle("POST /api/v1/admin/videos/{id}/unpublish", a.admin(videoAnswers(a.stepAdminVideo(desk.Unpublish))))
	mux.Handle("GET /api/v1/admin/programmes", a.admin(videoAnswers(a.listAdminProgrammes)))
	mux.Handle("POST /api/v1/admin/programmes", a.admin(videoAnswers(a.createAdminProgramme)))
}

// videoAnswers words the store's answers for video stories, which answer
// (shared with articles) would call articles; the rest goes on to answer.
func videoAnswers(h adminFunc) adminFunc {
	return func(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
		err := h(w, r, actor)
		var taken *desk.Taken
		switch {
		case errors.Is(err, store.ErrStale):
			return &web.Error{Status: http.StatusConflict, Message: "the video story has changed since the version you sent; " +
				"GET it again for the current version, then make your change again"}
		case errors.As(err, &taken):
			return &web.Error{Status: http.StatusConflict, Message: taken.Error()}
		case errors.Is(err, store.ErrNotFound) && r.PathValue("id") != "":
			return web.NotFound("no video story with id " + r.PathValue("id"))
		}
		return err
	}
}

// adminVideoPath is the admin API address of a video story.
func adminVideoPath(id int64) string { return "/api/v1/admin/videos/" + strconv.FormatInt(id, 10) }

// visibleVideo loads the video story of the request's address if the actor
// may see it: anyone who may edit it, and editors and admins always.
func (a *API) visibleVideo(r *http.Request, actor auth.Actor) (news.Video, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return news.Video{}, web.BadRequest("video story id must be a positive whole number")
	}
	v, err := a.store.Video(r.Context(), id)
	if err != nil {
		return v, err
	}
	if !auth.CanView(actor.Role(), actor.Account.ID, auth.ArticleRef{OwnerID: v.OwnerID, Status: v.Status}) {
		return v, &web.Error{Status: http.StatusForbidden, Message: "Your role does not allow you to see this video story."}
	}
	return v, nil
}

// writeVideo answers with the video story as stored, read back so that the
// answer matches what a later GET returns.
func (a *API) writeVideo(ctx context.Context, w http.ResponseWriter, status int, id int64) error {
	v, err := a.store.Video(ctx, id)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, status, a.adminVideoJSON(v))
}

// getAdminVideo answers GET /api/v1/admin/videos/{id}, whatever the status.
func (a *API) getAdminVideo(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	v, err := a.visibleVideo(r, actor)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, a.adminVideoJSON(v))
}

// createAdminVideo answers POST /api/v1/admin/videos.
func (a *API) createAdminVideo(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	if !auth.Can(actor.Role(), auth.WriteArticle) {
		return &auth.Forbidden{What: "make video stories"}
	}
	var req adminVideoFields
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.Version != nil {
		return web.BadRequest("version is for changing an existing video story; a new one has none")
	}
	action, err := desk.ParseAction(req.Action)
	if err != nil {
		return err
	}
	draft, err := a.overlayVideo(r.Context(), desk.VideoDraft{}, req)
	if err != nil {
		return err
	}
	v, err := a.desk.Videos.Create(r.Context(), actor, draft, action, time.Time{})
	if err != nil {
		return err
	}
	w.Header().Set("Location", a.cfg.BaseURL+adminVideoPath(v.ID))
	return a.writeVideo(r.Context(), w, http.StatusCreated, v.ID)
}

// patchAdminVideo answers PATCH /api/v1/admin/videos/{id}: fields left out
// keep their values, and so does the source unless source_url is sent.
func (a *API) patchAdminVideo(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	base, err := a.visibleVideo(r, actor)
	if err != nil {
		return err
	}
	var req adminVideoFields
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.Version == nil {
		return web.BadRequest("version is required: send the version of the video story you read")
	}
	if *req.Version != base.Version {
		return store.ErrStale
	}
	action, err := desk.ParseAction(req.Action)
	if err != nil {
		return err
	}
	var draft *desk.VideoDraft
	if req.hasContent() {
		d, err := a.overlayVideo(r.Context(), videoDraftOf(base), req)
		if err != nil {
			return err
		}
		draft = &d
	} else if action == desk.Save {
		return web.WriteJSON(w, http.StatusOK, a.adminVideoJSON(base)) // nothing to change
	}
	v, err := a.desk.Videos.Update(r.Context(), actor, base.ID, base.Version, draft, action, time.Time{})
	if err != nil {
		return err
	}
	return a.writeVideo(r.Context(), w, http.StatusOK, v.ID)
}

// stepAdminVideo answers POST /api/v1/admin/videos/{id}/{step} for submit,
// publish and unpublish. The body is {"version": N}.
func (a *API) stepAdminVideo(action desk.Action) adminFunc {
	return func(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
		v, err := a.visibleVideo(r, actor)
		if err != nil {
			return err
		}
		var req struct {
			Version *int `json:"version"`
		}
		if err := decodeJSON(w, r, &req); err != nil {
			return err
		}
		if req.Version == nil {
			return web.BadRequest("version is required: send the version of the video story you read")
		}
		if _, err := a.desk.Videos.Update(r.Context(), actor, v.ID, *req.Version, nil, action, time.Time{}); err != nil {
			return err
		}
		return a.writeVideo(r.Context(), w, http.StatusOK, v.ID)
	}
}

// deleteAdminVideo answers DELETE /api/v1/admin/videos/{id}.
func (a *API) deleteAdminVideo(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	v, err := a.visibleVideo(r, actor)
	if err != nil {
		return err
	}
	err = a.desk.Videos.Delete(r.Context(), actor, v.ID)
	var refused *desk.InputError
	if errors.As(err, &refused) {
		// Readers have seen it: a conflict with its state, not a bad request.
		return &web.Error{Status: http.StatusConflict, Message: refused.Error()}
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// AdminVideo is a video story as the admin API shows it, any status.
type AdminVideo struct {
	ID           int64      `json:"id"`
	URL          string     `json:"url"` // the public page, once published
	Slug         string     `json:"slug"`
	Title        string     `json:"title"`
	CustomTitle  bool       `json:"custom_title"`
	Summary      string     `json:"summary"`
	Lang         string     `json:"lang"`
	Section      *Named     `json:"section"`
	Tags         []Named    `json:"tags"`
	Provider     string     `json:"provider"` // "youtube", "vimeo" or "upload"
	ProviderID   string     `json:"provider_id"`
	StartSeconds int        `json:"start_seconds"`
	EmbedURL     string     `json:"embed_url"` // the player readers get; "" for an upload
	WatchURL     string     `json:"watch_url"`
	FileURL      string     `json:"file_url"` // an upload's address, served once published
	ThumbnailURL string     `json:"thumbnail_url"`
	Duration     string     `json:"duration"` // "4:05"; "" when not known
	Programme    *Named     `json:"programme"`
	Slot         *Named     `json:"slot"`
	AirDate      string     `json:"air_date"`
	Status       string     `json:"status"`
	Version      int        `json:"version"`
	OwnerID      *int64     `json:"owner_id"`
	PublishedAt  *time.Time `json:"published_at"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

func (a *API) adminVideoJSON(v news.Video) AdminVideo {
	src := video.Source{Provider: video.Provider(v.Provider), ID: v.ProviderID, Hash: v.ProviderHash, Start: v.Start}
	out := AdminVideo{ID: v.ID, URL: a.publicURL(v.Lang, v.Path()), Slug: v.Slug, Title: v.Title, CustomTitle: v.CustomTitle,
		Summary: v.Summary, Lang: v.Lang, Tags: []Named{}, Provider: v.Provider, ProviderID: v.ProviderID,
		StartSeconds: int(v.Start.Seconds()), EmbedURL: src.EmbedURL(), WatchURL: src.WatchURL(),
		ThumbnailURL: src.ThumbnailURL(), AirDate: v.AirDate, Status: string(v.Status), Version: v.Version,
		PublishedAt: utcOrNil(v.PublishedAt), CreatedAt: v.CreatedAt.UTC(), UpdatedAt: v.UpdatedAt.UTC()}
	if v.FileID != 0 {
		out.FileURL = a.cfg.BaseURL + v.FilePath()
	}
	if v.Thumbnail != nil {
		out.ThumbnailURL = a.cfg.BaseURL + v.Thumbnail.Path("thumb")
	}
	if v.Duration > 0 {
		out.Duration = video.FormatDuration(v.Duration)
	}
	if v.Section != nil {
		out.Section = &Named{v.Section.Slug, v.Section.Name}
	}
	for _, t := range v.Tags {
		out.Tags = append(out.Tags, Named{t.Slug, t.Name})
	}
	if v.Programme != nil {
		out.Programme = &Named{v.Programme.Slug, v.Programme.Name}
	}
	if v.Slot != nil {
		out.Slot = &Named{v.Slot.Slug, v.Slot.Name}
	}
	if v.OwnerID != 0 {
		out.OwnerID = &v.OwnerID
	}
	return out
}
