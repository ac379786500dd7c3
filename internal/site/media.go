package site

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"

	"dateline/internal/news"
	"dateline/internal/web"
)

// mediaPath is the stable address of a stored image. The file name is part
// of the address for people and crawlers; the id alone finds the file.
func mediaPath(img *news.Image) string {
	if img == nil {
		return ""
	}
	return fmt.Sprintf("/media/%d/%s", img.ID, url.PathEscape(img.Filename))
}

// media serves a stored image. The bytes behind an id never change, so they
// may be cached for a year.
func (s *Site) media(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	m, err := s.store.Media(r.Context(), id)
	if err != nil {
		return err
	}
	if r.PathValue("name") != m.Filename {
		http.Redirect(w, r, mediaPath(&m.Image), http.StatusMovedPermanently)
		return nil
	}
	etag := `"` + m.SHA256[:32] + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Content-Type", m.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Length", strconv.Itoa(len(m.Bytes)))
	_, err = w.Write(m.Bytes)
	return err
}

// healthz answers 200 while the database answers, 503 otherwise.
func (s *Site) healthz(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if err := s.store.Ping(r.Context()); err != nil {
		slog.WarnContext(r.Context(), "health check: database not answering", "err", err)
		return web.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "not answering"})
	}
	return web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": string(s.store.Dialect())})
}

// static serves the embedded, content-hashed assets.
func (s *Site) static(w http.ResponseWriter, r *http.Request) error {
	if !s.assets.Serve(w, r) {
		return web.NotFound("There is no such file.")
	}
	return nil
}
