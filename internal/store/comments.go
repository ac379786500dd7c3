package store

import (
	"context"
	"errors"
	"strings"
	"time"
)

// CommentStatus is where a comment stands. Readers see approved comments
// only; the rules that move a comment from one to another are in package
// comments.
type CommentStatus string

// Comment statuses.
const (
	CommentPending  CommentStatus = "pending"  // awaiting a moderator
	CommentApproved CommentStatus = "approved" // shown under the article
	CommentRejected CommentStatus = "rejected"
	CommentReported CommentStatus = "reported" // hidden after enough reader flags, back in the queue
)

// CommentStatuses lists every status a comment can have, in the order the
// moderators' queues take them.
var CommentStatuses = []CommentStatus{CommentPending, CommentReported, CommentApproved, CommentRejected}

// ParseCommentStatus returns the status s names; ok is false when it names
// none (QueueFlagged is a queue, not a status).
func ParseCommentStatus(s string) (status CommentStatus, ok bool) {
	for _, st := range CommentStatuses {
		if string(st) == s {
			return st, true
		}
	}
	return "", false
}

// Comment is a reader's comment on an article.
type Comment struct {
	ID        int64
	ArticleID int64
	ParentID  int64 // 0 for a top-level comment; replies are one level deep
	Name      string
	Email     string // never shown to readers
	Body      string // plain text
	Lang      string
	Status    CommentStatus
	Findings  string // JSON list of the guideline checks' findings
	Reason    string // why it was rejected
	Visitor   string // keyed hash identifying the reader
	// VisitorKind says what Visitor was made from: VisitorReader (the
	// reader's signed cookie), VisitorAddress (address and browser, for a
	// browser that keeps no cookies: possibly several people) or "" (a
	// comment from before the site kept this).
	VisitorKind string
	Address     string // keyed hash of the reader's address block; never the address
	Flags       int
	CreatedAt   time.Time
	DecidedAt   time.Time
}

func scanComment(row scanner, extra ...any) (Comment, error) {
	var c Comment
	var created, decided utc
	dest := append([]any{&c.ID, &c.ArticleID, &c.ParentID, &c.Name, &c.Email, &c.Body, &c.Lang, &c.Status,
		&c.Findings, &c.Reason, &c.Visitor, &c.VisitorKind, &c.Address, &c.Flags, &created, &decided}, extra...)
	if err := row.Scan(dest...); err != nil {
		return c, err
	}
	c.CreatedAt, c.DecidedAt = created.t, decided.t
	return c, nil
}

// What a visitor key was made from (Comment.VisitorKind).
const (
	VisitorReader  = "reader"
	VisitorAddress = "address"
)

// SharedIdentity reports whether the comment's author is known only by
// something other readers may share: address and browser, or nothing the
// site recorded. A ban on such an author may catch other readers.
func (c Comment) SharedIdentity() bool { return c.Visitor != "" && c.VisitorKind != VisitorReader }

// Errors about replies.
var (
	ErrBadParent = errors.New("replies must answer an approved top-level comment on the same article")
)

// CreateComment stores a new comment; it is on disk when this returns. A
// reply must answer an approved top-level comment of the same article.
func (s *Store) CreateComment(ctx context.Context, c *Comment) error {
	c.CreatedAt = time.Now().UTC()
	return s.inTx(ctx, func(tx *dbTx) error {
		var parent any
		if c.ParentID != 0 {
			p, err := scanComment(tx.QueryRowContext(ctx, s.q.CommentByID, c.ParentID))
			if errors.Is(err, ErrNotFound) {
				return ErrBadParent
			}
			if err != nil {
				return err
			}
			if p.ArticleID != c.ArticleID || p.ParentID != 0 || p.Status != CommentApproved {
				return ErrBadParent
			}
			parent = c.ParentID
		}
		if c.Status == CommentApproved {
			s.touch(tx, PagesArticle(c.ArticleID)) // post-moderation: readers see it at once
		}
		return tx.QueryRowContext(ctx, s.q.InsertComment, c.ArticleID, parent, c.Name, c.Email, c.Body, c.Lang,
			c.Status, c.Findings, c.Visitor, dbTime(c.CreatedAt), c.VisitorKind, c.Address).Scan(&c.ID)
	})
}

// CommentByID returns a comment or ErrNotFound.
func (s *Store) CommentByID(ctx context.Context, id int64) (Comment, error) {
	return scanComment(s.read.QueryRowContext(ctx, s.q.CommentByID, id))
}

