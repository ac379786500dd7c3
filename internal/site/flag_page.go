package site

import (
	"context"
	"net/http"

	"dateline/internal/news"
)

// FlagPage is one comment with the flag form, for readers whose browser
// runs no script: each comment's flag link leads here.
type FlagPage struct {
	Layout
	Article    news.Article
	Comment    CommentItem
	Comments   CommentSection // only its Reasons: the form's choices
	FlagAction string
}

// flagPage shows the flag form for one approved comment, in the edition
// of its article. A comment not (or no longer) shown to readers is a 404:
// this page must not show text the moderators have not passed.
func (s *Site) flagPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	c, err := s.store.CommentByID(ctx, id)
	if err != nil {
		return err
	}
	if c.Status != "approved" {
		return fail(http.StatusNotFound, "error.not_found")
	}
	if c.ParentID != 0 {
		// A reply shows only while its parent does (the article's list
		// hides it otherwise), and so here.
		if p, err := s.store.CommentByID(ctx, c.ParentID); err != nil || p.Status != "approved" {
			return fail(http.StatusNotFound, "error.not_found")
		}
	}
	a, err := s.store.PublishedArticle(ctx, c.ArticleID)
	if err != nil {
		return err
	}
	if ed, ok := s.cfg.Editions.Get(a.Lang); ok {
		r = r.WithContext(context.WithValue(ctx, editionKey{}, ed))
	}
	text := s.textFor(r)
	data := FlagPage{Layout: s.layout(r, text.T("flag.title"), ""), Article: a, Comment: s.commentItem(text, c),
		Comments: CommentSection{Reasons: flagReasons(text)}, FlagAction: r.URL.Path}
	data.NoIndex = true
	// Personal to nobody, but it answers a click, not a crawl: keep it out
	// of shared caches so a hidden comment's page cannot outlive the hiding.
	w.Header().Set("Cache-Control", "no-store")
	return s.page(w, http.StatusOK, "flag", data)
}
