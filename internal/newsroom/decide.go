package newsroom

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/comments"
	"dateline/internal/store"
	"dateline/internal/web"
)

// decision reads a decision ("approve", "reject", "ban") on the comments
// ids from the form.
func decision(r *http.Request, action string, ids []int64) (comments.Decision, error) {
	d := comments.Decision{Action: action, IDs: ids}
	// A reason typed out wins over the menu, whatever it shows.
	d.Reason = strings.TrimSpace(r.PostFormValue("reason_text"))
	if d.Reason == "" && r.PostFormValue("reason") != "other" {
		d.Reason = strings.TrimSpace(r.PostFormValue("reason"))
	}
	switch action {
	case "approve", "reject":
	case "ban":
		var err error
		if r.PostFormValue("ban_for") != "0" {
			d.BanFor, err = time.ParseDuration(r.PostFormValue("ban_for"))
		}
		if err != nil || d.BanFor < 0 {
			return d, web.BadRequest("Choose how long the ban lasts.")
		}
		d.Shared = r.PostFormValue("shared") == "1"
	default:
		return d, web.BadRequest("Unknown decision " + strconv.Quote(action) + ".")
	}
	return d, nil
}

// decideOne answers the buttons on one comment.
func (n *Newsroom) decideOne(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return n.moderate(w, r, r.PathValue("decision"), []int64{id})
}

// decideMany applies one decision to every ticked comment, as a whole: all
// of them or, when one cannot be decided, none.
func (n *Newsroom) decideMany(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return web.BadRequest("The form could not be read.")
	}
	raw := r.PostForm["ids"]
	if len(raw) == 0 || len(raw) > 200 {
		return web.BadRequest("Tick between 1 and 200 comments first.")
	}
	var ids []int64
	for _, v := range raw {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			return web.BadRequest(strconv.Quote(v) + " is not a comment id.")
		}
		ids = append(ids, id)
	}
	action := r.PostFormValue("decision")
	if action == "ban" {
		return web.BadRequest("Ban commenters one at a time, from their comment.")
	}
	return n.moderate(w, r, action, ids)
}

// moderate applies the decision and goes back to the queue, whose notice
// offers to undo it.
func (n *Newsroom) moderate(w http.ResponseWriter, r *http.Request, action string, ids []int64) error {
	d, err := decision(r, action, ids)
	if err != nil {
		return err
	}
	t, err := n.comments.Moderate(r.Context(), actor(r), d)
	if err != nil {
		return commentRefusal(err)
	}
	return redirect(w, r, "/newsroom/comments?tab="+tabOf(r)+"&undo="+strconv.FormatInt(t.ID, 10), "decided")
}

func tabOf(r *http.Request) string {
	switch t := store.CommentStatus(r.PostFormValue("tab")); t {
	case store.CommentPending, store.CommentReported, store.QueueFlagged, store.CommentApproved, store.CommentRejected:
		return string(t)
	}
	return string(store.CommentPending)
}

func commentRefusal(err error) error {
	var input *comments.InputError
	if asErr(err, &input) {
		return web.BadRequest(input.Error())
	}
	if errors.Is(err, comments.ErrSharedBan) {
		return &web.Error{Status: http.StatusConflict, Message: "Not banned: " + err.Error() + "."}
	}
	return err
}
