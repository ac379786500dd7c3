package newsroom

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/store"
	"dateline/internal/web"
)

// BansData is the data of the moderators' list of bans.
type BansData struct {
	Frame
	Bans []store.BanEntry
	Q    string
	All  bool      // expired and lifted bans too
	Now  time.Time // for telling bans in force from ended ones
}

// bans lists bans, searchable by email, reason or the commenter's name, so
// a moderator can find one and lift it.
func (n *Newsroom) bans(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ModerateComments, "see bans"); err != nil {
		return err
	}
	data := BansData{Frame: n.frame(r, "Bans", "comments"), Q: strings.TrimSpace(r.URL.Query().Get("q")),
		All: r.URL.Query().Get("all") == "1", Now: n.now()}
	if len(data.Q) > 200 {
		return web.BadRequest("The search is too long.")
	}
	if err := n.offerUndo(r, &data.Frame, ""); err != nil {
		return err
	}
	var err error
	if data.Bans, err = n.store.Bans(r.Context(), data.Q, !data.All); err != nil {
		return err
	}
	return n.page(w, http.StatusOK, "bans", data)
}

// liftBan ends a ban now, undoably for a while; the audit log keeps who
// lifted it.
func (n *Newsroom) liftBan(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ModerateComments, "lift bans"); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	t, err := n.comments.LiftBan(r.Context(), actor(r), id)
	if errors.Is(err, store.ErrNotFound) {
		return web.NotFound("There is no ban in force with that number.")
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/comments/bans?undo="+strconv.FormatInt(t.ID, 10), "ban-lifted")
}
