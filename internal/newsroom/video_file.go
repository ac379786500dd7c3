package newsroom

import (
	"fmt"
	"net/http"

	"dateline/internal/auth"
	"dateline/internal/web"
)

// videoFile serves a video story's uploaded file to the staff who may open
// the story, whatever its status, for the editor's preview: the public
// address serves only files that published stories show.
func (n *Newsroom) videoFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := n.store.Video(r.Context(), id)
	if err != nil {
		return err
	}
	me := actor(r)
	if !auth.CanView(me.Role(), me.Account.ID, auth.ArticleRef{OwnerID: v.OwnerID, Status: v.Status}) {
		return &web.Error{Status: http.StatusForbidden, Message: "Your role does not allow you to open this video story."}
	}
	if v.FileID == 0 {
		return web.NotFound("This video story plays from a link, not an uploaded file.")
	}
	f, err := n.store.VideoFileByID(r.Context(), v.FileID)
	if err != nil {
		return err
	}
	rc, err := n.store.OpenVideoFile(r.Context(), f)
	if err != nil {
		return fmt.Errorf("open video file %d: %w", f.ID, err)
	}
	defer rc.Close()
	h := w.Header()
	h.Set("Content-Type", "video/mp4")
	h.Set("Accept-Ranges", "bytes")
	// Served as video only, never as a document that could run script here.
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	http.ServeContent(w, r, "", f.Created, rc)
	return nil
}
