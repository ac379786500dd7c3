package site

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/web"
)

// CommentPage is the page a refused comment comes back on when the form
// was sent without script: the one notice that says why, then the form with
// the reader's words in it to change and send again or, where sending
// again cannot help (comments closed, a ban), the text as a copy to keep.
type CommentPage struct {
	Layout
	Heading string
	Back    string // the article's address
	Notice  CommentNotice
	Form    CommentFormView
	Resend  bool
}

// wantsJSON reports whether comments.js sent the form, which asks for
// JSON, rather than the browser on its own.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// sentForm is the comment form as the request sent it, to be given back,
// in the language it names (the default edition's if it names none).
func (s *Site) sentForm(r *http.Request, articleID int64) CommentFormView {
	lang := s.cfg.Editions.Default().Lang
	if ed, ok := s.cfg.Editions.Get(r.PostFormValue("lang")); ok {
		lang = ed.Lang
	}
	parent, err := strconv.ParseInt(r.PostFormValue("parent_id"), 10, 64)
	if err != nil || parent < 0 {
		parent = 0
	}
	// Text that is not UTF-8 is refused, but comes back readable.
	valid := func(field string) string { return strings.ToValidUTF8(r.PostFormValue(field), "\uFFFD") }
	return CommentFormView{ArticleID: articleID, Lang: lang, Cancel: s.href(lang, fmt.Sprintf("/news/%d", articleID)),
		ParentID: parent, FormTime: s.formTime(s.now()), Name: valid("name"), Email: valid("email"), Body: valid("body")}
}

// refuse answers a comment the form did not take: comments.js gets the
// notice as JSON; a browser without it gets the comment page, in the
// article's edition. a is nil when the refusal came before the article was
// read, and then the page reads nothing: a reader sending too fast costs
// no queries.
func (s *Site) refuse(w http.ResponseWriter, r *http.Request, a *news.Article, form CommentFormView, ref refusal) error {
	if wantsJSON(r) {
		return web.WriteJSON(w, ref.status, ref.notice)
	}
	ctx := r.Context()
	if ed, ok := s.cfg.Editions.Get(form.Lang); ok {
		r = r.WithContext(context.WithValue(ctx, editionKey{}, ed))
	}
	text := s.textFor(r)
	data := CommentPage{Layout: s.bareLayout(r, text.T("comment.page.title"), ""), Heading: text.T("comment.page.title"),
		Back: form.Cancel, Notice: ref.notice, Resend: ref.resend}
	if a != nil {
		data.Sections, _ = s.sections(ctx, a.Lang) // this answer is no-store anyway
		data.Heading = text.T("comment.page.about", "title", a.Headline)
		// A reply stays one only to a comment it may answer: shown on
		// this article and not itself a reply.
		if id := form.ParentID; id != 0 {
			form.ParentID = 0
			p, err := s.store.CommentByID(ctx, id)
			switch {
			case errors.Is(err, store.ErrNotFound):
			case err != nil:
				return err
			case p.Status == store.CommentApproved && p.ArticleID == a.ID && p.ParentID == 0:
				item := s.commentItem(text, p)
				form.ReplyTo, form.ParentID = &item, p.ID
			}
		}
	}
	data.Form = form
	data.NoIndex = true
	return s.page(w, ref.status, "comment", data)
}
