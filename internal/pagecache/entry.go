package pagecache

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// NewEntry builds an Entry from a rendered response: it hashes body into
// ETag, compresses it once into Gzip (see Options.GzipLevel), and prepares
// the header values Serve writes, so serving allocates nothing per entry.
//
// header is copied, less the fields Serve owns (Content-Length, ETag) and
// those that belong to one connection or one moment (Date, Connection,
// Transfer-Encoding, Keep-Alive). With no Content-Type, one is sniffed from
// body as net/http would, because net/http cannot sniff a gzip body. NewEntry
// keeps body; if body has much spare capacity it is copied, so the cache's
// byte count stays true to the memory held.
func (c *Cache) NewEntry(status int, header http.Header, body []byte, tags ...string) *Entry {
	h := make(http.Header, len(header)+1)
	for k, vs := range header {
		switch http.CanonicalHeaderKey(k) {
		case "Content-Length", "Etag", "Date", "Connection", "Transfer-Encoding", "Keep-Alive":
			continue
		}
		h[k] = slices.Clip(slices.Clone(vs))
	}
	if _, ok := header["Content-Type"]; !ok && len(body) > 0 && bodyAllowed(status) {
		h["Content-Type"] = []string{http.DetectContentType(body)}
	}
	if cap(body)-len(body) > len(body)/8 {
		body = bytes.Clone(body)
	}
	e := &Entry{
		Status: status,
		Header: h,
		Body:   body,
		ETag:   etagOf(body),
		Tags:   tags,
		Stored: time.Now(),
	}
	if len(body) >= MinGzipSize && !hasContentEncoding(h) {
		e.Gzip = c.gz.compress(body)
	}
	if e.Gzip != nil {
		e.GzipETag = gzipETag(e.ETag)
	}
	e.wire = prepare(e)
	return e
}

// etagOf is the first 128 bits of the SHA-256 of body, base64url, quoted:
// plenty against accidental collision, stable across nodes and restarts.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	var b [2 + 22]byte
	b[0] = '"'
	base64.RawURLEncoding.Encode(b[1:23], sum[:16])
	b[23] = '"'
	return string(b[:])
}

// gzipETag derives the gzip form's tag from the identity tag, as in the
// RFC 9110 example ("xyzzy" and "xyzzy-gzip").
func gzipETag(etag string) string {
	if etag == "" {
		return ""
	}
	return strings.TrimSuffix(etag, `"`) + `-gzip"`
}

func hasContentEncoding(h http.Header) bool {
	for _, v := range h["Content-Encoding"] {
		if v = strings.TrimSpace(v); v != "" && !strings.EqualFold(v, "identity") {
			return true
		}
	}
	return false
}

// bodyAllowed reports whether a response with this status may have a body.
func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}

// field is one prepared header field.
type field struct {
	name   string
	values []string
}

// wire is what Serve writes besides the body, built once per entry. Serve
// assigns these slices into the response's header map rather than copying
// them; net/http only reads them, and they are clipped so an append by a
// middleware copies rather than writing into the entry.
type wire struct {
	full        []field // replayed on 200s: the caller's fields plus Vary
	notModified []field // replayed on 304s: without Content-Type and the like
	etag        []string
	gzipETag    []string
	length      []string
	gzipLength  []string
	gzip        []string // the Content-Encoding value
}

func prepare(e *Entry) *wire {
	w := &wire{
		length: []string{strconv.Itoa(len(e.Body))},
		gzip:   []string{"gzip"},
	}
	if e.ETag != "" {
		w.etag = []string{e.ETag}
	}
	if e.Gzip != nil {
		w.gzipLength = []string{strconv.Itoa(len(e.Gzip))}
		if tag := e.GzipETag; tag != "" || e.ETag != "" {
			if tag == "" {
				tag = gzipETag(e.ETag)
			}
			w.gzipETag = []string{tag}
		}
	}
	vary := []string{"Accept-Encoding"}
	for k, vs := range e.Header {
		name := http.CanonicalHeaderKey(k)
		switch name {
		case "Vary":
			vary = mergeVary(vs)
			continue
		case "Content-Length", "Etag":
			continue // Serve sets these per representation
		}
		f := field{name: k, values: slices.Clip(vs)}
		w.full = append(w.full, f)
		// A 304 carries what guides caches, not the representation's
		// metadata (RFC 9110, 15.4.5); this follows net/http's choice.
		switch name {
		case "Content-Type", "Content-Encoding", "Last-Modified":
			continue
		}
		w.notModified = append(w.notModified, f)
	}
	w.full = append(w.full, field{"Vary", vary})
	w.notModified = append(w.notModified, field{"Vary", vary})
	return w
}

// mergeVary keeps the caller's Vary fields and adds Accept-Encoding, which
// Serve's negotiation varies on.
func mergeVary(vs []string) []string {
	for _, v := range vs {
		for f := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), "Accept-Encoding") {
				return slices.Clip(slices.Clone(vs))
			}
		}
	}
	return append(slices.Clone(vs), "Accept-Encoding")
}

// compressor compresses bodies with reused gzip writers. A writer carries
// about 800 KB of state and costs about 150 µs to make, more than the
// compression of a typical article page, so a few are kept: a buffered
// channel rather than a sync.Pool, because a pool is emptied by every
// garbage collection, which a cache holding hundreds of megabytes triggers
// often.
type compressor struct {
	level int
	free  chan *gzipBuf
}

type gzipBuf struct {
	w   *gzip.Writer
	buf bytes.Buffer
}

func newCompressor(level, keep int) *compressor {
	return &compressor{level: level, free: make(chan *gzipBuf, keep)}
}

// compress returns body gzipped, or nil if that does not make it smaller.
func (c *compressor) compress(body []byte) []byte {
	var z *gzipBuf
	select {
	case z = <-c.free:
		z.buf.Reset()
		z.w.Reset(&z.buf)
	default:
		z = &gzipBuf{}
		z.buf.Grow(len(body) / 2)
		// The level was checked in NewWithOptions.
		z.w, _ = gzip.NewWriterLevel(&z.buf, c.level)
	}
	_, err := z.w.Write(body)
	if err == nil {
		err = z.w.Close()
	}
	var out []byte
	if err == nil && z.buf.Len() < len(body) {
		out = bytes.Clone(z.buf.Bytes())
	}
	if z.buf.Cap() > 4<<20 {
		// Do not keep a buffer grown by one unusually large page.
		z.buf = bytes.Buffer{}
	}
	select {
	case c.free <- z:
	default:
	}
	return out
}
