package newsroom

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/popularity"
	"dateline/internal/store"
	"dateline/internal/web"
)

// ArticlesData is the data of the article list.
type ArticlesData struct {
	Frame
	Items    []store.NewsroomItem
	Views    map[int64]int64 // all-time views of the listed articles
	Sections []news.Section
	Staff    []store.Account
	Statuses []news.Status
	Editions []EditionChoice
	Filter   ListFilter
	Pages
	// AwaitingReview counts the stories in review the member may see.
	AwaitingReview int
}

// ListFilter is the list's filter form as submitted.
type ListFilter struct {
	Status  string
	Section int64
	Author  int64
	Q       string
	Lang    string // edition
	Mine    bool
}

var allStatuses = []news.Status{news.StatusDraft, news.StatusReview, news.StatusScheduled, news.StatusPublished, news.StatusUnpublished}

// onlyOwn is the member whose stories alone the lists may show: a reporter
// sees their own (owned or bylined), never other people's drafts and
// plans; editors and admins (0) see everything.
func onlyOwn(ctx context.Context) int64 {
	acc, ok := accountFrom(ctx)
	if !ok {
		return -1 // no one: an id no story has, never 0 (everything)
	}
	if auth.Can(auth.Role(acc.Role), auth.EditAnyArticle) {
		return 0
	}
	return acc.ID
}

// articles lists articles of every status with filters; moderators, who
// handle comments only, are refused.
func (n *Newsroom) articles(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.WriteArticle, "work on articles"); err != nil {
		if acc, _ := accountFrom(r.Context()); acc.Role == string(auth.Moderator) {
			return n.page(w, http.StatusOK, "message", MessageData{Frame: n.frame(r, "Newsroom", "articles"),
				Heading: "Welcome", Message: "Your role is comment moderation. The comment queue is where you work.", Back: "/newsroom/comments"})
		}
		return err
	}
	q := r.URL.Query()
	f := ListFilter{Status: q.Get("status"), Q: strings.TrimSpace(q.Get("q")), Lang: q.Get("lang"), Mine: q.Get("mine") == "1"}
	if f.Status != "" && !news.Status(f.Status).Valid() {
		return web.BadRequest("Unknown status " + strconv.Quote(f.Status) + ".")
	}
	if f.Lang != "" && !news.ValidLang(f.Lang) {
		return web.BadRequest("Unknown edition " + strconv.Quote(f.Lang) + ".")
	}
	var err error
	if f.Section, err = optionalID(q.Get("section")); err != nil {
		return err
	}
	if f.Author, err = optionalID(q.Get("author")); err != nil {
		return err
	}
	if f.Mine {
		f.Author = actor(r).Account.ID
	}
	if len(f.Q) > 200 {
		return web.BadRequest("The search is too long.")
	}
	page, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	items, total, err := n.store.NewsroomList(r.Context(), store.NewsroomFilter{Status: news.Status(f.Status),
		SectionID: f.Section, StaffID: f.Author, Search: f.Q, Lang: f.Lang, OnlyOf: onlyOwn(r.Context()), Limit: listPerPage, Offset: offset(page)})
	if err != nil {
		return err
	}
	data := ArticlesData{Frame: n.frame(r, "Articles", "articles"), Items: items, Filter: f, Pages: pagesOf(total, page, "/newsroom/", f.values()),
		Statuses: allStatuses, Editions: n.editionChoices()}
	// The desk's queue, always in view: stories waiting for an editor
	// (for a reporter, their own).
	if _, data.AwaitingReview, err = n.store.NewsroomList(r.Context(), store.NewsroomFilter{Status: news.StatusReview,
		OnlyOf: onlyOwn(r.Context()), Limit: 1}); err != nil {
		return err
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	if data.Views, err = n.store.ViewsOf(r.Context(), popularity.Article, ids); err != nil {
		return err
	}
	if data.Sections, err = n.store.Sections(r.Context()); err != nil {
		return err
	}
	if data.Staff, err = n.store.Accounts(r.Context()); err != nil {
		return err
	}
	return n.page(w, http.StatusOK, "articles", data)
}

// values is the filter as the list's address carries it.
func (f ListFilter) values() url.Values {
	v := url.Values{}
	for k, val := range map[string]string{"status": f.Status, "q": f.Q, "lang": f.Lang} {
		if val != "" {
			v.Set(k, val)
		}
	}
	if f.Section != 0 {
		v.Set("section", strconv.FormatInt(f.Section, 10))
	}
	if f.Author != 0 && !f.Mine {
		v.Set("author", strconv.FormatInt(f.Author, 10))
	}
	if f.Mine {
		v.Set("mine", "1")
	}
	return v
}

func optionalID(raw string) (int64, error) {
	if raw == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id < 0 {
		return 0, web.BadRequest(fmt.Sprintf("%q is not an id.", raw))
	}
	return id, nil
}

// pathID reads a positive id from the path; anything else is a 404.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id < 1 {
		return 0, web.NotFound("There is no such page in the newsroom.")
	}
	return id, nil
}