// maxShownComments bounds how many comments one article page lists.
const maxShownComments = 500

// ApprovedComments lists an article's approved comments, oldest first,
// with only what readers see filled in: id, parent, name, body and time.
func (s *Store) ApprovedComments(ctx context.Context, articleID int64) ([]Comment, error) {
	rows, err := s.read.QueryContext(ctx, s.q.ApprovedComments, articleID, maxShownComments)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Comment
	for rows.Next() {
		c := Comment{ArticleID: articleID, Status: CommentApproved}
		var created utc
		if err := rows.Scan(&c.ID, &c.ParentID, &c.Name, &c.Body, &created); err != nil {
			return nil, err
		}
		c.CreatedAt = created.t
		out = append(out, c)
	}
	return out, rows.Err()
}

// QueueItem is a comment in the moderation queue with its article.
type QueueItem struct {
	Comment
	Headline string
	Slug     string
}

// CommentQueue lists comments with a status (or QueueFlagged): waiting ones oldest first,
// decided ones most recent first.
func (s *Store) CommentQueue(ctx context.Context, status CommentStatus, limit, offset int) ([]QueueItem, int, error) {
	total, err := s.CountComments(ctx, status)
	if err != nil {
		return nil, 0, err
	}
	q, args := s.q.CommentQueue, []any{status, limit, offset}
	switch status {
	case CommentApproved, CommentRejected:
		q = s.q.CommentQueueNewest
	case QueueFlagged:
		q, args = s.q.CommentQueueFlagged, []any{limit, offset}
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []QueueItem
	for rows.Next() {
		var it QueueItem
		c, err := scanComment(rows, &it.Headline, &it.Slug)
		if err != nil {
			return nil, 0, err
		}
		it.Comment = c
		out = append(out, it)
	}
	return out, total, rows.Err()
}

// CountComments counts comments with a status (or in QueueFlagged).
func (s *Store) CountComments(ctx context.Context, status CommentStatus) (int, error) {
	var n int
	var err error
	if status == QueueFlagged {
		err = s.read.QueryRowContext(ctx, s.q.CountCommentsFlagged).Scan(&n)
	} else {
		err = s.read.QueryRowContext(ctx, s.q.CountCommentsByStatus, status).Scan(&n)
	}
	return n, err
}

// QueueFlagged names the queue of approved comments that readers have
// flagged, fewer times than hides them, for CommentQueue and CountComments:
// a moderator sees a single reader's flag without waiting for the threshold.
// No comment has it as its status.
const QueueFlagged CommentStatus = "flagged"

// OldestWaiting returns when the oldest pending or reported comment arrived
// (zero when the queue is empty).
func (s *Store) OldestWaiting(ctx context.Context) (time.Time, error) {
	var id int64
	var at utc
	err := s.read.QueryRowContext(ctx, s.q.OldestWaiting).Scan(&id, &at)
	if errors.Is(err, ErrNotFound) {
		return time.Time{}, nil
	}
	return at.t, err
}

// Transition is what a moderator's decision does to one comment, as the
// comment rules (package comments) decide it from the status the comment
// has when the decision is written.
type Transition struct {
	Status CommentStatus // the status it gets
	Reason string        // why it was rejected
	// ClearFlags drops the readers' flags on it and their count (kept for
	// an undo when the decision can be undone).
	ClearFlags bool
	// Leave says the decision does not apply to this comment: it is left
	// as it is, and neither audited nor kept for an undo.
	Leave bool
}

// DecideRule gives the transition a decision makes from a comment's status.
// The store calls it inside the transaction that writes the decision, with
// the status read there, so the rule always sees the comment as it is.
type DecideRule func(from CommentStatus) Transition

// DecideComment applies a decision to comment id and audits it in the same
// transaction; decide turns the status the comment has there into what it
// becomes.
func (s *Store) DecideComment(ctx context.Context, id int64, decide DecideRule, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		c, err := scanComment(tx.QueryRowContext(ctx, s.q.CommentByID, id))
		if err != nil {
			return err
		}
		tr := decide(c.Status)
		if tr.Leave {
			return nil
		}
		return s.decide(ctx, tx, c, tr, time.Now(), ch, 0)
	})
}

