package comments

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"dateline/internal/moderation"
	"dateline/internal/news"
	"dateline/internal/store"
)

// Limits on what a reader may send.
const (
	MaxBody = 2000 // characters
	MaxName = 80
	MaxNote = 300
)

// Errors a reader can get.
var (
	ErrClosed = errors.New("comments are closed on this article")
	ErrBanned = errors.New("you can no longer comment on this site")
)

// InputError lists what is wrong with a submission: Problems as English
// sentences, for the API and the newsroom, and, for the problems a reader
// can meet on the public site, Keyed: the same problems in the same order as
// catalogue keys, so the page can say them in the reader's language.
type InputError struct {
	Problems []string
	Keyed    []Problem
}

// Problem is one thing wrong with a submission as a key of the site's
// catalogues (internal/i18n) and the name/value pairs for its placeholders.
type Problem struct {
	Key  string
	Args []any
}

// add appends one problem in both forms.
func (e *InputError) add(text, key string, args ...any) {
	e.Problems = append(e.Problems, text)
	e.Keyed = append(e.Keyed, Problem{Key: key, Args: args})
}

// readerError is an InputError of one problem.
func readerError(text, key string, args ...any) *InputError {
	e := &InputError{}
	e.add(text, key, args...)
	return e
}

func (e *InputError) Error() string { return strings.Join(e.Problems, " ") }

// FlagReasons are the reasons a reader may give for a flag.
var FlagReasons = []string{"obscene", "defamatory", "outside-link", "all-caps", "spam", "other"}

// Service runs comments for one site.
type Service struct {
	store    *store.Store
	siteHost string
	secret   []byte
	now      func() time.Time

	mu      sync.Mutex
	checker *moderation.Checker
	words   string // the extra words the checker was built with
}

// New prepares the service. The visitor secret is generated once and kept in
// the database, so every node derives the same visitor keys.
func New(ctx context.Context, st *store.Store, baseURL string) (*Service, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	secret, err := st.EnsureSetting(ctx, "visitor-secret", hex.EncodeToString(b[:]))
	if err != nil {
		return nil, err
	}
	return &Service{store: st, siteHost: u.Hostname(), secret: []byte(secret), now: time.Now}, nil
}

// Sign returns a short keyed signature of v, for values the site hands out
// and must recognise when they come back (the comment form's time).
func (s *Service) Sign(v string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("sign:" + v))
	return hex.EncodeToString(m.Sum(nil))[:16]
}

// FormTime is the signed moment a comment form was shown, which the form
// sends back so the spam check can tell how long the writer took.
func (s *Service) FormTime(now time.Time) string {
	ts := strconv.FormatInt(now.UnixMilli(), 10)
	return ts + "." + s.Sign(ts)
}

