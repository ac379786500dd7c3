package site

import (
	"log/slog"
	"net/http"
	"strconv"

	"dateline/internal/news"
	"dateline/internal/web"
)

// The renditions of an image the site serves.
var variants = map[string]bool{"page": true, "card": true, "thumb": true}

// mediaPath is the stable address of an image rendition. The file name is
// part of the address for people and crawlers; the id and variant find it.
func mediaPath(img *news.Image, variant string) string {
	if img == nil {
		return ""
	}
	return img.Path(variant)
}

// media serves a stored image rendition. The bytes behind an address never
// change, so they may be cached for a year.
func (s *Site) media(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	variant := r.PathValue("variant")
	if !variants[variant] {
		return fail(http.StatusNotFound, "error.no_image")
	}
	img, f, err := s.store.MediaFile(r.Context(), id, variant)
	if err != nil {
		return err
	}
	if r.PathValue("name") != img.Filename+img.Ext {
		http.Redirect(w, r, mediaPath(&img, variant), http.StatusMovedPermanently)
		return nil
	}
	etag := `"` + f.SHA256[:32] + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Content-Type", f.ContentType)
	// Only renditions made by internal/imaging (JPEG, PNG) are stored; the
	// sandbox makes sure nothing served here can ever run script.
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Length", strconv.Itoa(len(f.Bytes)))
	_, err = w.Write(f.Bytes)
	return err
}

// healthz answers 200 while the database answers, 503 otherwise.
func (s *Site) healthz(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if err := s.store.Ping(r.Context()); err != nil {
		slog.WarnContext(r.Context(), "health check: database not answering", "err", err)
		h.Set("Retry-After", web.RetryAfter)
		return web.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "not answering"})
	}
	return web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": string(s.store.Dialect())})
}

// static serves the embedded, content-hashed assets.
func (s *Site) static(w http.ResponseWriter, r *http.Request) error {
	if !s.assets.Serve(w, r) {
		return fail(http.StatusNotFound, "error.no_file")
	}
	return nil
}
