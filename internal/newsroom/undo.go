package newsroom

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"dateline/internal/auth"
	"dateline/internal/comments"
	"dateline/internal/store"
	"dateline/internal/web"
)

// UndoOffer is the Undo button of the notice that confirms a moderation
// decision. The token names the decision and, being a secret only this
// notice carries, is also the form's guard against a forged post.
type UndoOffer struct {
	Token string
	Until string // when the button stops working, on the newsroom's clock
	Tab   string // the queue tab to come back to
	Key   bool   // the page's keyboard shortcuts press the button with u
}

// offerUndo fills the notice for decision ?undo= when it is the member's
// own: what was decided and, while it can still be undone, the button. tab
// is the queue tab the page shows ("" on a page outside the queue, which
// has no keyboard shortcuts).
func (n *Newsroom) offerUndo(r *http.Request, f *Frame, tab string) error {
	id, err := strconv.ParseInt(r.URL.Query().Get("undo"), 10, 64)
	if err != nil || id < 1 {
		return nil
	}
	t, ok, err := n.comments.OwnDecision(r.Context(), actor(r), id)
	if err != nil || !ok {
		return err
	}
	f.Notice = decidedNotice(t)
	if t.Open(n.now()) {
		f.Undo = &UndoOffer{Token: t.Token, Until: t.Expires.In(n.cfg.Location).Format("15:04"), Tab: tab, Key: tab != ""}
	}
	return nil
}

// decidedNotice says what a decision did.
func decidedNotice(t store.UndoTicket) string {
	count := len(t.Comments)
	switch t.Action {
	case "approve", "reject":
		verb := map[string]string{"approve": "Approved", "reject": "Rejected"}[t.Action]
		if count == 1 {
			return fmt.Sprintf("%s comment %d.", verb, t.Comments[0])
		}
		return fmt.Sprintf("%s %d comments.", verb, count)
	case "ban":
		if count == 1 {
			return fmt.Sprintf("Commenter banned, and comment %d rejected.", t.Comments[0])
		}
		return "Commenter banned."
	}
	return notices["ban-lifted"]
}

// undo takes a decision back from its notice's Undo button.
func (n *Newsroom) undo(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ModerateComments, "undo moderation decisions"); err != nil {
		return err
	}
	token := r.PostFormValue("token")
	if token == "" || len(token) > 100 {
		return &web.Error{Status: http.StatusForbidden, Message: "This undo form is not one the newsroom gave you. Use the Undo button of the notice that confirmed your decision."}
	}
	t, err := n.comments.Undo(r.Context(), actor(r), token)
	if err != nil {
		return undoRefusal(err)
	}
	if t.Action == "lift-ban" {
		return redirect(w, r, "/newsroom/comments/bans", "undone")
	}
	return redirect(w, r, "/newsroom/comments?tab="+tabOf(r), "undone")
}

// undoRefusal says why an undo was refused; in every case nothing changed.
func undoRefusal(err error) error {
	var changed *store.ChangedSinceError
	switch {
	case errors.Is(err, store.ErrNotFound):
		return web.NotFound("There is no such decision to undo.")
	case errors.Is(err, comments.ErrNotYours):
		return &web.Error{Status: http.StatusForbidden, Message: "Only the moderator who made a decision can undo it. To change it, decide again from the queue."}
	case errors.Is(err, store.ErrUndoExpired):
		return &web.Error{Status: http.StatusGone, Message: fmt.Sprintf(
			"Too late to undo: a decision can be undone for %d minutes after it is made. Nothing was changed; decide again from the queue instead.",
			int(comments.UndoWindow.Minutes()))}
	case errors.Is(err, store.ErrUndone):
		return &web.Error{Status: http.StatusConflict, Message: "This decision has already been undone."}
	case asErr(err, &changed):
		return &web.Error{Status: http.StatusConflict, Message: "Not undone: " + changed.Error() +
			" (another moderator decided, or readers flagged a comment), and an undo never overwrites a later change. Nothing was changed; see the queue for how things stand now."}
	}
	return err
}
