package site

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/feed"
	"dateline/internal/news"
	"dateline/internal/store"
)

// sitemapIndex lists an edition's sitemap of sections and one article
// sitemap per 50,000 of its published articles. Each edition has its own
// index; robots.txt names them all.
func (s *Site) sitemapIndex(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ed := s.edition(r)
	total, err := s.store.PublishedCount(ctx, store.ListFilter{Lang: ed.Lang})
	if err != nil {
		return err
	}
	last, err := s.store.LastUpdate(ctx, ed.Lang)
	if err != nil {
		return err
	}
	maps := []feed.SitemapURL{{Loc: s.absolute(ed.Path("/sitemaps/sections.xml")), LastMod: last},
		{Loc: s.absolute(ed.Path("/sitemap-video.xml"))}}
	for n := 1; n <= max(1, (total+feed.MaxSitemapURLs-1)/feed.MaxSitemapURLs); n++ {
		maps = append(maps, feed.SitemapURL{Loc: s.absolute(ed.Path("/sitemaps/" + articleSitemapName(n))), LastMod: last})
	}
	var buf bytes.Buffer
	if err := feed.WriteSitemapIndex(&buf, maps); err != nil {
		return err
	}
	shared(w, store.PagesFeeds(s.edition(r).Lang))
	return writeXML(w, "application/xml; charset=utf-8", buf.Bytes())
}

// maxArticleSitemaps bounds N in articles-N.xml: 500 million articles.
const maxArticleSitemaps = 10_000

// articleSitemapName is the file name of the n-th article sitemap.
func articleSitemapName(n int) string { return fmt.Sprintf("articles-%d.xml", n) }

// articleSitemapNumber reads n back from a file name articleSitemapName
// wrote; any other spelling ("articles-01.xml", "articles-+1.xml") is no
// sitemap, so one sitemap has one address.
func articleSitemapNumber(file string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(file, "articles-"), ".xml"))
	if err != nil || n < 1 || n > maxArticleSitemaps || articleSitemapName(n) != file {
		return 0, false
	}
	return n, true
}

// sitemapFile serves /sitemaps/sections.xml and /sitemaps/articles-N.xml.
func (s *Site) sitemapFile(w http.ResponseWriter, r *http.Request) error {
	file := r.PathValue("file")
	ed := s.edition(r)
	var urls []feed.SitemapURL
	switch {
	case file == "sections.xml":
		urls = append(urls, feed.SitemapURL{Loc: s.absolute(ed.Home())}, feed.SitemapURL{Loc: s.absolute(ed.Path("/video"))})
		// The sections are all this file lists besides the two above:
		// without them it is an error, not a short file to keep.
		sections, err := s.sections(r.Context(), ed.Lang)
		if err != nil {
			return err
		}
		for _, sec := range sections {
			urls = append(urls, feed.SitemapURL{Loc: s.absolute(ed.Path("/section/" + sec.Slug))})
		}
	case strings.HasPrefix(file, "articles-"):
		n, ok := articleSitemapNumber(file)
		if !ok {
			return fail(http.StatusNotFound, "error.no_sitemap")
		}
		list, err := s.store.SitemapArticles(r.Context(), ed.Lang, feed.MaxSitemapURLs, (n-1)*feed.MaxSitemapURLs)
		if err != nil {
			return err
		}
		if len(list) == 0 && n > 1 {
			return fail(http.StatusNotFound, "error.no_sitemap")
		}
		for _, e := range list {
			urls = append(urls, feed.SitemapURL{Loc: s.absolute(ed.Path(news.ArticlePath(e.ID, e.Slug))), LastMod: e.Updated})
		}
	default:
		return fail(http.StatusNotFound, "error.no_sitemap")
	}
	var buf bytes.Buffer
	if err := feed.WriteSitemap(&buf, urls); err != nil {
		return err
	}
	shared(w, store.PagesFeeds(s.edition(r).Lang))
	return writeXML(w, "application/xml; charset=utf-8", buf.Bytes())
}

// newsWindow is how far back Google News sitemaps reach.
const newsWindow = 48 * time.Hour

// newsSitemap lists an edition's articles published in the last two days for
// Google News, each with the edition's language.
func (s *Site) newsSitemap(w http.ResponseWriter, r *http.Request) error {
	ed := s.edition(r)
	list, err := s.store.NewsSitemapArticles(r.Context(), ed.Lang, s.now().Add(-newsWindow), feed.MaxNewsURLs)
	if err != nil {
		return err
	}
	urls := make([]feed.NewsURL, 0, len(list))
	for _, e := range list {
		urls = append(urls, feed.NewsURL{
			Loc:             s.absolute(ed.Path(news.ArticlePath(e.ID, e.Slug))),
			PublicationName: s.cfg.SiteName, Language: e.Lang, Title: e.Headline,
			Published: e.Published.In(s.cfg.Location),
		})
	}
	var buf bytes.Buffer
	if err := feed.WriteNewsSitemap(&buf, urls); err != nil {
		return err
	}
	shared(w, store.PagesFeeds(s.edition(r).Lang))
	return writeXML(w, "application/xml; charset=utf-8", buf.Bytes())
}

// robots points crawlers at every edition's sitemaps.
func (s *Site) robots(w http.ResponseWriter, r *http.Request) error {
	var b strings.Builder
	b.WriteString("User-agent: *\nDisallow: /newsroom/\nDisallow: /api/\n\n")
	for _, ed := range s.cfg.Editions.All() {
		for _, file := range []string{"/sitemap.xml", "/sitemap-news.xml", "/sitemap-video.xml"} {
			fmt.Fprintf(&b, "Sitemap: %s\n", s.absolute(ed.Path(file)))
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := w.Write([]byte(b.String()))
	return err
}
