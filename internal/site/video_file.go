package site

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"dateline/internal/store"
)

// videoFile serves an uploaded MP4 with range requests, so players can seek
// and phones can fetch it piece by piece. Only a file that a published video
// story shows is served; the name in the address must be the stored one,
// else the reader is sent there, so the name never reaches the file system.
func (s *Site) videoFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	f, err := s.store.VideoFileByID(ctx, id)
	var story int64
	if err == nil {
		story, err = s.store.PublishedVideoByFile(ctx, id)
	}
	if errors.Is(err, store.ErrNotFound) {
		return fail(http.StatusNotFound, "error.no_video")
	}
	if err != nil {
		return err
	}
	if r.PathValue("name") != f.Filename {
		http.Redirect(w, r, videoFilePath(f), http.StatusMovedPermanently)
		return nil
	}
	rc, err := s.store.OpenVideoFile(ctx, f)
	if err != nil {
		return fmt.Errorf("open video file %d: %w", f.ID, err)
	}
	defer rc.Close()
	h := w.Header()
	h.Set("Content-Type", "video/mp4")
	h.Set("Accept-Ranges", "bytes")
	// The bytes behind an address never change (a new upload is a new id),
	// but whether readers may have them does: the file gets a page's
	// lifetimes and its story's tag, so the purge that drops an unpublished
	// story's pages drops the file from a CDN too. The ETag keeps the
	// revalidations cheap.
	shared(w, store.PagesVideo(story))
	h.Set("ETag", `"`+f.SHA256+`"`)
	// Served as video only; the sandbox keeps a file that is not what it
	// claims from ever running script on our origin.
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	// ServeContent answers Range (206, 416), If-Range and If-None-Match.
	http.ServeContent(w, r, "", f.Created, rc)
	return nil
}

// videoFilePath is the address of an uploaded video file.
func videoFilePath(f store.VideoFile) string {
	return fmt.Sprintf("/media/video/%d/%s", f.ID, url.PathEscape(f.Filename))
}
