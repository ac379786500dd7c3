package site

import (
	"time"

	"dateline/internal/news"
	"dateline/internal/video"
)

// VideoObjectLD describes one video story (schema.org VideoObject). Google
// wants a name, a description, a thumbnail and the upload date, plus either
// the player (embedUrl) or the file (contentUrl).
type VideoObjectLD struct {
	Context      string   `json:"@context"`
	Type         string   `json:"@type"`
	Name         string   `json:"name"`
	Description  string   `json:"description"`
	ThumbnailURL []string `json:"thumbnailUrl,omitempty"`
	UploadDate   string   `json:"uploadDate"`
	Duration     string   `json:"duration,omitempty"`
	EmbedURL     string   `json:"embedUrl,omitempty"`
	ContentURL   string   `json:"contentUrl,omitempty"`
	InLanguage   string   `json:"inLanguage,omitempty"`
	Publisher    ldThing  `json:"publisher"`
}

func (s *Site) videoObjectLD(v news.Video, title string) VideoObjectLD {
	ld := VideoObjectLD{
		Context: "https://schema.org", Type: "VideoObject", Name: title, Description: v.Summary,
		UploadDate: v.PublishedAt.In(s.cfg.Location).Format(time.RFC3339),
		InLanguage: v.Lang,
		Publisher:  ldThing{Type: "NewsMediaOrganization", Name: s.cfg.SiteName, URL: s.cfg.BaseURL + "/"},
	}
	if ld.Description == "" {
		ld.Description = title // required; the title is the best we have
	}
	if thumb := s.absoluteThumbnail(v); thumb != "" {
		ld.ThumbnailURL = []string{thumb}
	}
	if v.Duration > 0 {
		ld.Duration = video.ISODuration(v.Duration)
	}
	if v.Provider == string(video.Upload) {
		if path := v.FilePath(); path != "" {
			ld.ContentURL = s.absolute(path)
		}
	} else {
		ld.EmbedURL = sourceOf(v).EmbedURL()
	}
	return ld
}
