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
	"dateline/internal/news"
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
	Form        CommentFormView
	Labels      CommentLabels
	ListHTML    template.HTML  // the list of Threads, from commentListHTML
	Notice      *CommentNotice // what became of the comment this reader just sent
	Flagged     bool           // thank the reader for a flag
	Reasons     []FlagReason
}

// CommentFormView is the comment form as a page draws it: empty on the
// article page, the reader's own words when a refusal gives them back.
type CommentFormView struct {
	ArticleID int64
	// Lang is the article's language. The form sends it back, so that a
	// refusal that comes before the article is read is said in it.
	Lang     string
	Cancel   string       // the article's address, where leaving a reply goes
	ReplyTo  *CommentItem // the comment being replied to
	ParentID int64        // the parent_id the form sends: ReplyTo's, or what a refused reply named
	FormTime string       // signed time the form was shown, to tell people from bots
	Name     string
	Email    string
	Body     string
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
func (s *Site) commentSection(r *http.Request, text *i18n.Catalogue, a news.Article) (CommentSection, error) {
	ctx := r.Context()
	sec := CommentSection{OldestFirst: r.URL.Query().Get("comments") != "newest", Reasons: flagReasons(text),
		Form:   CommentFormView{ArticleID: a.ID, Lang: a.Lang, Cancel: s.href(a.Lang, a.Path()), FormTime: s.formTime(s.now())},
		Labels: commentLabels(text)}
	var err error
	if sec.Mode, err = s.comments.Mode(ctx, a.ID); err != nil {
		return sec, err
	}
	list, err := s.store.ApprovedComments(ctx, a.ID)
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
	// Before the order is turned round, while index still points at each
	// thread; a copy, so that the turning does not change it.
	if raw := r.URL.Query().Get("reply"); raw != "" {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			if i, ok := index[id]; ok {
				item := sec.Threads[i].CommentItem
				sec.Form.ReplyTo, sec.Form.ParentID = &item, item.ID
			}
		}
	}
	if !sec.OldestFirst {
		for i, j := 0, len(sec.Threads)-1; i < j; i, j = i+1, j-1 {
			sec.Threads[i], sec.Threads[j] = sec.Threads[j], sec.Threads[i]
		}
	}
	// The reader's own comment, only if this browser wrote it.
	if raw := r.URL.Query().Get("comment"); raw != "" {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			if c, err := s.store.CommentByID(ctx, id); err == nil && c.ArticleID == a.ID {
				if s.comments.Identify(r.Header, s.clientIP(r), r.UserAgent()).Key == c.Visitor {
					var findings []moderation.Finding
					json.Unmarshal([]byte(c.Findings), &findings)
					n := storedNotice(text, c, findings)
					sec.Notice = &n
					if n.Kind == NoticeRefused {
						// Refused: the words come back to be changed. Not the
						// email: this address opens again later, for whoever
						// uses the browser then.
						sec.Form.Name, sec.Form.Body = c.Name, c.Body
					}
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

// postComment takes the comment form. comments.js sends it asking for
// JSON and is answered with the one notice. Without script, a comment the
// site took goes back to the article, which says what became of it, and a
// refused one comes back on a page of its own with the reader's words in
// the form.
func (s *Site) postComment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// Every answer is this reader's alone, and the script's differs.
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Add("Vary", "Accept")
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	formErr := r.ParseForm()
	sent := s.sentForm(r, id)
	text := s.text.Get(sent.Lang)
	if formErr != nil {
		sent.Name, sent.Email, sent.Body = "", "", "" // what could be read of it may be cut anywhere
		var tooBig *http.MaxBytesError
		if errors.As(formErr, &tooBig) {
			return s.refuse(w, r, nil, sent, refusal{http.StatusRequestEntityTooLarge,
				refusedNotice(text, "", text.T("comment.error.too_long", "limit", comments.MaxBody)), true})
		}
		return s.refuse(w, r, nil, sent, refusal{http.StatusBadRequest, refusedNotice(text, "", text.T("error.form")), true})
	}
	// After the body is read, so that a post cut off or too long is told so
	// at once, not after a round trip. The 307 makes the browser (and the
	// script's fetch) send the same body again.
	reader, ok := s.identify(w, r)
	if !ok {
		return nil
	}
	// After the hand-out, which stores nothing, so that a reader's first
	// post costs one request of the limit, not two: readers behind one
	// address share it. The refusal gives the text back too.
	if !s.limiter.Admit(w, s.clientIP(r)) {
		return s.refuse(w, r, nil, sent, refusal{http.StatusTooManyRequests,
			refusedNotice(text, text.T("comment.notice.again"), text.T("comment.error.too_fast")), true})
	}
	a, err := s.store.PublishedArticle(r.Context(), id)
	if err != nil {
		return err
	}
	text = s.text.Get(a.Lang)
	sent.Lang, sent.Cancel = a.Lang, s.href(a.Lang, a.Path())
	parent, _ := strconv.ParseInt(r.PostFormValue("parent_id"), 10, 64)
	out, err := s.comments.Post(r.Context(), comments.Submission{
		ArticleID: id, ParentID: parent, Name: r.PostFormValue("name"), Email: r.PostFormValue("email"),
		Body: r.PostFormValue("body"), Honeypot: r.PostFormValue("website"),
		Elapsed: s.elapsed(r.PostFormValue("ts"), s.now()), Visitor: reader, Article: &a,
	})
	if err != nil {
		if ref, ok := commentRefusal(text, err); ok {
			return s.refuse(w, r, &a, sent, ref)
		}
		return err // handle says what is wrong in the page's language
	}
	if out.Status == store.CommentRejected {
		// Stored as rejected for the moderators to see; refused to the reader.
		return s.refuse(w, r, &a, sent, refusal{http.StatusUnprocessableEntity,
			refusedNotice(text, text.T("comment.notice.fix"), guidelineReasons(text, out.Findings)...), true})
	}
	if wantsJSON(r) {
		return web.WriteJSON(w, http.StatusOK, acceptedNotice(text, out.Status))
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
