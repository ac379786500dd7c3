package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"dateline/internal/news"
	"dateline/internal/search"
	"dateline/internal/store"
	"dateline/internal/web"
)

// searchPerPage is how many results one page of GET /api/v1/search holds.
const searchPerPage = 20

// SearchItem is one result of GET /api/v1/search. Snippet is HTML: the text
// around the best match, every character escaped, with the matched words in
// <mark>…</mark>; it holds no other markup, so a client may insert it as is.
type SearchItem struct {
	Kind        string    `json:"kind"` // "article" or "video"
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	URL         string    `json:"url"` // absolute
	Snippet     string    `json:"snippet"`
	PublishedAt time.Time `json:"published_at"`
}

// SearchList is one page of results and the number of matches in all.
type SearchList struct {
	Total int          `json:"total"`
	Items []SearchItem `json:"items"`
}

// search answers GET /api/v1/search?q=&lang=&page=: published articles and
// video stories matching every word of q ("quoted words" are a phrase),
// best first, 20 a page. A page past the end is an empty list.
func (a *API) search(w http.ResponseWriter, r *http.Request) error {
	if err := a.limit(w, r, a.searchLimiter); err != nil {
		return err
	}
	params := r.URL.Query()
	raw := params.Get("q")
	if strings.TrimSpace(raw) == "" {
		return web.BadRequest("q is required: the words to search for")
	}
	q, err := search.Parse(raw)
	switch {
	case errors.Is(err, search.ErrQueryTooLong):
		return web.BadRequest(fmt.Sprintf("q is too long: at most %d bytes", search.MaxQueryBytes))
	case err != nil:
		return web.BadRequest("q has no words to search for")
	}
	lang := params.Get("lang")
	if lang != "" && !news.ValidLang(lang) {
		return web.BadRequest("lang must be one of " + strings.Join(news.Languages, ", "))
	}
	page, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	res, err := a.store.Search(r.Context(), store.SearchQuery{Query: q, Lang: lang, Limit: searchPerPage, Offset: (page - 1) * searchPerPage})
	if err != nil {
		return err
	}
	out := SearchList{Total: res.Total, Items: make([]SearchItem, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Items = append(out.Items, SearchItem{Kind: h.Kind, ID: h.ID, Title: h.Title, URL: a.publicURL(h.Lang, h.Path()),
			Snippet: string(search.HTML(search.Snippet(q, h.Summary, h.Body))), PublishedAt: h.PublishedAt.UTC()})
	}
	return web.WriteJSON(w, http.StatusOK, out)
}
