package api

import (
	"net/http"
	"time"

	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/video"
)

// RegisterAdminVideos adds the admin API's video story and programme
// endpoints to mux. Files are uploaded in the newsroom, not here: a video
// story made through the API plays from a YouTube or Vimeo link. Video
// stories are never scheduled, so they have no schedule step.
func (a *API) RegisterAdminVideos(mux *http.ServeMux) {
	videos := a.videos
	mux.Handle("POST /api/v1/admin/videos", a.admin(videos.create))
	mux.Handle("GET /api/v1/admin/videos/{id}", a.admin(videos.get))
	mux.Handle("PATCH /api/v1/admin/videos/{id}", a.admin(videos.patch))
	mux.Handle("DELETE /api/v1/admin/videos/{id}", a.admin(videos.remove))
	mux.Handle("POST /api/v1/admin/videos/{id}/submit", a.admin(videos.step(desk.Submit)))
	mux.Handle("POST /api/v1/admin/videos/{id}/publish", a.admin(videos.step(desk.Publish)))
	mux.Handle("POST /api/v1/admin/videos/{id}/unpublish", a.admin(videos.step(desk.Unpublish)))
	mux.Handle("GET /api/v1/admin/programmes", a.admin(a.listAdminProgrammes))
	mux.Handle("POST /api/v1/admin/programmes", a.admin(a.createAdminProgramme))
}

// adminVideos is how the admin API serves video stories.
func (a *API) adminVideos() *adminKind[news.Video, desk.VideoDraft, *adminVideoFields] {
	return &adminKind[news.Video, desk.VideoDraft, *adminVideoFields]{
		api: a, flow: a.desk.Videos, path: "/api/v1/admin/videos",
		show:    func(v news.Video) any { return a.adminVideoJSON(v) },
		fields:  func() *adminVideoFields { return new(adminVideoFields) },
		draftOf: videoDraftOf,
		overlay: a.overlayVideo,
	}
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