// decide writes transition tr of comment c (as read in tx) at the instant
// at and audits it. undoID, when not 0, keeps a copy of the flags it clears
// for that undo.
func (s *Store) decide(ctx context.Context, tx *dbTx, c Comment, tr Transition, at time.Time, ch Change, undoID int64) error {
	if _, err := tx.ExecContext(ctx, s.q.DecideComment, c.ID, tr.Status, tr.Reason, dbTime(at), nullID(ch.StaffID)); err != nil {
		return err
	}
	if c.Status == CommentApproved || tr.Status == CommentApproved {
		s.touch(tx, PagesArticle(c.ArticleID))
	}
	if tr.ClearFlags {
		if undoID != 0 {
			if _, err := tx.ExecContext(ctx, s.q.KeepUndoFlags, undoID, c.ID); err != nil {
				return err
			}
		}
		for _, q := range []string{s.q.ClearFlags, s.q.ResetFlagCount} {
			if _, err := tx.ExecContext(ctx, q, c.ID); err != nil {
				return err
			}
		}
	}
	return s.audit(ctx, tx, ch, "comment", c.ID, string(c.Status), string(tr.Status))
}

// Flag is one reader's report of a comment.
type Flag struct {
	Reason    string
	Note      string
	CreatedAt time.Time
	From      string // keyed hash of the address it came from (of the reader, before addresses were kept)
}

// FlagCount is what the store knows of a comment's flags right after one
// more came in: its status, every reader's flag (what moderators see) and
// the different addresses they came from (one person who keeps taking
// fresh cookies still counts as one address).
type FlagCount struct {
	Status    CommentStatus
	Flags     int
	Addresses int
}

// FlagComment records a reader's flag. reader is the reader's visitor key
// and alias the keyed hash of their address; a second flag from the same
// reader is ErrConflict, but readers who share an address each flag once.
// Every flag counts in the comment's flag count. hide is asked, inside the
// transaction and with the counts read there, whether the comment is now
// hidden; if it says so, an approved comment goes back to the queue as
// reported (hidden says so), its page changes and readers are audited as
// hiding it.
func (s *Store) FlagComment(ctx context.Context, id int64, reader, alias, reason, note string, hide func(FlagCount) bool) (hidden bool, err error) {
	err = s.inTx(ctx, func(tx *dbTx) error {
		var seen int
		if err := tx.QueryRowContext(ctx, s.q.FlaggedBy, id, reader).Scan(&seen); err != nil {
			return err
		}
		if seen > 0 {
			return ErrConflict
		}
		if _, err := tx.ExecContext(ctx, s.q.InsertFlag, id, reader, alias, reason, note, dbTime(time.Now())); err != nil {
			return err
		}
		var n FlagCount
		if err := tx.QueryRowContext(ctx, s.q.CountFlags, id).Scan(&n.Flags, &n.Status); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, s.q.FlagAddresses, id).Scan(&n.Addresses); err != nil {
			return err
		}
		if !hide(n) {
			return nil
		}
		res, err := tx.ExecContext(ctx, s.q.HideReported, id)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return nil // only an approved comment is hidden
		}
		var article int64
		if err := tx.QueryRowContext(ctx, s.q.CommentArticle, id).Scan(&article); err != nil {
			return err
		}
		s.touch(tx, PagesArticle(article))
		hidden = true
		return s.audit(ctx, tx, Change{Actor: "readers", Action: "hide", Detail: "flagged by readers"}, "comment", id, string(CommentApproved), string(CommentReported))
	})
	return hidden, err
}

