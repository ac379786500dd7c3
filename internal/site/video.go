package site

import (
	"net/http"
	"time"

	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/video"
)

// VideoPage is the data of the video story template.
type VideoPage struct {
	Layout
	Video       news.Video
	Heading     string    // the title readers see
	Duration    string    // "4:05"
	ISODuration string    // "PT4M5S", for <time datetime>
	Aired       time.Time // the air date; zero unless an episode
	AirDateISO  string
	Player      Player
	More        []VideoCard // other episodes of the programme, newest first
	Popular     PopularLists
}

// moreEpisodes is how many other episodes a video page lists.
const moreEpisodes = 5

// videoRedirect sends /video/{id} to the canonical address.
func (s *Site) videoRedirect(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := s.store.PublishedVideo(r.Context(), id)
	if err != nil {
		return err
	}
	return s.wrongEdition(w, r, v.Lang, v.Path())
}

// video shows one published video story. A wrong slug redirects to the
// canonical address; an unknown or unpublished id is a 404.
func (s *Site) video(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	v, err := s.store.PublishedVideo(ctx, id)
	if err != nil {
		return err
	}
	if r.PathValue("slug") != v.Slug || v.Lang != s.edition(r).Lang {
		return s.wrongEdition(w, r, v.Lang, v.Path())
	}
	title := videoTitle(v)
	data := VideoPage{Layout: s.layout(r, title, v.Summary), Video: v, Heading: title, Popular: s.popular(r.Context(), v.Lang),
		Aired: airDate(v, s.cfg.Location)}
	data.Player = s.player(data.Text, v)
	data.ViewKind, data.ViewID = "video", v.ID
	if !data.Aired.IsZero() {
		data.AirDateISO = v.AirDate
	}
	if v.Duration > 0 {
		data.Duration, data.ISODuration = video.FormatDuration(v.Duration), video.ISODuration(v.Duration)
	}
	if v.Programme != nil {
		episodes, _, err := s.store.ProgrammeEpisodes(ctx, v.Programme.ID, moreEpisodes+1, 0)
		if err != nil {
			return err
		}
		var others []news.Video
		for _, e := range episodes {
			if e.ID != v.ID && len(others) < moreEpisodes {
				others = append(others, e)
			}
		}
		data.More = s.videoCards(others)
	}
	data.Canonical = s.absolute(s.href(v.Lang, v.Path()))
	data.Current = videoNav
	if v.Lang != "" {
		data.Lang = v.Lang
	}
	data.FeedURL = s.absolute("/video/rss.xml")
	// The layout writes dates, section and tags as article:* properties,
	// which do not belong on a video.other object, so they stay empty.
	og := &OpenGraph{Type: "video.other", Title: title, Description: v.Summary, URL: data.Canonical}
	if thumb := s.absoluteThumbnail(v); thumb != "" {
		og.Image, og.ImageAlt = thumb, title
	}
	data.OpenGraph = og
	data.JSONLD = s.videoObjectLD(v, title)
	shared(w, store.PagesVideo(v.ID), store.PagesVideos, store.PagesPopular(s.edition(r).Lang))
	return s.page(w, http.StatusOK, "video", data)
}

// videoNav marks the video pages in the navigation. No section slug can
// hold a slash, so it never matches a section.
const videoNav = "/video"

// absoluteThumbnail is the video's still as an absolute URL, or "".
func (s *Site) absoluteThumbnail(v news.Video) string {
	thumb := videoThumbnail(v)
	if thumb != "" && thumb[0] == '/' {
		return s.absolute(thumb)
	}
	return thumb
}
