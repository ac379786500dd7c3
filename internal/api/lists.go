package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"dateline/internal/news"
	"dateline/internal/web"
)

// List is one page of published stories of one kind: the envelope every
// public list answers in.
type List[T any] struct {
	Items   []T `json:"items"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
	Total   int `json:"total"`
}

// ArticleList is one page of articles.
type ArticleList = List[Article]

// VideoList is one page of video stories, in the articles' envelope.
type VideoList = List[Video]

// listQuery is what every public list reads from its query string: the
// page, how many stories a page holds, and the edition ("" for all).
type listQuery struct {
	Page    int
	PerPage int
	Lang    string
}

func (q listQuery) offset() int { return (q.Page - 1) * q.PerPage }

// readListQuery reads ?page=&per_page=&lang=.
func readListQuery(q url.Values) (listQuery, error) {
	var (
		lq  listQuery
		err error
	)
	if lq.Page, err = intParam(q.Get("page"), 1, 1, 100_000, "page"); err != nil {
		return lq, err
	}
	if lq.PerPage, err = intParam(q.Get("per_page"), 20, 1, 50, "per_page"); err != nil {
		return lq, err
	}
	if lq.Lang = q.Get("lang"); lq.Lang != "" && !news.ValidLang(lq.Lang) {
		return lq, web.BadRequest("lang must be one of " + strings.Join(news.Languages, ", "))
	}
	return lq, nil
}

// storyID reads the {id} of a story's address; what names the kind.
func storyID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, web.BadRequest(what + " id must be a positive whole number")
	}
	return id, nil
}
