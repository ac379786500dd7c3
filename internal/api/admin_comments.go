package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"dateline/internal/auth"
	"dateline/internal/moderation"
	"dateline/internal/store"
	"dateline/internal/web"
)

// AdminComment is a comment as moderators see it.
type AdminComment struct {
	CommentJSON
	ArticleID int64                `json:"article_id"`
	Email     string               `json:"email"`
	Status    store.CommentStatus  `json:"status"`
	Findings  []moderation.Finding `json:"findings"`
	Reason    string               `json:"reason"`
	Flags     int                  `json:"flags"`
}

func adminComment(c store.Comment) AdminComment {
	out := AdminComment{CommentJSON: CommentJSON{ID: c.ID, ParentID: c.ParentID, Name: c.Name, Body: c.Body, CreatedAt: c.CreatedAt.UTC()},
		ArticleID: c.ArticleID, Email: c.Email, Status: c.Status, Reason: c.Reason, Flags: c.Flags, Findings: []moderation.Finding{}}
	json.Unmarshal([]byte(c.Findings), &out.Findings)
	return out
}

// listAdminComments answers GET /api/v1/admin/comments?status=&page=.
func (a *API) listAdminComments(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	if err := requireModerator(actor); err != nil {
		return err
	}
	status, ok := store.CommentPending, true
	if s := r.URL.Query().Get("status"); s != "" {
		status, ok = store.ParseCommentStatus(s)
	}
	if !ok {
		return web.BadRequest("status must be pending, reported, approved or rejected")
	}
	page, err := intParam(r.URL.Query().Get("page"), 1, 1, 100_000, "page")
	if err != nil {
		return err
	}
	items, total, err := a.store.CommentQueue(r.Context(), status, 50, (page-1)*50)
	if err != nil {
		return err
	}
	out := struct {
		Items []AdminComment `json:"items"`
		Page  int            `json:"page"`
		Total int            `json:"total"`
	}{Items: make([]AdminComment, 0, len(items)), Page: page, Total: total}
	for _, it := range items {
		out.Items = append(out.Items, adminComment(it.Comment))
	}
	return web.WriteJSON(w, http.StatusOK, out)
}

// decideAdminComment answers POST /api/v1/admin/comments/{id}/approve|reject.
func (a *API) decideAdminComment(approve bool) adminFunc {
	return func(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id < 1 {
			return web.BadRequest("comment id must be a positive whole number")
		}
		var req struct {
			Reason string `json:"reason"`
		}
		if r.ContentLength != 0 {
			if err := decodeJSON(w, r, &req); err != nil {
				return err
			}
		}
		if err := a.comments.Decide(r.Context(), actor, id, approve, req.Reason); err != nil {
			if isNotFound(err) {
				return web.NotFound("no comment with id " + r.PathValue("id"))
			}
			return commentError(answer(w, r, err))
		}
		c, err := a.store.CommentByID(r.Context(), id)
		if err != nil {
			return err
		}
		return web.WriteJSON(w, http.StatusOK, adminComment(c))
	}
}

func requireModerator(actor auth.Actor) error {
	if !actor.Account.Active || !canModerate(actor) {
		return &web.Error{Status: http.StatusForbidden, Message: "Your role does not allow you to moderate comments."}
	}
	return nil
}

func canModerate(actor auth.Actor) bool { return auth.Can(actor.Role(), auth.ModerateComments) }

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
