package site

import (
	"crypto/hmac"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/comments"
	"dateline/internal/i18n"
	"dateline/internal/moderation"
	"dateline/internal/store"
	"dateline/internal/web"
)

// CommentItem is one approved comment as the list shows it. Its date is
// formatted here, once, rather than by template calls: a busy story lists
// hundreds of comments and the list is most of what its page costs to
// render.
type CommentItem struct {
	ID   int64
	Name string
	Body string
	ISO  string // the datetime attribute
	When string // the dateline in the edition's words
}

// CommentView is a comment with the replies to it.
type CommentView struct {
	CommentItem
	Replies []CommentItem
}

// CommentLabels are the words every comment in the list repeats, looked up
// once per page.
type CommentLabels struct {
	Reply     string
	Flag      string // the flag link's text
	FlagTitle string // its tooltip and accessible name
}

// CommentSection is the comment part of the article page.
type CommentSection struct {
	Threads     []CommentView
	Count       int
	Mode        comments.Mode
	OldestFirst bool
	FormTime    string // signed time the form was shown, to tell people from bots
	ReplyTo     *CommentItem
	Labels      CommentLabels
	ListHTML    template.HTML // the list of Threads, from commentListHTML
	Yours       *YourComment  // the reader's own comment just posted
	Flagged     bool          // thank the reader for a flag
	Reasons     []FlagReason
}

// YourComment tells a reader what became of their comment.
type YourComment struct {
	store.Comment
	Findings []moderation.Finding
	Notes    []FindingNote // the findings as the page says them
}

// newReader is the query a post is sent back to after its reader was handed
// a reader cookie: it stops a browser that keeps no cookies from going round.
const newReader = "reader=new"

// identify returns the reader behind a comment or flag post. Readers are
// told apart by a signed reader cookie; a post that brings none is answered
// with a fresh one and a 307, which makes the browser send the same post
// again, now with the cookie (ok is false: the answer is written). Only a
// browser that still sends none (it keeps no cookies) is known by address
// and browser, the last resort, which readers on one mobile network with the
// same phone browser share; moderators are warned before banning such a
// reader. The cookie is handed out here, on a post's no-store answer, never
// on the cached pages, which stay the same for everyone.
func (s *Site) identify(w http.ResponseWriter, r *http.Request) (v comments.Visitor, ok bool) {
	if _, known := s.comments.VerifiedReader(r.Header); !known && r.URL.RawQuery != newReader {
		http.SetCookie(w, &http.Cookie{Name: comments.ReaderCookie, Value: s.comments.NewReaderCookie(), Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: s.cfg.HTTPS(), SameSite: http.SameSiteLaxMode})
		w.Header().Set("Cache-Control", "no-store")
		http.Redirect(w, r, r.URL.Path+"?"+newReader, http.StatusTemporaryRedirect)
		return v, false
	}
	return s.comments.Identify(r.Header, s.clientIP(r), r.UserAgent()), true
}

// clientIP is the reader's address, believing X-Forwarded-For only from the
// configured trusted proxies.
func (s *Site) clientIP(r *http.Request) string { return web.ClientIP(r, s.cfg.TrustedProxies) }

// formTime signs the moment a comment form is shown.
func (s *Site) formTime(now time.Time) string { return s.comments.FormTime(now) }

func (s *Site) sign(v string) string { return s.comments.Sign(v) }

// elapsed reads a signed form time back. Our form always sends one, so a
// missing or forged value means no person filled the form: it is reported as
// sent at once, which the spam check catches.
func (s *Site) elapsed(raw string, now time.Time) time.Duration {
	ts, sig, ok := strings.Cut(raw, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(s.sign(ts))) {
		return time.Millisecond
	}
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return time.Millisecond
	}
	return max(now.Sub(time.UnixMilli(ms)), time.Millisecond)
}

