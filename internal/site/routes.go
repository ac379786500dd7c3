package site

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Register adds every public route to mux. This is the table of contents of
// the reader-facing site.
func (s *Site) Register(mux *http.ServeMux) {
	mux.Handle("GET /{$}", s.handle(s.front))
	mux.Handle("GET /news/{id}", s.handle(s.articleRedirect))
	mux.Handle("GET /news/{id}/{slug}", s.handle(s.article))
	mux.Handle("GET /section/{slug}", s.handle(s.section))
	mux.Handle("GET /section/{slug}/rss.xml", s.handle(s.sectionFeed))
	mux.Handle("GET /tag/{slug}", s.handle(s.tag))
	mux.Handle("GET /video", s.handle(s.videos))
	mux.Handle("GET /video/rss.xml", s.handle(s.videoFeed))
	mux.Handle("GET /video/{id}", s.handle(s.videoRedirect))
	mux.Handle("GET /video/{id}/{slug}", s.handle(s.video))
	mux.Handle("GET /programme/{slug}", s.handle(s.programme))
	mux.Handle("GET /search", s.handle(s.search))
	mux.Handle("POST /news/{id}/comments", s.handle(s.postComment))
	mux.Handle("POST /comments/{id}/flag", s.handle(s.flagComment))

	mux.Handle("GET /rss.xml", s.handle(s.siteFeed))
	mux.Handle("GET /sitemap.xml", s.handle(s.sitemapIndex))
	mux.Handle("GET /sitemaps/{file}", s.handle(s.sitemapFile))
	mux.Handle("GET /sitemap-news.xml", s.handle(s.newsSitemap))
	mux.Handle("GET /sitemap-video.xml", s.handle(s.videoSitemap))
	mux.Handle("GET /robots.txt", s.handle(s.robots))

	mux.Handle("GET /media/{id}/{variant}/{name}", s.handle(s.media))
	mux.Handle("GET /media/video/{id}/{name}", s.handle(s.videoFile))
	mux.Handle("GET /static/", s.handle(s.static))

	mux.Handle("GET /healthz", s.handle(s.healthz))
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics, promhttp.HandlerOpts{}))

	// Everything else is a real 404 page, not the mux's plain text.
	mux.Handle("/", s.handle(s.notFound))
}
