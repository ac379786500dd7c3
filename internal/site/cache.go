package site

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"dateline/internal/pagecache"
	"dateline/internal/store"
	"dateline/internal/views"
)

// What browsers and CDNs are told about a public page: a short life in the
// browser, longer in a shared cache, which may serve it a little stale
// while it refreshes and much longer if Dateline cannot answer. Purges by
// Surrogate-Key (Fastly) or Cache-Tag (Cloudflare) end it early.
const publicCacheControl = "public, max-age=30, s-maxage=300, stale-while-revalidate=30, stale-if-error=86400"

// pageTTL bounds how long this node keeps a page that no write has changed,
// for what moves with the clock alone: the date in the masthead, the two
// days of the news sitemap.
const pageTTL = 5 * time.Minute

// cacheParams are the query parameters a cached page may depend on; any
// other parameter (utm_source, a cache-buster) is ignored, so made-up query
// strings cannot multiply the cache's entries.
var cacheParams = []string{"comments", "lang", "page", "programme"}

// personalParams make a page personal to one reader: it is never cached.
var personalParams = []string{"comment", "reply", "flagged"}

// cacheKey is the normalised address of a cacheable request, or false for a
// request the cache must not answer.
func cacheKey(r *http.Request) (string, bool) {
	q := r.URL.Query()
	for _, p := range personalParams {
		if q.Has(p) {
			return "", false
		}
	}
	keep := url.Values{}
	for _, p := range cacheParams {
		if v := q.Get(p); v != "" {
			if len(v) > 64 {
				return "", false // no page takes such a value; let the handler refuse it
			}
			keep.Set(p, v)
		}
	}
	key := canonicalPath(r.URL)
	if len(keep) > 0 {
		key += "?" + keep.Encode()
	}
	return key, true
}

// canonicalPath writes u's path one way: each segment decoded and escaped
// again. The router decodes segments before matching, so "/news/1/%61bc"
// is the page "/news/1/abc"; keyed by the path as sent, every spelling of
// one page would be another cache entry. An escaped slash stays escaped,
// so "/a%2Fb" (one segment) and "/a/b" (two) stay apart.
func canonicalPath(u *url.URL) string {
	segs := strings.Split(u.EscapedPath(), "/")
	for i, seg := range segs {
		if raw, err := url.PathUnescape(seg); err == nil {
			segs[i] = url.PathEscape(raw)
		}
	}
	return strings.Join(segs, "/")
}

// cached serves h through the page cache: a hit is the stored bytes (gzip,
// ETag, 304s); a miss renders, answers, and keeps the page if it is
// cacheable and no write it depends on committed while it was rendered.
func (s *Site) cached(h http.Handler) http.Handler {
	if s.cache == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, ok := cacheKey(r)
		if !ok || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			h.ServeHTTP(w, r)
			return
		}
		if e, hit := s.cache.Get(key); hit && s.now().Sub(e.Stored) < pageTTL {
			e.Serve(w, r)
			return
		}
		if r.Method != http.MethodGet {
			h.ServeHTTP(w, r) // a HEAD's empty body is no page to keep
			return
		}
		// Misses of one address at the same moment (a story breaking, a
		// purge under load) render it once: the first request renders into
		// memory and the others wait, then take the page from the cache. The
		// render writes nothing to the network, so a slow reader cannot hold
		// the others up. Waiters find the page only if it was kept and no
		// write has dropped it since, so none is served a page older than a
		// change it came after; a page that could not be kept (an error, a
		// personal answer) each renders itself.
		led := false
		v, _, _ := s.misses.Do(key, func() (any, error) {
			led = true
			return s.render(h, r, key), nil
		})
		if led {
			v.(rendered).writeTo(w, r)
			return
		}
		if e, hit := s.cache.Get(key); hit && s.now().Sub(e.Stored) < pageTTL {
			e.Serve(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// rendered is a page rendered into memory: as an Entry, kept in the cache
// if it could be, or as the handler wrote it when it is not cacheable.
type rendered struct {
	entry  *pagecache.Entry // nil when the response may not be cached
	status int
	header http.Header
	body   []byte
}

// render runs h for r into memory and keeps the page if it may be kept.
func (s *Site) render(h http.Handler, r *http.Request, key string) rendered {
	epoch := s.cache.Epoch()
	rec := pagecache.NewRecorder()
	h.ServeHTTP(rec, r)
	status, header, body := rec.Result()
	if e := s.cache.NewEntry(status, header, body, pagecache.SurrogateTags(header)...); pagecache.Cacheable(e) {
		s.cache.Put(key, e, epoch) // refused if a write it depends on came meanwhile; this reader still gets it
		return rendered{entry: e}
	}
	return rendered{status: status, header: header, body: body}
}

// writeTo answers the reader whose request rendered the page.
func (p rendered) writeTo(w http.ResponseWriter, r *http.Request) {
	if p.entry != nil {
		p.entry.Serve(w, r)
		return
	}
	h := w.Header()
	for k, vs := range p.header {
		h[k] = vs
	}
	w.WriteHeader(p.status)
	w.Write(p.body)
}

// shared marks a response as the same for every reader: CDN lifetimes and
// the tags a purge names. Pages that answer one reader (a comment just
// posted) must not call it.
func shared(w http.ResponseWriter, tags ...string) {
	h := w.Header()
	h.Set("Cache-Control", publicCacheControl)
	h.Set("Surrogate-Key", strings.Join(tags, " "))
	h.Set("Cache-Tag", strings.Join(tags, ","))
}

// PagesChanged drops the cached pages a committed write changed; PagesAll
// drops everything. The store calls it after each commit on this node, and
// the PostgreSQL listener with the changes of every node.
func (s *Site) PagesChanged(tags []string) {
	if s.cache == nil {
		return
	}
	if slices.Contains(tags, store.PagesAll) {
		s.cache.Purge()
		return
	}
	s.cache.Invalidate(tags...)
}

// WatchRankings ranks each edition's Most Viewed lists every interval and
// drops the pages that show them when a list changes, until ctx ends. The
// sidebars of cached pages would otherwise stay as they were when cached.
// looked, if not nil, is called after the first look at every list.
func (s *Site) WatchRankings(ctx context.Context, every time.Duration, looked func()) {
	last := map[string]string{}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		for _, ed := range s.cfg.Editions.All() {
			sig := popularSignature(s.popular(ctx, ed.Lang))
			if old, seen := last[ed.Lang]; seen && old != sig {
				s.PagesChanged([]string{store.PagesPopular(ed.Lang)})
			}
			last[ed.Lang] = sig
		}
		if looked != nil {
			looked()
			looked = nil
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// popularSignature is what a reader sees of the lists: titles and
// addresses, in order.
func popularSignature(p PopularLists) string {
	var b strings.Builder
	for _, list := range [][]views.Item{p.Articles, p.Videos} {
		for _, it := range list {
			b.WriteString(it.Path + "\n" + it.Title + "\n")
		}
		b.WriteByte(0)
	}
	return b.String()
}