// Flags lists the flags on a comment.
func (s *Store) Flags(ctx context.Context, id int64) ([]Flag, error) {
	rows, err := s.read.QueryContext(ctx, s.q.CommentFlags, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Flag
	for rows.Next() {
		var f Flag
		var at utc
		if err := rows.Scan(&f.Reason, &f.Note, &at, &f.From); err != nil {
			return nil, err
		}
		f.CreatedAt = at.t
		out = append(out, f)
	}
	return out, rows.Err()
}

// RecentByVisitor counts a visitor's comments since a time and whether one
// of them, or one from the same address (a keyed hash, "" for none), has
// exactly this body.
func (s *Store) RecentByVisitor(ctx context.Context, visitor, address, body string, since time.Time) (count int, duplicate bool, err error) {
	if err = s.read.QueryRowContext(ctx, s.q.RecentByVisitor, visitor, dbTime(since)).Scan(&count); err != nil {
		return 0, false, err
	}
	var dup int
	if err = s.read.QueryRowContext(ctx, s.q.RecentDuplicate, visitor, body, dbTime(since), address).Scan(&dup); err != nil {
		return 0, false, err
	}
	return count, dup > 0, nil
}

// History counts a commenter's earlier comments by status, by email and by
// visitor, excluding the comment being judged.
type History struct {
	ByEmail   map[CommentStatus]int
	ByVisitor map[CommentStatus]int
}

// CommenterHistory returns the history of the author of comment c.
func (s *Store) CommenterHistory(ctx context.Context, c Comment) (History, error) {
	h := History{ByEmail: map[CommentStatus]int{}, ByVisitor: map[CommentStatus]int{}}
	for _, q := range []struct {
		sql  string
		key  string
		into map[CommentStatus]int
	}{{s.q.HistoryByEmail, c.Email, h.ByEmail}, {s.q.HistoryByVisitor, c.Visitor, h.ByVisitor}} {
		if q.key == "" {
			continue
		}
		rows, err := s.read.QueryContext(ctx, q.sql, q.key, c.ID)
		if err != nil {
			return h, err
		}
		for rows.Next() {
			var status CommentStatus
			var n int
			if err := rows.Scan(&status, &n); err != nil {
				rows.Close()
				return h, err
			}
			q.into[status] = n
		}
		rows.Close()
	}
	return h, nil
}

// Ban stops a commenter, by email and/or visitor, until expires (zero: for
// good). visitorKind is what the visitor key was made from (VisitorReader,
// VisitorAddress), kept so the list of bans can say whom a ban catches.
func (s *Store) Ban(ctx context.Context, email, visitor, visitorKind, reason string, expires time.Time, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		_, err := s.insertBan(ctx, tx, BanOrder{Email: email, Visitor: visitor, VisitorKind: visitorKind, Reason: reason, Expires: expires, Change: ch})
		return err
	})
}

// BanOrder is a ban to store: whom it stops, why, until when (zero: for
// good), and its audit entry.
type BanOrder struct {
	Email, Visitor, Reason string
	VisitorKind            string // what Visitor was made from (VisitorReader, VisitorAddress)
	Address                string // keyed hash of the comment's address: holds, never bans
	Expires                time.Time
	Change                 Change
}

func (s *Store) insertBan(ctx context.Context, tx *dbTx, b BanOrder) (int64, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, s.q.InsertBan, b.Email, b.Visitor, b.Reason, dbTime(time.Now()), dbTime(b.Expires),
		nullID(b.Change.StaffID), b.VisitorKind, b.Address).Scan(&id); err != nil {
		return 0, err
	}
	return id, s.audit(ctx, tx, b.Change, "ban", id, "", "banned")
}

// BanEntry is a ban as the moderators' list shows it.
type BanEntry struct {
	ID        int64
	Email     string
	Reason    string
	Created   time.Time
	Expires   time.Time // zero: for good
	By        string    // the staff member who banned
	Commenter string    // the name the reader last commented under
	// Browser says whether the ban also stops a browser: "reader" (one
	// reader's cookie), "address" (an address and browser, which other
	// readers may share), "unknown" (a visitor key from before the site
	// recorded its kind) or "" (by email only).
	Browser string
}

// Active reports whether the ban is in force at now.
func (b BanEntry) Active(now time.Time) bool { return b.Expires.IsZero() || b.Expires.After(now) }

// Bans lists the newest 500 bans, only active ones if so asked; search,
// when not empty, keeps those whose email, reason or commenter's name
// contains it, ignoring case (done here, so no LIKE pattern needs escaping).
func (s *Store) Bans(ctx context.Context, search string, activeOnly bool) ([]BanEntry, error) {
	active := 0
	if activeOnly {
		active = 1
	}
	rows, err := s.read.QueryContext(ctx, s.q.Bans, active, dbTime(time.Now()))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	needle := strings.ToLower(strings.TrimSpace(search))
	var out []BanEntry
	for rows.Next() {
		var b BanEntry
		var created, expires utc
		var visitor string
		if err := rows.Scan(&b.ID, &b.Email, &b.Reason, &created, &expires, &b.By, &visitor, &b.Browser, &b.Commenter); err != nil {
			return nil, err
		}
		if visitor == "" {
			b.Browser = ""
		} else if b.Browser == "" {
			b.Browser = "unknown"
		}
		b.Created, b.Expires = created.t, expires.t
		if needle == "" || strings.Contains(strings.ToLower(b.Email+"\x00"+b.Reason+"\x00"+b.Commenter), needle) {
			out = append(out, b)
		}
	}
	return out, rows.Err()
}