// VisitorKey identifies a reader without storing anything personal: a keyed
// hash of the reader id of their cookie (from ReaderID: "" for no cookie or
// one the site did not sign) or, without one, their address and browser.
func (s *Service) VisitorKey(readerID, ip, userAgent string) string {
	m := hmac.New(sha256.New, s.secret)
	if readerID != "" {
		m.Write([]byte("cookie:" + readerID))
	} else {
		m.Write([]byte("addr:" + ip + "|" + userAgent))
	}
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// checkerFor returns a checker with the policy's extra words, rebuilding it
// only when an admin changed them.
func (s *Service) checkerFor(p Policy) *moderation.Checker {
	key, _ := json.Marshal(p.ExtraWords)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.checker == nil || s.words != string(key) {
		s.checker, s.words = moderation.New(s.siteHost, p.ExtraWords), string(key)
	}
	return s.checker
}

// Submission is a comment as a reader sent it, with what the handler measured.
type Submission struct {
	ArticleID int64
	ParentID  int64
	Name      string
	Email     string
	Body      string
	Honeypot  string
	Elapsed   time.Duration // form shown to sent; 0 when unknown
	Visitor   Visitor
	// Article is the published article ArticleID names, when the caller
	// has read it already; nil makes the service read it, once.
	Article *news.Article
}

// Outcome is what a reader is told: the comment's status and the findings.
type Outcome struct {
	ID       int64                `json:"id,omitempty"`
	Status   store.CommentStatus  `json:"status"`
	Findings []moderation.Finding `json:"findings"`
}

// validate checks the fields and returns them cleaned.
func validate(sub *Submission) error {
	if !utf8.ValidString(sub.Name) || !utf8.ValidString(sub.Body) || !utf8.ValidString(sub.Email) {
		return readerError("The text is not valid UTF-8.", "comment.error.utf8")
	}
	var e InputError
	sub.Name, sub.Email = strings.TrimSpace(sub.Name), strings.TrimSpace(sub.Email)
	// One kind of line break, LF: browsers send a textarea's as CRLF, API
	// clients may send a CR alone, and "\r\r\n" must not leave a CRLF behind.
	sub.Body = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(sub.Body, "\r\n", "\n"), "\r", "\n"))
	switch n := utf8.RuneCountInString(sub.Name); {
	case n == 0:
		e.add("Please give a display name.", "comment.error.name_missing")
	case n > MaxName:
		e.add(fmt.Sprintf("The name is longer than %d characters.", MaxName), "comment.error.name_long", "max", MaxName)
	case strings.ContainsFunc(sub.Name, directionControl):
		e.add("The name contains invisible characters that change the direction of text (such as U+202E). Please type it without them.", "comment.error.name_bidi")
	}
	if sub.Email != "" && (len(sub.Email) > 254 || !strings.Contains(sub.Email, "@") || strings.ContainsAny(sub.Email, " <>\"")) {
		e.add("The email address does not look right (it is optional).", "comment.error.email")
	}
	switch n := utf8.RuneCountInString(sub.Body); {
	case n == 0:
		e.add("The comment is empty.", "comment.error.empty")
	case n > MaxBody:
		e.add(fmt.Sprintf("The comment is %d characters; the limit is %d.", n, MaxBody), "comment.error.body_long", "n", n, "max", MaxBody)
	case strings.ContainsFunc(sub.Body, directionOverride):
		e.add("The comment contains invisible characters that override the direction of text (such as U+202E). Please remove them.", "comment.error.body_bidi")
	}
	if len(e.Problems) > 0 {
		return &e
	}
	return nil
}

// judge runs the checks for a submission on an article and says what status
// the comment gets.
func (s *Service) judge(ctx context.Context, sub *Submission) (Outcome, Policy, error) {
	if err := validate(sub); err != nil {
		return Outcome{}, Policy{}, err
	}
	if sub.Article == nil || sub.Article.ID != sub.ArticleID {
		a, err := s.store.PublishedArticle(ctx, sub.ArticleID)
		if err != nil {
			return Outcome{}, Policy{}, err
		}
		sub.Article = &a
	}
	a := sub.Article
	p, err := LoadPolicy(ctx, s.store)
	if err != nil {
		return Outcome{}, p, err
	}
	mode, _, err := s.store.ArticleCommentMode(ctx, sub.ArticleID)
	if err != nil {
		return Outcome{}, p, err
	}
	if ValidMode(Mode(mode)) {
		p.Mode = Mode(mode)
	}
	if p.Mode == Closed {
		return Outcome{}, p, ErrClosed
	}
	in := moderation.Input{Body: sub.Body, Name: sub.Name, Lang: a.Lang, ArticleText: a.Headline + "\n" + a.BodyMarkdown,
		Honeypot: sub.Honeypot, Elapsed: sub.Elapsed}
	if sub.Visitor.Key != "" {
		n, dup, err := s.store.RecentByVisitor(ctx, sub.Visitor.Key, sub.Visitor.Address, sub.Body, s.now().Add(-10*time.Minute))
		if err != nil {
			return Outcome{}, p, err
		}
		in.RecentFromVisitor, in.DuplicateRecent = n, dup
	}
	action, findings := s.checkerFor(p).Check(in, moderation.Policy{Actions: p.Actions})
	out := Outcome{Findings: findings}
	if out.Findings == nil {
		out.Findings = []moderation.Finding{}
	}
	switch {
	case action == moderation.Reject:
		out.Status = store.CommentRejected
	case action == moderation.Hold || p.Mode == Pre:
		out.Status = store.CommentPending
	default:
		out.Status = store.CommentApproved
	}
	return out, p, nil
}

