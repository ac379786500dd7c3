// Package pagecache keeps rendered public pages (HTML, feeds, sitemaps) in
// memory with their gzip form compressed once, and serves them with a strong
// ETag, 304s and content negotiation, so a cached page costs a map lookup and
// a write.
//
// The cache is bounded in bytes and resists floods: a new page enters a small
// probation segment and only moves to the protected segment when it is asked
// for again, so a crawl or an attack of one-off URLs churns probation and
// never evicts the pages readers keep asking for. Pages carry tags (article,
// section, edition); Invalidate removes every page with a tag, and an epoch
// taken before rendering keeps a page rendered from older data from being
// stored after an invalidation that should have removed it.
//
// The usual miss path in a handler:
//
//	if e, ok := cache.Get(key); ok {
//		e.Serve(w, r)
//		return
//	}
//	epoch := cache.Epoch()
//	if e := cache.Record(page, w, r); e != nil {
//		cache.Put(key, e, epoch)
//	}
package pagecache

import (
	"net/http"
	"strings"
	"time"
)

// Entry is one stored response. Build it with Cache.NewEntry or
// Cache.Record, which compute ETag, Gzip and the prepared header values;
// after that, and certainly once it is Put, an Entry is shared by every
// request that serves it and must not be modified.
type Entry struct {
	Status int
	// Header holds the fields to replay, as the handler set them (the caller
	// chooses: Content-Type, Cache-Control, Surrogate-Key, Link, ...). Serve
	// sets ETag, Vary, Content-Length and Content-Encoding itself.
	Header http.Header
	Body   []byte
	// Gzip is Body compressed once when the entry was built; nil when Body
	// is under MinGzipSize, already has a Content-Encoding, or would not
	// shrink.
	Gzip []byte
	// ETag is the strong entity tag of Body, a quoted hash of its bytes, so
	// every node that renders the same bytes agrees on it.
	ETag string
	// GzipETag is the entity tag of the gzip form. Content codings are part
	// of the representation, so the gzip form has its own strong tag
	// (RFC 9110, 8.8.3.3): a cache holding both forms can tell from a 304
	// which one to refresh.
	GzipETag string
	// Tags name what the page shows (an article, a section, an edition);
	// Invalidate removes entries by tag. Set them before Put.
	Tags []string
	// Stored is when the entry was built.
	Stored time.Time

	wire *wire // prepared header values for Serve; nil for hand-built entries
}

// MinGzipSize is the body length below which no gzip form is made: the gzip
// header and trailer alone are 18 bytes, and small bodies fit in one packet
// either way.
const MinGzipSize = 1024

// Cacheable reports whether e may be stored and served to everyone: a 200
// with no Set-Cookie, no Cache-Control private or no-store, no Vary beyond
// Accept-Encoding (the cache key does not vary on anything else), and no
// Content-Encoding of its own. Cache-Control no-cache does not prevent it:
// that directive is for caches downstream, and this cache is kept correct by
// invalidation rather than by revalidation.
func Cacheable(e *Entry) bool {
	return e != nil && cacheableHead(e.Status, e.Header)
}

// cacheableHead is Cacheable on the status and header alone, so a Recorder
// can decide before the body is written.
func cacheableHead(status int, h http.Header) bool {
	if status != http.StatusOK {
		return false
	}
	if _, ok := h["Set-Cookie"]; ok {
		return false
	}
	for _, ce := range h["Content-Encoding"] {
		if ce = strings.TrimSpace(ce); ce != "" && !strings.EqualFold(ce, "identity") {
			return false
		}
	}
	for _, v := range h["Cache-Control"] {
		for d := range strings.SplitSeq(v, ",") {
			name, _, _ := strings.Cut(d, "=")
			name = strings.TrimSpace(name)
			if strings.EqualFold(name, "private") || strings.EqualFold(name, "no-store") {
				return false
			}
		}
	}
	for _, v := range h["Vary"] {
		for f := range strings.SplitSeq(v, ",") {
			if f = strings.TrimSpace(f); f != "" && !strings.EqualFold(f, "Accept-Encoding") {
				return false
			}
		}
	}
	return true
}
