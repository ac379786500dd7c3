package site

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"dateline/internal/news"
	"dateline/internal/store"
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

// media serves a stored image rendition to readers, only while a published
// story shows the image (an article's lead image, a video story's still):
// ids are sequential, so anything else would let a walk of them list every
// draft's pictures. A missing id, an image no published story shows, an
// unknown variant and a wrong name all get the same 404, and a wrong name is
// never answered with the right one. Staff see drafts' images at the
// newsroom's own address.
func (s *Site) media(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	variant := r.PathValue("variant")
	if !variants[variant] {
		return fail(http.StatusNotFound, "error.no_image")
	}
	ctx := r.Context()
	story, err := s.store.PublishedStoryByMedia(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return fail(http.StatusNotFound, "error.no_image")
	}
	if err != nil {
		return err
	}
	img, f, err := s.store.MediaFile(ctx, id, variant)
	if errors.Is(err, store.ErrNotFound) || (err == nil && r.PathValue("name") != img.Filename+img.Ext) {
		return fail(http.StatusNotFound, "error.no_image")
	}
	if err != nil {
		return err
	}
	// The bytes never change, but whether readers may have them does: the
	// image gets a page's lifetimes, and the tag of the story that shows it,
	// so the purge that drops the story's pages when it is unpublished
	// drops the image from a CDN too. No node keeps it: every request asks
	// the database.
	shared(w, story.PageTag())
	h := w.Header()
	etag := `"` + f.SHA256[:32] + `"`
	h.Set("ETag", etag)
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
