package pagecache

import (
	"bytes"
	"net/http"
	"strings"
)

// Recorder is an http.ResponseWriter that keeps the status, header and body
// a handler writes, for the caller to build an Entry from (Result, then
// Cache.NewEntry). Like net/http, it takes the header as it stands at
// WriteHeader (or the first Write), and ignores informational (1xx) statuses.
//
// The Recorder used by Cache.Record also passes the response straight
// through to the client as soon as it proves uncacheable, so a private or
// oversized response is neither buffered nor delayed.
type Recorder struct {
	header http.Header
	sent   http.Header // header at WriteHeader
	status int
	body   bytes.Buffer

	// For Cache.Record: the client's writer, and the body size past which
	// the response cannot be cached and goes straight through.
	client  http.ResponseWriter
	limit   int64
	passing bool
}

// NewRecorder returns an empty Recorder.
func NewRecorder() *Recorder {
	return &Recorder{header: http.Header{}}
}

// Header returns the header map the handler sets before WriteHeader.
func (rec *Recorder) Header() http.Header {
	return rec.header
}

// WriteHeader records the status and the header as it stands now. Later
// calls are ignored, as net/http ignores them.
func (rec *Recorder) WriteHeader(status int) {
	if rec.status != 0 || (status >= 100 && status < 200) {
		return
	}
	rec.status = status
	rec.sent = rec.header.Clone()
	if rec.client != nil && !cacheableHead(status, rec.sent) {
		rec.passThrough()
	}
}

// Write records body bytes, writing the header first if need be.
func (rec *Recorder) Write(p []byte) (int, error) {
	if rec.status == 0 {
		rec.WriteHeader(http.StatusOK)
	}
	if !bodyAllowed(rec.status) {
		return 0, http.ErrBodyNotAllowed
	}
	if !rec.passing && rec.client != nil && int64(rec.body.Len()+len(p)) > rec.limit {
		rec.passThrough()
	}
	if rec.passing {
		return rec.client.Write(p)
	}
	return rec.body.Write(p)
}

// WriteString is Write for strings, which io.WriteString uses; it saves a
// copy while the body is being recorded.
func (rec *Recorder) WriteString(s string) (int, error) {
	if rec.status == 0 {
		rec.WriteHeader(http.StatusOK)
	}
	if rec.passing || !bodyAllowed(rec.status) || (rec.client != nil && int64(rec.body.Len()+len(s)) > rec.limit) {
		return rec.Write([]byte(s))
	}
	return rec.body.WriteString(s)
}

// Flush passes a handler's flush on once the response is going straight
// through; while it is being recorded there is nothing to flush.
func (rec *Recorder) Flush() {
	if rec.passing {
		_ = http.NewResponseController(rec.client).Flush() // not every writer flushes
	}
}

// Result returns what the handler wrote: status (200 if it wrote nothing),
// the header as sent, and the body, which the Recorder no longer uses.
func (rec *Recorder) Result() (status int, header http.Header, body []byte) {
	status, header = rec.status, rec.sent
	if status == 0 {
		status, header = http.StatusOK, rec.header.Clone()
	}
	return status, header, rec.body.Bytes()
}

// passThrough sends the recorded header and body to the client and makes
// later writes go straight there.
func (rec *Recorder) passThrough() {
	rec.passing = true
	h := rec.client.Header()
	for k, vs := range rec.sent {
		h[k] = vs
	}
	rec.client.WriteHeader(rec.status)
	if rec.body.Len() > 0 {
		_, _ = rec.client.Write(rec.body.Bytes()) // the handler's next write sees any error
	}
	rec.body = bytes.Buffer{}
}

// Record runs h for r and answers the client. If the response is cacheable
// (Cacheable: a 200 without cookies, private or no-store; and no larger than
// an entry may be), Record builds an Entry, serves it with Serve, so the
// first reader already gets gzip and the ETag, and returns it for the caller
// to Put. Otherwise the response goes to w as the handler wrote it and Record
// returns nil. Only GET is recorded: a HEAD's empty body must not be stored
// as the page, so HEAD and other methods go straight to h.
//
// The entry's Tags are the fields of the response's Surrogate-Key header, by
// which the page already names what it shows for a CDN; the caller may set
// others before Put.
func (c *Cache) Record(h http.Handler, w http.ResponseWriter, r *http.Request) *Entry {
	if r.Method != http.MethodGet {
		h.ServeHTTP(w, r)
		return nil
	}
	rec := &Recorder{header: http.Header{}, client: w, limit: c.maxEntry}
	h.ServeHTTP(rec, r)
	if rec.passing {
		return nil
	}
	status, header, body := rec.Result()
	if rec.status == 0 && !cacheableHead(status, header) {
		// The handler wrote nothing at all, so nothing has been decided yet.
		rec.status, rec.sent = status, header
		rec.passThrough()
		return nil
	}
	e := c.NewEntry(status, header, body, SurrogateTags(header)...)
	e.Serve(w, r)
	return e
}

// SurrogateTags are the fields of a response's Surrogate-Key header: the
// tags by which the page names what it shows, for a CDN and for this cache.
func SurrogateTags(header http.Header) []string {
	var tags []string
	for _, v := range header["Surrogate-Key"] {
		tags = append(tags, strings.Fields(v)...)
	}
	return tags
}