// Check judges a submission without storing anything: the live check.
func (s *Service) Check(ctx context.Context, sub Submission) (Outcome, error) {
	out, _, err := s.judge(ctx, &sub)
	return out, err
}

// Post judges and stores a comment. A rejected comment is stored too, as
// rejected, so moderators can see what was refused; what the reader is told
// is on disk before this returns.
func (s *Service) Post(ctx context.Context, sub Submission) (Outcome, error) {
	out, _, err := s.judge(ctx, &sub)
	if err != nil {
		return out, err
	}
	banned, nearBan, err := s.store.Banned(ctx, sub.Email, sub.Visitor.Key, sub.Visitor.Address)
	if err != nil {
		return out, err
	}
	if banned {
		return out, ErrBanned
	}
	if nearBan && out.Status != store.CommentRejected {
		// A banned reader who clears cookies is a new reader: what they
		// write from the banned comment's address waits for a moderator.
		// Not refused: other readers share that address.
		out.Status = store.CommentPending
		out.Findings = append(out.Findings, moderation.Finding{Rule: moderation.Spam, Action: moderation.Hold,
			Match:  "sent from the address of a banned commenter",
			Reason: "A commenter banned from this address may be writing under a new name; a moderator reads it first."})
	}
	findings, _ := json.Marshal(out.Findings)
	c := store.Comment{ArticleID: sub.ArticleID, ParentID: sub.ParentID, Name: sub.Name, Email: sub.Email,
		Body: sub.Body, Lang: sub.Article.Lang, Status: out.Status, Findings: string(findings),
		Visitor: sub.Visitor.Key, VisitorKind: sub.Visitor.Kind, Address: sub.Visitor.Address}
	if err := s.store.CreateComment(ctx, &c); err != nil {
		if errors.Is(err, store.ErrBadParent) {
			return out, readerError("You can only reply to a published comment on this article.", "comment.error.parent")
		}
		return out, err
	}
	out.ID = c.ID
	return out, nil
}

// Flag records a reader's report of an approved comment and hides it when
// flags from enough different addresses have come in. A second flag from the
// same reader is refused (store.ErrConflict); readers sharing an address
// each flag once, and moderators see every flag. Hiding counts addresses,
// not readers, so taking fresh cookies cannot hide a comment alone.
func (s *Service) Flag(ctx context.Context, id int64, v Visitor, reason, note string) (hidden bool, err error) {
	known := false
	for _, r := range FlagReasons {
		known = known || r == reason
	}
	note = strings.TrimSpace(note)
	switch {
	case !known:
		reasons := strings.Join(FlagReasons, ", ")
		return false, readerError("Choose why you are flagging the comment: "+reasons+".", "comment.error.flag_reason", "reasons", reasons)
	case !utf8.ValidString(note) || utf8.RuneCountInString(note) > MaxNote:
		return false, readerError(fmt.Sprintf("The note must be plain text of at most %d characters.", MaxNote), "comment.error.flag_note_long", "max", MaxNote)
	case reason == "other" && note == "":
		return false, readerError("Say briefly what is wrong when you choose \"other\".", "comment.error.flag_note_missing")
	}
	c, err := s.store.CommentByID(ctx, id)
	if err != nil {
		return false, err
	}
	if c.Status != store.CommentApproved {
		return false, store.ErrNotFound
	}
	p, err := LoadPolicy(ctx, s.store)
	if err != nil {
		return false, err
	}
	return s.store.FlagComment(ctx, id, v.Key, v.Address, reason, note, func(n store.FlagCount) bool {
		return HidesAfterFlag(n, p.FlagThreshold)
	})
}

// Mode returns the mode in force on an article (its own, or the site's).
func (s *Service) Mode(ctx context.Context, articleID int64) (Mode, error) {
	p, err := LoadPolicy(ctx, s.store)
	if err != nil {
		return Pre, err
	}
	mode, _, err := s.store.ArticleCommentMode(ctx, articleID)
	if err != nil {
		return p.Mode, err
	}
	if ValidMode(Mode(mode)) {
		return Mode(mode), nil
	}
	return p.Mode, nil
}
