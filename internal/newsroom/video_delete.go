package newsroom

import (
	"net/http"

	"dateline/internal/desk"
	"dateline/internal/web"
)

// deleteVideo removes a video story that was never published (editors).
func (n *Newsroom) deleteVideo(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	err = n.desk.Videos.Delete(r.Context(), actor(r), id)
	var refused *desk.InputError
	if asErr(err, &refused) {
		return &web.Error{Status: http.StatusConflict, Message: refused.Error()}
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/videos", "video-deleted")
}
