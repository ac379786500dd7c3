package store

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Moderation is a moderator's decision on one or more comments, as Moderate
// applies it.
type Moderation struct {
	Action string  // "approve", "reject" or "ban": what the notice and the undo call it
	IDs    []int64 // the comments decided on
	// Decide gives each comment's transition from the status it has in
	// the transaction (Transition.Leave: not this one).
	Decide DecideRule
	Ban    *BanOrder     // a ban stored with the decision, if any
	Window time.Duration // how long the decision can be undone
}

// UndoTicket is a decision that can be undone for a while: what the notice
// confirming it offers to take back.
type UndoTicket struct {
	ID       int64
	Token    string // the secret the notice's form carries
	StaffID  int64  // who decided; only they may undo it
	Action   string // "approve", "reject", "ban" or "lift-ban"
	Comments []int64
	BanID    int64
	Created  time.Time
	Expires  time.Time
	Undone   time.Time // zero while not undone
}

// Open reports whether the decision can still be undone at now.
func (t UndoTicket) Open(now time.Time) bool { return t.Undone.IsZero() && now.Before(t.Expires) }

// Errors of Undo.
var (
	ErrUndoExpired = errors.New("the time to undo this decision has passed")
	ErrUndone      = errors.New("this decision has already been undone")
)

// ChangedSinceError refuses an undo because a comment or the ban is no
// longer as the decision left it: someone decided again, readers flagged
// the comment, or the ban was lifted. It is an ErrConflict.
type ChangedSinceError struct {
	Comments []int64
	Ban      int64
}

func (e *ChangedSinceError) Error() string {
	var parts []string
	for _, id := range e.Comments {
		parts = append(parts, "comment "+strconv.FormatInt(id, 10))
	}
	if e.Ban != 0 {
		parts = append(parts, "ban "+strconv.FormatInt(e.Ban, 10))
	}
	if len(parts) == 0 {
		return "a comment changed since the decision"
	}
	return strings.Join(parts, ", ") + " changed since the decision"
}

// Is makes a ChangedSinceError an ErrConflict.
func (e *ChangedSinceError) Is(target error) bool { return target == ErrConflict }

// undoKept is how long past its window a decision is kept: long enough to
// tell a late click that it is too late.
const undoKept = 24 * time.Hour

// Moderate applies a decision, and the ban that goes with it, in one
// transaction, keeping what it changes so that Undo can take it back within
// m.Window. ch names who decides and is the audit entry of each comment;
// the ban has its own. A comment that does not exist fails the whole
// decision with ErrNotFound.
func (s *Store) Moderate(ctx context.Context, m Moderation, ch Change) (UndoTicket, error) {
	if ch.StaffID == 0 {
		return UndoTicket{}, errors.New("store: only a staff member's decision can be undone")
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	t := UndoTicket{StaffID: ch.StaffID, Action: m.Action, Created: now, Expires: now.Add(m.Window)}
	err := s.inTx(ctx, func(tx *dbTx) error {
		var banExpires time.Time
		if m.Ban != nil {
			var err error
			if t.BanID, err = s.insertBan(ctx, tx, *m.Ban); err != nil {
				return err
			}
			banExpires = m.Ban.Expires
		}
		if err := s.insertUndo(ctx, tx, &t, time.Time{}, banExpires); err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, id := range m.IDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			c, err := scanComment(tx.QueryRowContext(ctx, s.q.CommentByID, id))
			if err != nil {
				return err
			}
			tr := m.Decide(c.Status)
			if tr.Leave {
				continue
			}
			if _, err := tx.ExecContext(ctx, s.q.KeepUndoComment, t.ID, id); err != nil {
				return err
			}
			if err := s.decide(ctx, tx, c, tr, now, ch, t.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, s.q.KeepUndoAfter, t.ID, id); err != nil {
				return err
			}
			t.Comments = append(t.Comments, id)
		}
		return nil
	})
	if err != nil {
		return UndoTicket{}, err
	}
	return t, nil
}

// insertUndo stores t (its token made here) with the ban's ends before and
// after the decision, and drops decisions long past their window.
func (s *Store) insertUndo(ctx context.Context, tx *dbTx, t *UndoTicket, banBefore, banAfter time.Time) error {
	if _, err := tx.ExecContext(ctx, s.q.DeleteOldUndos, dbTime(t.Created.Add(-undoKept))); err != nil {
		return err
	}
	t.Token = rand.Text()
	var banID any
	if t.BanID != 0 {
		banID = t.BanID
	}
	return tx.QueryRowContext(ctx, s.q.InsertUndo, t.Token, t.StaffID, t.Action, dbTime(t.Created), dbTime(t.Expires),
		banID, dbTime(banBefore), dbTime(banAfter)).Scan(&t.ID)
}

// UndoTicketByID returns a decision kept for undoing, or ErrNotFound.
func (s *Store) UndoTicketByID(ctx context.Context, id int64) (UndoTicket, error) {
	return s.undoTicket(ctx, s.read, s.q.UndoByID, id)
}

