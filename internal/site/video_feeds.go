package site

import (
	"bytes"
	"net/http"
	"strconv"

	"dateline/internal/feed"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/video"
)

// videoSitemapItems bounds the video sitemap to the newest stories; each is
// loaded with its programme and thumbnail, so the list is kept modest.
const videoSitemapItems = 1000

// videoFeed is the RSS feed of an edition's latest video stories.
func (s *Site) videoFeed(w http.ResponseWriter, r *http.Request) error {
	ed := s.edition(r)
	list, _, err := s.store.PublishedVideos(r.Context(), store.VideoFilter{Lang: ed.Lang, Limit: feedItems})
	if err != nil {
		return err
	}
	text := s.textFor(r)
	ch := feed.Channel{Title: text.T("feed.video_title", "site", s.cfg.SiteName), Link: s.absolute(ed.Path("/video")),
		Description: text.T("videos.description", "site", s.cfg.SiteName),
		Language:    ed.Lang, SelfURL: s.absolute(ed.Path("/video/rss.xml"))}
	for _, v := range list {
		it := feed.Item{Title: videoTitle(v), Link: s.absolute(ed.Path(v.Path())),
			GUID:        s.absolute(ed.Path("/video/" + strconv.FormatInt(v.ID, 10))),
			Description: v.Summary, Published: v.PublishedAt.In(s.cfg.Location)}
		if v.Programme != nil {
			it.Categories = append(it.Categories, v.Programme.Name)
		}
		for _, t := range v.Tags {
			it.Categories = append(it.Categories, t.Name)
		}
		ch.Items = append(ch.Items, it)
		if v.UpdatedAt.After(ch.Updated) {
			ch.Updated = v.UpdatedAt
		}
	}
	var buf bytes.Buffer
	if err := feed.WriteRSS(&buf, ch); err != nil {
		return err
	}
	shared(w, store.PagesVideos)
	return writeXML(w, "application/rss+xml; charset=utf-8", buf.Bytes())
}

// videoSitemap is the Google video sitemap of an edition's newest video stories.
// Google refuses an entry without a still image, so a story that has
// none (a Vimeo clip or an upload without an uploaded thumbnail) is left out.
func (s *Site) videoSitemap(w http.ResponseWriter, r *http.Request) error {
	list, _, err := s.store.PublishedVideos(r.Context(), store.VideoFilter{Lang: s.edition(r).Lang, Limit: videoSitemapItems})
	if err != nil {
		return err
	}
	urls := make([]feed.VideoURL, 0, len(list))
	for _, v := range list {
		if u, ok := s.videoSitemapURL(v); ok {
			urls = append(urls, u)
		}
	}
	var buf bytes.Buffer
	if err := feed.WriteVideoSitemap(&buf, urls); err != nil {
		return err
	}
	shared(w, store.PagesVideos)
	return writeXML(w, "application/xml; charset=utf-8", buf.Bytes())
}

func (s *Site) videoSitemapURL(v news.Video) (feed.VideoURL, bool) {
	u := feed.VideoURL{Loc: s.absolute(s.href(v.Lang, v.Path())), Thumbnail: s.absoluteThumbnail(v), Title: videoTitle(v),
		Description: v.Summary, Duration: v.Duration, Published: v.PublishedAt.In(s.cfg.Location)}
	if v.Provider == string(video.Upload) {
		if path := v.FilePath(); path != "" {
			u.ContentLoc = s.absolute(path)
		}
	} else {
		u.PlayerLoc = sourceOf(v).EmbedURL()
	}
	return u, u.Thumbnail != "" && (u.ContentLoc != "" || u.PlayerLoc != "")
}
