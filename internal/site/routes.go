package site

import (
	"net/http"

	"dateline/internal/web"
)

// Register adds every public route to mux. This is the table of contents of
// the reader-facing site.
func (s *Site) Register(mux *http.ServeMux) {
	// Every reader page, feed and sitemap exists once per edition: the
	// default edition at the root, the others under /si/, /ta/ and so on.
	for _, ed := range s.cfg.Editions.All() {
		get := func(path string, h web.HandlerFunc) {
			mux.Handle("GET "+ed.Prefix+path, inEdition(ed, s.cached(s.handle(h))))
		}
		get("/{$}", s.front)
		get("/news/{id}", s.articleRedirect)
		get("/news/{id}/{slug}", s.article)
		get("/section/{slug}", s.section)
		get("/section/{slug}/rss.xml", s.sectionFeed)
		get("/tag/{slug}", s.tag)
		get("/video", s.videos)
		get("/video/rss.xml", s.videoFeed)
		get("/video/{id}", s.videoRedirect)
		get("/video/{id}/{slug}", s.video)
		get("/programme/{slug}", s.programme)
		get("/rss.xml", s.siteFeed)
		get("/sitemap.xml", s.sitemapIndex)
		get("/sitemaps/{file}", s.sitemapFile)
		get("/sitemap-news.xml", s.newsSitemap)
		get("/sitemap-video.xml", s.videoSitemap)
		// Searches are not cached: every query is a new address.
		mux.Handle("GET "+ed.Prefix+"/search", inEdition(ed, s.handle(s.search)))
		if ed.Prefix != "" {
			mux.Handle("GET "+ed.Prefix+"", http.RedirectHandler(ed.Home(), http.StatusMovedPermanently))
		}
	}

	// Posts name their article or comment by id; the redirect that follows
	// goes back to the article in its own edition.
	mux.Handle("POST /news/{id}/comments", s.handle(s.postComment))
	mux.Handle("GET /comments/{id}/flag", s.handle(s.flagPage))
	mux.Handle("POST /comments/{id}/flag", s.handle(s.flagComment))

	mux.Handle("GET /robots.txt", s.handle(s.robots))

	mux.Handle("GET /media/{id}/{variant}/{name}", s.handle(s.media))
	mux.Handle("GET /media/video/{id}/{name}", s.handle(s.videoFile))
	mux.Handle("GET /static/", s.handle(s.static))

	mux.Handle("GET /healthz", s.handle(s.healthz))

	// Everything else is a real 404 page, not the mux's plain text.
	mux.Handle("/", s.byPrefix(s.handle(s.notFound)))
}