// UndoTicketByToken returns the decision a notice's token names, or ErrNotFound.
func (s *Store) UndoTicketByToken(ctx context.Context, token string) (UndoTicket, error) {
	return s.undoTicket(ctx, s.read, s.q.UndoByToken, token)
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *dbRow
	QueryContext(ctx context.Context, query string, args ...any) (*dbRows, error)
}

func (s *Store) undoTicket(ctx context.Context, q querier, query string, key any) (UndoTicket, error) {
	var t UndoTicket
	var created, expires, undone utc
	if err := q.QueryRowContext(ctx, query, key).Scan(&t.ID, &t.Token, &t.StaffID, &t.Action, &created, &expires,
		&undone, &t.BanID); err != nil {
		return t, err
	}
	t.Created, t.Expires, t.Undone = created.t, expires.t, undone.t
	rows, err := q.QueryContext(ctx, s.q.UndoCommentIDs, t.ID)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return t, err
		}
		t.Comments = append(t.Comments, id)
	}
	return t, rows.Err()
}

// Undo takes back decision id: each comment gets its earlier status, reason,
// flags and decider again, a ban it created ends now and a ban it lifted
// runs to its old end. It is refused with ErrUndone after an undo, with
// ErrUndoExpired once the window has passed, and with a ChangedSinceError
// when anything it changed has changed again; then nothing is written.
// Every change is audited as ch ("undid approve of comment 12", "undid ban
// 7").
func (s *Store) Undo(ctx context.Context, id int64, ch Change) (UndoTicket, error) {
	var t UndoTicket
	err := s.inTx(ctx, func(tx *dbTx) error {
		var err error
		if t, err = s.undoTicket(ctx, tx, s.q.UndoByID, id); err != nil {
			return err
		}
		now := time.Now().UTC()
		switch {
		case !t.Undone.IsZero():
			return ErrUndone
		case !now.Before(t.Expires):
			return ErrUndoExpired
		}
		res, err := tx.ExecContext(ctx, s.q.ClaimUndo, t.ID, dbTime(now))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrUndone
		}
		if err := s.changedSince(ctx, tx, t); err != nil {
			return err
		}
		return s.restore(ctx, tx, t, now, ch)
	})
	return t, err
}

// changedSince returns a ChangedSinceError naming what of t's changes has
// changed again.
func (s *Store) changedSince(ctx context.Context, tx *dbTx, t UndoTicket) error {
	changed := &ChangedSinceError{}
	rows, err := tx.QueryContext(ctx, s.q.UndoChangedComments, t.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		changed.Comments = append(changed.Comments, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if t.BanID != 0 {
		var same int
		if err := tx.QueryRowContext(ctx, s.q.UndoBanUnchanged, t.ID).Scan(&same); err != nil {
			return err
		}
		if same == 0 {
			changed.Ban = t.BanID
		}
	}
	if len(changed.Comments) > 0 || changed.Ban != 0 {
		return changed
	}
	return nil
}

// restore writes t's earlier state back and audits each change.
func (s *Store) restore(ctx context.Context, tx *dbTx, t UndoTicket, now time.Time, ch Change) error {
	type undone struct {
		id, article   int64
		before, after CommentStatus
	}
	var list []undone
	rows, err := tx.QueryContext(ctx, s.q.UndoComments, t.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var u undone
		if err := rows.Scan(&u.id, &u.article, &u.before, &u.after); err != nil {
			rows.Close()
			return err
		}
		list = append(list, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, s.q.UndoRestoreComments, t.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != int64(len(list)) {
		return &ChangedSinceError{} // changed between the check and the write
	}
	if _, err := tx.ExecContext(ctx, s.q.UndoRestoreFlags, t.ID); err != nil {
		return err
	}
	action := t.Action
	if action == "ban" {
		action = "reject" // a ban rejects its author's waiting comment
	}
	for _, u := range list {
		if u.before == CommentApproved || u.after == CommentApproved {
			s.touch(tx, PagesArticle(u.article))
		}
		c := ch
		c.Detail = fmt.Sprintf("undid %s of comment %d", action, u.id)
		if err := s.audit(ctx, tx, c, "comment", u.id, string(u.after), string(u.before)); err != nil {
			return err
		}
	}
	if t.BanID == 0 {
		return nil
	}
	before, after, detail := "banned", "lifted", fmt.Sprintf("undid ban %d", t.BanID)
	if t.Action == "lift-ban" {
		before, after, detail = "lifted", "banned", fmt.Sprintf("undid lifting of ban %d", t.BanID)
		res, err = tx.ExecContext(ctx, s.q.UndoLiftBan, t.ID)
	} else {
		res, err = tx.ExecContext(ctx, s.q.UndoBan, t.ID, dbTime(now))
	}
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &ChangedSinceError{Ban: t.BanID}
	}
	ch.Detail = detail
	return s.audit(ctx, tx, ch, "ban", t.BanID, before, after)
}