// commentSection loads what the article page shows of its comments.
func (s *Site) commentSection(r *http.Request, text *i18n.Catalogue, articleID int64) (CommentSection, error) {
	ctx := r.Context()
	sec := CommentSection{OldestFirst: r.URL.Query().Get("comments") != "newest", Reasons: flagReasons(text),
		FormTime: s.formTime(s.now()),
		Labels:   commentLabels(text)}
	var err error
	if sec.Mode, err = s.comments.Mode(ctx, articleID); err != nil {
		return sec, err
	}
	list, err := s.store.ApprovedComments(ctx, articleID)
	if err != nil {
		return sec, err
	}
	sec.Count = len(list)
	index := make(map[int64]int, len(list))
	for _, c := range list {
		if c.ParentID == 0 {
			index[c.ID] = len(sec.Threads)
			sec.Threads = append(sec.Threads, CommentView{CommentItem: s.commentItem(text, c)})
		}
	}
	for _, c := range list {
		if i, ok := index[c.ParentID]; ok && c.ParentID != 0 {
			sec.Threads[i].Replies = append(sec.Threads[i].Replies, s.commentItem(text, c))
		}
	}
	if !sec.OldestFirst {
		for i, j := 0, len(sec.Threads)-1; i < j; i, j = i+1, j-1 {
			sec.Threads[i], sec.Threads[j] = sec.Threads[j], sec.Threads[i]
		}
	}
	if raw := r.URL.Query().Get("reply"); raw != "" {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			if i, ok := index[id]; ok {
				sec.ReplyTo = &sec.Threads[i].CommentItem
			}
		}
	}
	// The reader's own comment, only if this browser wrote it.
	if raw := r.URL.Query().Get("comment"); raw != "" {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			if c, err := s.store.CommentByID(ctx, id); err == nil && c.ArticleID == articleID {
				if s.comments.Identify(r.Header, s.clientIP(r), r.UserAgent()).Key == c.Visitor {
					y := &YourComment{Comment: c}
					json.Unmarshal([]byte(c.Findings), &y.Findings)
					for _, f := range y.Findings {
						y.Notes = append(y.Notes, findingNote(text, f))
					}
					sec.Yours = y
				}
			}
		}
	}
	sec.Flagged = r.URL.Query().Get("flagged") != ""
	sec.ListHTML = commentListHTML(&sec)
	return sec, nil
}

func commentLabels(text *i18n.Catalogue) CommentLabels {
	return CommentLabels{Reply: text.T("comments.reply"), Flag: text.T("flag.button"), FlagTitle: text.T("flag.title")}
}

func (s *Site) commentItem(text *i18n.Catalogue, c store.Comment) CommentItem {
	return CommentItem{ID: c.ID, Name: c.Name, Body: c.Body,
		ISO: c.CreatedAt.In(s.cfg.Location).Format(time.RFC3339), When: text.Dateline(c.CreatedAt)}
}

// postComment takes the comment form. It works without JavaScript: the
// reader is sent back to the article, which says what became of the comment.
func (s *Site) postComment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return fail(http.StatusRequestEntityTooLarge, "comment.error.too_long", "limit", comments.MaxBody)
		}
		return fail(http.StatusBadRequest, "error.form")
	}
	// After the body is read, so that a post cut off or too long is told so
	// at once, not after a round trip.
	reader, ok := s.identify(w, r)
	if !ok {
		return nil
	}
	// After the hand-out, which stores nothing, so that a reader's first
	// post costs one request of the limit, not two: readers behind one
	// address share it.
	if !s.limiter.Admit(w, s.clientIP(r)) {
		return fail(http.StatusTooManyRequests, "comment.error.too_fast")
	}
	a, err := s.store.PublishedArticle(r.Context(), id)
	if err != nil {
		return err
	}
	parent, _ := strconv.ParseInt(r.PostFormValue("parent_id"), 10, 64)
	out, err := s.comments.Post(r.Context(), comments.Submission{
		ArticleID: id, ParentID: parent, Name: r.PostFormValue("name"), Email: r.PostFormValue("email"),
		Body: r.PostFormValue("body"), Honeypot: r.PostFormValue("website"),
		Elapsed: s.elapsed(r.PostFormValue("ts"), s.now()), Visitor: reader,
	})
	if err != nil {
		return err // handle says what is wrong in the page's language
	}
	http.Redirect(w, r, fmt.Sprintf("%s?comment=%d#your-comment", s.href(a.Lang, a.Path()), out.ID), http.StatusSeeOther)
	return nil
}

// flagComment takes a reader's flag on an approved comment.
func (s *Site) flagComment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		return fail(http.StatusBadRequest, "error.form")
	}
	reader, ok := s.identify(w, r)
	if !ok {
		return nil
	}
	if !s.limiter.Admit(w, s.clientIP(r)) {
		return fail(http.StatusTooManyRequests, "error.too_many")
	}
	c, err := s.store.CommentByID(r.Context(), id)
	if err != nil {
		return err
	}
	a, err := s.store.PublishedArticle(r.Context(), c.ArticleID)
	if err != nil {
		return err
	}
	if _, err := s.comments.Flag(r.Context(), id, reader, r.PostFormValue("reason"), r.PostFormValue("note")); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return fail(http.StatusConflict, "comment.error.already_flagged")
		}
		return err // handle says what is wrong in the page's language
	}
	http.Redirect(w, r, s.href(a.Lang, a.Path())+"?flagged=1#comments", http.StatusSeeOther)
	return nil
}
