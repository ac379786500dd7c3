package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"dateline/internal/comments"
	"dateline/internal/store"
	"dateline/internal/web"
)

// maxCommentRequest bounds an anonymous comment request; a comment is at
// most 2,000 characters, so 64 KiB is generous.
const maxCommentRequest = 64 << 10

// CommentJSON is an approved comment as readers see it (no email, no visitor).
type CommentJSON struct {
	ID        int64     `json:"id"`
	ParentID  int64     `json:"parent_id,omitempty"`
	Name      string    `json:"name"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

type commentRequest struct {
	Name      string `json:"name"`
	Email     string `json:"email"`
	Body      string `json:"body"`
	ParentID  int64  `json:"parent_id"`
	Lang      string `json:"lang"`
	ArticleID int64  `json:"article_id"`
}

// visitor identifies an anonymous reader: their reader cookie when a browser
// sends one the site signed, else address and browser (comments.Identify).
// The API sets no cookie: the site's forms hand them out before a post.
func (a *API) visitor(r *http.Request) comments.Visitor {
	return a.comments.Identify(r.Header, a.clientIP(r), r.UserAgent())
}

// clientIP is the reader's address, believing X-Forwarded-For only from the
// configured trusted proxies.
func (a *API) clientIP(r *http.Request) string { return web.ClientIP(r, a.cfg.TrustedProxies) }

// limit takes a token from l for the client's address; a refusal is a 429
// whose Retry-After says when the next token comes.
func (a *API) limit(w http.ResponseWriter, r *http.Request, l *web.Limiter) error {
	if !l.Admit(w, a.clientIP(r)) {
		return &web.Error{Status: http.StatusTooManyRequests, Message: "too many requests from your address; wait a minute"}
	}
	return nil
}

// commentError maps the comment service's refusals to API answers.
func commentError(err error) error {
	var input *comments.InputError
	switch {
	case errors.As(err, &input):
		return web.BadRequest(input.Error())
	case errors.Is(err, comments.ErrClosed):
		return &web.Error{Status: http.StatusForbidden, Message: "comments are closed on this article"}
	case errors.Is(err, comments.ErrBanned):
		return &web.Error{Status: http.StatusForbidden, Message: "you can no longer comment on this site"}
	case errors.Is(err, store.ErrNotFound):
		return web.NotFound("no such published article or comment")
	}
	return err
}

// checkComment answers POST /api/v1/comments/check: what the checks would
// say, storing nothing.
func (a *API) checkComment(w http.ResponseWriter, r *http.Request) error {
	if err := a.limit(w, r, a.checkLimiter); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxCommentRequest)
	var req commentRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.ArticleID < 1 {
		return web.BadRequest("article_id must name a published article")
	}
	if req.Name == "" {
		req.Name = "reader" // the check is about the text; the form may not have a name yet
	}
	out, err := a.comments.Check(r.Context(), comments.Submission{ArticleID: req.ArticleID, Name: req.Name,
		Body: req.Body, Visitor: a.visitor(r)})
	if err != nil {
		return commentError(err)
	}
	out.ID = 0
	if out.Status == store.CommentApproved {
		out.Status = store.CommentPending // the check promises nothing; a moderator or the mode decides
	}
	return web.WriteJSON(w, http.StatusOK, out)
}

// postComment answers POST /api/v1/articles/{id}/comments with 202: the
// comment is stored before the answer goes out.
func (a *API) postComment(w http.ResponseWriter, r *http.Request) error {
	id, err := articleID(r)
	if err != nil {
		return err
	}
	if err := a.limit(w, r, a.postLimiter); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxCommentRequest)
	var req commentRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	out, err := a.comments.Post(r.Context(), comments.Submission{ArticleID: id, ParentID: req.ParentID,
		Name: req.Name, Email: req.Email, Body: req.Body, Visitor: a.visitor(r)})
	if err != nil {
		return commentError(err)
	}
	w.Header().Set("Cache-Control", "no-store")
	return web.WriteJSON(w, http.StatusAccepted, out)
}

// listComments answers GET /api/v1/articles/{id}/comments: approved only.
func (a *API) listComments(w http.ResponseWriter, r *http.Request) error {
	id, err := articleID(r)
	if err != nil {
		return err
	}
	if _, err := a.store.PublishedArticle(r.Context(), id); err != nil {
		return commentError(err)
	}
	list, err := a.store.ApprovedComments(r.Context(), id)
	if err != nil {
		return err
	}
	out := struct {
		Items []CommentJSON `json:"items"`
		Total int           `json:"total"`
	}{Items: make([]CommentJSON, 0, len(list)), Total: len(list)}
	for _, c := range list {
		out.Items = append(out.Items, CommentJSON{ID: c.ID, ParentID: c.ParentID, Name: c.Name, Body: c.Body, CreatedAt: c.CreatedAt.UTC()})
	}
	return web.WriteJSON(w, http.StatusOK, out)
}

// flagComment answers POST /api/v1/comments/{id}/flags: 201, or 409 for a
// second flag from the same reader.
func (a *API) flagComment(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return web.BadRequest("comment id must be a positive whole number")
	}
	if err := a.limit(w, r, a.postLimiter); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxCommentRequest)
	var req struct {
		Reason string `json:"reason"`
		Note   string `json:"note"`
	}
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	hidden, err := a.comments.Flag(r.Context(), id, a.visitor(r), req.Reason, req.Note)
	if errors.Is(err, store.ErrConflict) {
		return &web.Error{Status: http.StatusConflict, Message: fmt.Sprintf("you have already flagged comment %d", id)}
	}
	if err != nil {
		return commentError(err)
	}
	return web.WriteJSON(w, http.StatusCreated, map[string]any{"comment_id": id, "hidden": hidden})
}

// formTime answers GET /api/v1/comments/form-time with a fresh signed form
// time. Article pages are cached, so the time in a page's comment form is
// when the page was rendered; the form's script asks for its own.
func (a *API) formTime(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	return web.WriteJSON(w, http.StatusOK, map[string]string{"ts": a.comments.FormTime(time.Now())})
}
