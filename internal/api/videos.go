package api

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/video"
	"dateline/internal/web"
)

// Video is the JSON form of a published video story.
type Video struct {
	ID          int64       `json:"id"`
	Title       string      `json:"title"`
	URL         string      `json:"url"`
	Lang        string      `json:"lang"`
	Programme   *string     `json:"programme"` // slug
	Slot        *string     `json:"slot"`      // slug
	AirDate     *string     `json:"air_date"`  // YYYY-MM-DD
	Duration    int64       `json:"duration"`  // seconds
	Thumbnail   *string     `json:"thumbnail"` // absolute URL
	Source      VideoSource `json:"source"`
	Summary     string      `json:"summary"`
	PublishedAt time.Time   `json:"published_at"`
}

// VideoSource says how to play a video: {"provider","id","embed_url"} for
// YouTube and Vimeo, {"provider":"upload","url"} for our own files.
type VideoSource struct {
	Provider string `json:"provider"`
	ID       string `json:"id,omitempty"`
	EmbedURL string `json:"embed_url,omitempty"`
	URL      string `json:"url,omitempty"`
}

func (a *API) videoJSON(v news.Video) Video {
	out := Video{ID: v.ID, Title: v.Title, URL: a.publicURL(v.Lang, v.Path()), Lang: v.Lang,
		Duration: int64(v.Duration / time.Second), Summary: v.Summary, PublishedAt: v.PublishedAt.UTC()}
	if v.Programme != nil {
		out.Programme = &v.Programme.Slug
		if !v.CustomTitle {
			out.Title = episodeTitle(v)
		}
	}
	if v.Slot != nil {
		out.Slot = &v.Slot.Slug
	}
	if v.AirDate != "" {
		out.AirDate = &v.AirDate
	}
	src := video.Source{Provider: video.Provider(v.Provider), ID: v.ProviderID, Hash: v.ProviderHash, Start: v.Start}
	// The newsroom's own still first, as the site shows it, then YouTube's.
	if v.Thumbnail != nil {
		thumb := a.cfg.BaseURL + v.Thumbnail.Path("page")
		out.Thumbnail = &thumb
	} else if thumb := src.ThumbnailURL(); thumb != "" {
		out.Thumbnail = &thumb
	}
	if v.Provider == string(video.Upload) {
		out.Source = VideoSource{Provider: v.Provider}
		if path := v.FilePath(); path != "" {
			out.Source.URL = a.cfg.BaseURL + path
		}
	} else {
		out.Source = VideoSource{Provider: v.Provider, ID: v.ProviderID, EmbedURL: src.EmbedURL()}
	}
	return out
}

// episodeTitle names an episode from its programme, slot and air date, as
// the site does, falling back to the stored title.
func episodeTitle(v news.Video) string {
	var aired time.Time
	if d, err := time.Parse(time.DateOnly, v.AirDate); err == nil {
		aired = d
	}
	slot := ""
	if v.Slot != nil {
		slot = v.Slot.Name
	}
	if t := video.EpisodeTitle(v.Programme.Name, slot, aired); t != "" {
		return t
	}
	return v.Title
}

// getVideo answers GET /api/v1/videos/{id}.
func (a *API) getVideo(w http.ResponseWriter, r *http.Request) error {
	id, err := storyID(r, "video")
	if err != nil {
		return err
	}
	v, err := a.store.PublishedVideo(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return web.NotFound(fmt.Sprintf("no published video with id %d", id))
	}
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, a.videoJSON(v))
}

// listVideos answers GET /api/v1/videos?lang=&programme=&page=&per_page=,
// newest first.
func (a *API) listVideos(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	lq, err := readListQuery(q)
	if err != nil {
		return err
	}
	f := store.VideoFilter{Limit: lq.PerPage, Offset: lq.offset(), Lang: lq.Lang}
	if slug := q.Get("programme"); slug != "" {
		if !slugLike(slug) {
			return web.BadRequest("programme must be a slug such as \"news-in-brief\"")
		}
		p, err := a.store.ProgrammeBySlug(r.Context(), slug)
		if err != nil {
			return unknown(err, "programme", slug)
		}
		f.ProgrammeID = p.ID
	}
	list, total, err := a.store.PublishedVideos(r.Context(), f)
	if err != nil {
		return err
	}
	out := VideoList{Items: make([]Video, 0, len(list)), Page: lq.Page, PerPage: lq.PerPage, Total: total}
	for _, v := range list {
		out.Items = append(out.Items, a.videoJSON(v))
	}
	return web.WriteJSON(w, http.StatusOK, out)
}