// LiftBan ends an active ban now and audits it; ErrNotFound when there is
// no such ban in force. The lifting can be undone for window (see Undo).
func (s *Store) LiftBan(ctx context.Context, id int64, ch Change, window time.Duration) (UndoTicket, error) {
	now := time.Now().UTC().Truncate(time.Microsecond)
	t := UndoTicket{StaffID: ch.StaffID, Action: "lift-ban", BanID: id, Created: now, Expires: now.Add(window)}
	err := s.inTx(ctx, func(tx *dbTx) error {
		var before utc
		if err := tx.QueryRowContext(ctx, s.q.ActiveBanExpiry, id, dbTime(now)).Scan(&before); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q.LiftBan, id, dbTime(now))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if err := s.insertUndo(ctx, tx, &t, before.t, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "ban", id, "banned", "lifted")
	})
	return t, err
}

// Banned reports whether an email or visitor is under an active ban, and
// whether a ban in force was made from this address (a keyed hash).
func (s *Store) Banned(ctx context.Context, email, visitor, address string) (banned, fromBannedAddress bool, err error) {
	var n, near int
	err = s.read.QueryRowContext(ctx, s.q.ActiveBan, email, visitor, dbTime(time.Now()), address).Scan(&n, &near)
	return n > 0, near > 0, err
}

// Setting reads a site setting; ok is false when it was never set.
func (s *Store) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	err = s.read.QueryRowContext(ctx, s.q.Setting, key).Scan(&value)
	if errors.Is(err, ErrNotFound) {
		return "", false, nil
	}
	return value, err == nil, err
}

// SetSetting saves a site setting and audits it.
func (s *Store) SetSetting(ctx context.Context, key, value string, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		if _, err := tx.ExecContext(ctx, s.q.SetSetting, key, value, dbTime(time.Now())); err != nil {
			return err
		}
		s.touch(tx, PagesAll) // settings shape the comment form on every article
		return s.audit(ctx, tx, ch, "setting", 0, "", key)
	})
}

// EnsureSetting stores a value only if the key has none, and returns the
// value in force: the way nodes agree on a generated secret.
func (s *Store) EnsureSetting(ctx context.Context, key, value string) (string, error) {
	if _, err := s.write.ExecContext(ctx, s.q.InsertSettingIfAbsent, key, value, dbTime(time.Now())); err != nil {
		return "", err
	}
	v, _, err := s.Setting(ctx, key)
	return v, err
}

// ArticleCommentMode returns an article's comment mode override ("" follows
// the site) and its status.
func (s *Store) ArticleCommentMode(ctx context.Context, id int64) (mode, status string, err error) {
	err = s.read.QueryRowContext(ctx, s.q.ArticleCommentMode, id).Scan(&mode, &status)
	return mode, status, err
}

// SetArticleCommentMode overrides the comment mode for one article.
func (s *Store) SetArticleCommentMode(ctx context.Context, id int64, mode string, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		res, err := tx.ExecContext(ctx, s.q.SetArticleCommentMode, id, mode)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		s.touch(tx, PagesArticle(id))
		return s.audit(ctx, tx, ch, "article", id, "", "comments "+mode)
	})
}

// ImportComments stores many comments without checks, audit entries or page
// notices, the way a benchmark data set or a migration arrives. Parents are
// not supported: every comment is top-level.
func (s *Store) ImportComments(ctx context.Context, list []Comment) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		if s.dialect == Postgres {
			return s.importCommentsPG(ctx, tx, list)
		}
		stmt, err := tx.PrepareContext(ctx, s.q.ImportComment)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, c := range list {
			if _, err := stmt.ExecContext(ctx, c.ArticleID, c.Name, c.Email, c.Body, c.Lang, c.Status, c.Findings, c.Visitor,
				dbTime(c.CreatedAt)); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) importCommentsPG(ctx context.Context, tx *dbTx, list []Comment) error {
	n := len(list)
	articles, created := make([]int64, n), make([]time.Time, n)
	cols := make([][]string, 7)
	for i := range cols {
		cols[i] = make([]string, n)
	}
	for i, c := range list {
		articles[i], created[i] = c.ArticleID, c.CreatedAt.UTC()
		for j, v := range []string{c.Name, c.Email, c.Body, c.Lang, string(c.Status), c.Findings, c.Visitor} {
			cols[j][i] = v
		}
	}
	_, err := tx.ExecContext(ctx, s.q.ImportComments, articles, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], created)
	return err
}
