package comments

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/store"
)

// UndoWindow is how long a moderator's decision in the newsroom can be
// undone from the notice that confirms it. Ten minutes covers the mistakes
// an undo is for (a wrong key, the wrong comment ticked, a second thought
// on reading the notice) even when the moderator is called away for a few
// minutes, while keeping short the time in which a comment readers have
// already seen may vanish again, or a ban may fall away, without anyone
// deciding afresh. After that a change of mind is a new decision.
const UndoWindow = 10 * time.Minute

// ErrNotYours refuses to undo another staff member's decision: the notice
// and its undo belong to the moderator who decided. Anyone who may moderate
// can still decide again, and that is audited as their own decision.
var ErrNotYours = errors.New("only the moderator who made a decision can undo it")

// Decide approves or rejects a comment for a moderator (the admin API: no
// notice, so nothing is kept for undoing).
func (s *Service) Decide(ctx context.Context, actor auth.Actor, id int64, approve bool, reason string) error {
	if !mayModerate(actor) {
		return &auth.Forbidden{What: "moderate comments"}
	}
	status, action := store.CommentApproved, "approve"
	if !approve {
		status, action = store.CommentRejected, "reject"
		if strings.TrimSpace(reason) == "" {
			return &InputError{Problems: []string{"Give a reason for rejecting the comment."}}
		}
	}
	return s.store.DecideComment(ctx, id, Deciding(status, strings.TrimSpace(reason)), actor.Change(action, reason))
}

func mayModerate(actor auth.Actor) bool {
	return actor.Account.Active && auth.Can(actor.Role(), auth.ModerateComments)
}

// Decision is what a moderator decided in the newsroom's queue.
type Decision struct {
	Action string  // "approve", "reject" or "ban"
	IDs    []int64 // the comments; a ban takes exactly one, whose author it bans
	Reason string
	BanFor time.Duration // ban: how long (zero: for good)
	// Shared: ban the author's browser even when it is known only by
	// address and browser, which other readers may share (ErrSharedBan).
	Shared bool
}

// ErrSharedBan refuses a ban that would stop a browser other readers may
// share when the moderator has not said they mean it.
var ErrSharedBan = errors.New("this commenter had no reader cookie: they are known only by their address and browser, which other readers may share (on a mobile network, many readers with the same phone browser). Tick \"also ban the address and browser\" to ban them anyway, knowing it may stop those readers too")

// Moderate applies a decision to every comment at once, or to none, and
// returns what the confirming notice offers to undo for UndoWindow. A ban
// stops the comment's author (by email and their browser) and rejects the
// comment if it is waiting. When the author is known only by address and
// browser (store.Comment.SharedIdentity), that browser is banned only if
// d.Shared says the moderator accepted catching everyone sharing it;
// otherwise the ban is by email alone, or ErrSharedBan when there is none.
func (s *Service) Moderate(ctx context.Context, actor auth.Actor, d Decision) (store.UndoTicket, error) {
	if !mayModerate(actor) {
		return store.UndoTicket{}, &auth.Forbidden{What: "moderate comments"}
	}
	if len(d.IDs) == 0 {
		return store.UndoTicket{}, &InputError{Problems: []string{"Choose the comments to decide on."}}
	}
	reason := strings.TrimSpace(d.Reason)
	m := store.Moderation{Action: d.Action, IDs: d.IDs, Window: UndoWindow}
	switch d.Action {
	case "approve":
		reason = ""
		m.Decide = Deciding(store.CommentApproved, reason)
	case "reject":
		if reason == "" {
			return store.UndoTicket{}, &InputError{Problems: []string{"Give a reason for rejecting the comment."}}
		}
		m.Decide = Deciding(store.CommentRejected, reason)
	case "ban":
		if len(d.IDs) != 1 {
			return store.UndoTicket{}, &InputError{Problems: []string{"Ban the author of one comment at a time."}}
		}
		c, err := s.store.CommentByID(ctx, d.IDs[0])
		if err != nil {
			return store.UndoTicket{}, err
		}
		if reason == "" {
			reason = "banned by a moderator"
		}
		var until time.Time
		length := "for good"
		if d.BanFor > 0 {
			until, length = s.now().Add(d.BanFor), "for "+banLength(d.BanFor)
		}
		visitor, whom := c.Visitor, "author of comment "+strconv.FormatInt(c.ID, 10)
		if c.SharedIdentity() {
			switch {
			case d.Shared:
				whom += " (by address and browser, which other readers may share)"
			case c.Email == "":
				return store.UndoTicket{}, ErrSharedBan
			default:
				visitor, whom = "", whom+" (by email only: the browser was known only by address)"
			}
		}
		m.Decide = rejectingWaiting(reason)
		m.Ban = &store.BanOrder{Email: c.Email, Visitor: visitor, VisitorKind: c.VisitorKind, Address: c.Address, Reason: reason, Expires: until,
			Change: actor.Change("ban", fmt.Sprintf("%s, %s: %s", whom, length, reason))}
		return s.store.Moderate(ctx, m, actor.Change("reject", reason))
	default:
		return store.UndoTicket{}, &InputError{Problems: []string{"Unknown decision " + strconv.Quote(d.Action) + "."}}
	}
	return s.store.Moderate(ctx, m, actor.Change(d.Action, reason))
}

// banLength says a ban's duration in days or hours, as the audit log reads.
func banLength(d time.Duration) string {
	days := int(d / (24 * time.Hour))
	switch {
	case d%(24*time.Hour) != 0:
		return d.Round(time.Minute).String()
	case days == 1:
		return "1 day"
	}
	return strconv.Itoa(days) + " days"
}

// LiftBan ends a ban in force now, undoably for UndoWindow.
func (s *Service) LiftBan(ctx context.Context, actor auth.Actor, id int64) (store.UndoTicket, error) {
	if !mayModerate(actor) {
		return store.UndoTicket{}, &auth.Forbidden{What: "lift bans"}
	}
	return s.store.LiftBan(ctx, id, actor.Change("lift-ban", ""), UndoWindow)
}

// OwnDecision returns decision id, for its notice, if it is the actor's
// own; ok is false otherwise.
func (s *Service) OwnDecision(ctx context.Context, actor auth.Actor, id int64) (t store.UndoTicket, ok bool, err error) {
	if !mayModerate(actor) {
		return t, false, nil
	}
	t, err = s.store.UndoTicketByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return t, false, nil
	}
	return t, err == nil && t.StaffID == actor.Account.ID, err
}

// Undo takes back the decision whose notice carried token, for the
// moderator who made it, within UndoWindow and only if nothing it changed
// has changed since (see store.Undo for the errors).
func (s *Service) Undo(ctx context.Context, actor auth.Actor, token string) (store.UndoTicket, error) {
	if !mayModerate(actor) {
		return store.UndoTicket{}, &auth.Forbidden{What: "undo moderation decisions"}
	}
	t, err := s.store.UndoTicketByToken(ctx, token)
	if err != nil {
		return t, err
	}
	if t.StaffID != actor.Account.ID {
		return t, ErrNotYours
	}
	return s.store.Undo(ctx, t.ID, actor.Change("undo", ""))
}
