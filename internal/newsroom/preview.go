package newsroom

import (
	"fmt"
	"net/http"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/web"
)

// maxPreview bounds a preview post: the editor's text fields, no files, the
// body URL-encoded (up to three times news.MaxBody for non-Latin text).
const maxPreview = 1 << 20

// preview renders the editor's form the way the public article page will
// show it once saved, for the live preview: the page's own parts
// (ui/templates/partials/story.html) in the edition's language, with the
// body through the same renderer and sanitiser as saves. For an existing
// article (POST /newsroom/articles/{id}/preview) the stored picture and
// dates fill in what the form cannot hold.
func (n *Newsroom) preview(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.WriteArticle, "write articles"); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxPreview)
	if err := r.ParseForm(); err != nil {
		return &web.Error{Status: http.StatusRequestEntityTooLarge, Message: "The preview text is too long."}
	}
	// The body a save would refuse is not rendered either: the renderer's
	// limits (internal/markup) are set for bodies up to news.MaxBody.
	if n := len(strings.ReplaceAll(r.PostForm.Get("body"), "\r\n", "\n")); n > news.MaxBody {
		return &web.Error{Status: http.StatusRequestEntityTooLarge,
			Message: fmt.Sprintf("The body is %d bytes; an article holds at most %d, so it is not previewed.", n, news.MaxBody)}
	}
	var stored news.Article
	if r.PathValue("id") != "" {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		if stored, err = n.store.Article(r.Context(), id); err != nil {
			return err
		}
		// The preview shows the stored picture and corrections: only to
		// those who may open the article.
		me := actor(r)
		if !auth.CanView(me.Role(), me.Account.ID, auth.ArticleRef{OwnerID: stored.OwnerID, Status: stored.Status}) {
			return &web.Error{Status: http.StatusForbidden, Message: "Your role does not allow you to open this article."}
		}
	}
	data, err := n.previewData(r, stored)
	if err != nil {
		return err
	}
	out, err := n.tmpl.Render("preview", data)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(out)
	return err
}
