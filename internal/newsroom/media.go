package newsroom

import (
	"errors"
	"net/http"
	"strconv"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/web"
)

// noImage is the one answer to every image a member may not have: no such
// id, a wrong name, or an image only stories they cannot open use.
var noImage = web.NotFound("There is no such image in the newsroom.")

// mediaPath is the newsroom's address of an image rendition: the public
// address serves only images that published stories show, and the editor
// and the video desk show drafts' images too.
func mediaPath(img *news.Image, variant string) string {
	if img == nil {
		return ""
	}
	return "/newsroom" + img.Path(variant)
}

// media serves an image rendition to a member who may open a story that
// uses it (or any member, while a published story shows it), whatever the
// stories' status, and a kept image (see KeptImage) to its uploader. The
// answer is personal: no shared cache may keep it.
func (n *Newsroom) media(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	variant := r.PathValue("variant")
	if variant != "page" && variant != "card" && variant != "thumb" {
		return noImage
	}
	ctx := r.Context()
	stories, err := n.store.StoriesByMedia(ctx, id)
	if err != nil {
		return err
	}
	me := actor(r)
	allowed := false
	for _, s := range stories {
		ref := auth.ArticleRef{OwnerID: s.OwnerID, Status: s.Status}
		if s.Status == news.StatusPublished || auth.CanView(me.Role(), me.Account.ID, ref) {
			allowed = true
			break
		}
	}
	if !allowed {
		// A picture kept from a save that lost a race is attached to no
		// story yet; its uploader sees it through its signature.
		if allowed, err = n.keptValid(ctx, me.Account.ID, id, r.URL.Query().Get("kept")); err != nil {
			return err
		}
	}
	if !allowed {
		return noImage
	}
	img, f, err := n.store.MediaFile(ctx, id, variant)
	if errors.Is(err, store.ErrNotFound) || (err == nil && r.PathValue("name") != img.Filename+img.Ext) {
		return noImage
	}
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Content-Length", strconv.Itoa(len(f.Bytes)))
	_, err = w.Write(f.Bytes)
	return err
}
