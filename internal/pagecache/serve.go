package pagecache

import (
	"net/http"
)

// Serve writes e as the response to r. It replays e.Header, sets Vary:
// Accept-Encoding (added to any Vary of the entry's own), and chooses the
// gzip form when e has one and r's Accept-Encoding prefers it (see
// acceptsGzip). For a 2xx entry it sets the chosen form's ETag and answers a
// matching If-None-Match (a list, weak tags or "*") with 304 Not Modified
// and no body, or 412 for methods other than GET and HEAD. It sets
// Content-Length, and writes no body for HEAD.
//
// Ranges are not served (RFC 9110 lets a server ignore Range), nor is
// If-Modified-Since: every entry has an ETag, and clients send
// If-None-Match with it.
func (e *Entry) Serve(w http.ResponseWriter, r *http.Request) {
	wf := e.wire
	if wf == nil {
		wf = prepare(e) // a hand-built entry: the same values, made per call
	}
	body, etag, length := e.Body, wf.etag, wf.length
	gzipped := e.Gzip != nil && acceptsGzip(r.Header["Accept-Encoding"])
	if gzipped {
		body, etag, length = e.Gzip, wf.gzipETag, wf.gzipLength
	}
	h := w.Header()
	success := e.Status >= 200 && e.Status < 300
	if success && etag != nil {
		if inm, ok := r.Header["If-None-Match"]; ok && noneMatch(inm, etag[0]) {
			for _, f := range wf.notModified {
				h[f.name] = f.values
			}
			h["Etag"] = etag
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				w.WriteHeader(http.StatusNotModified)
			} else {
				w.WriteHeader(http.StatusPreconditionFailed)
			}
			return
		}
		h["Etag"] = etag
	}
	for _, f := range wf.full {
		h[f.name] = f.values
	}
	if gzipped {
		h["Content-Encoding"] = wf.gzip
	}
	if !bodyAllowed(e.Status) {
		w.WriteHeader(e.Status)
		return
	}
	h["Content-Length"] = length
	w.WriteHeader(e.Status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body) // a write error means the client went away
	}
}
