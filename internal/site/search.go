package site

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"dateline/internal/search"
	"dateline/internal/store"
)

// SearchPage is the data of /search.
type SearchPage struct {
	Layout
	Query    string // as the reader typed it, for the form
	Shown    string // the query as it was understood, for "N results for …"
	Action   string // the edition's /search
	Message  string // why the search was refused, or ""
	Searched bool   // a search ran (the count and results are shown)
	Total    int
	Results  []SearchResult
	Pager    Pager
}

// SearchResult is one found story. Title and Snippet come from search.HTML:
// escaped text with the matched words in <mark>.
type SearchResult struct {
	Path        string
	Title       template.HTML
	Snippet     template.HTML
	Video       bool
	Lang        string
	PublishedAt time.Time
}

// search shows /search?q=&page=: the form alone without q, else the
// published stories of the edition matching every word, best first. A
// search with no words or over search.MaxQueryBytes is refused with a 400
// page that says why and keeps the form.
func (s *Site) search(w http.ResponseWriter, r *http.Request) error {
	page, err := pageNumber(r)
	if err != nil {
		return err
	}
	params := r.URL.Query()
	raw := params.Get("q")
	ed := s.edition(r)
	data := SearchPage{Query: formValue(raw), Action: ed.Path("/search")}
	data.Layout = s.layout(r, "", "")
	data.Title = data.Text.T("search.heading")
	data.Description = data.Text.T("search.description", "site", s.cfg.SiteName)
	data.NoIndex = true // result pages are for readers, not for search engines
	if !params.Has("q") {
		s.samePage(&data.Layout, "/search")
		return s.page(w, http.StatusOK, "search", data)
	}
	q, err := search.Parse(raw)
	if err != nil {
		data.Message = data.Text.T("search.empty")
		if errors.Is(err, search.ErrQueryTooLong) {
			data.Message = data.Text.T("search.too_long", "max", search.MaxQueryBytes)
		}
		return s.page(w, http.StatusBadRequest, "search", data)
	}
	if !s.searchLimiter.Admit(w, s.clientIP(r)) {
		return fail(http.StatusTooManyRequests, "search.too_many")
	}
	res, err := s.store.Search(r.Context(), store.SearchQuery{Query: q, Lang: ed.Lang, Limit: perPage, Offset: (page - 1) * perPage})
	if err != nil {
		return err
	}
	last := lastPage(res.Total)
	if page > last {
		return pastEnd(last, page)
	}
	data.Searched, data.Total = true, res.Total
	for _, h := range res.Hits {
		data.Results = append(data.Results, SearchResult{Path: s.href(h.Lang, h.Path()), Lang: h.Lang, PublishedAt: h.PublishedAt,
			Video: h.Kind == store.SearchVideo, Title: search.HTML(search.Highlight(q, h.Title)),
			Snippet: search.HTML(search.Snippet(q, h.Summary, h.Body))})
	}
	// The words as typed: the normalised ones lack the joiners Sinhala
	// needs to render as the reader wrote it.
	data.Shown = strings.Join(strings.Fields(data.Query), " ")
	data.Title = data.Text.T("search.title", "query", data.Shown)
	data.Pager = Pager{Page: page, Last: last, Total: res.Total}
	if page > 1 {
		data.Pager.Prev = ed.Path(searchURL(raw, page-1))
	}
	if page < last {
		data.Pager.Next = ed.Path(searchURL(raw, page+1))
	}
	data.Canonical = s.absolute(ed.Path(searchURL(raw, page)))
	s.samePage(&data.Layout, searchURL(raw, page))
	return s.page(w, http.StatusOK, "search", data)
}

// searchURL is the address of one page of a search.
func searchURL(q string, page int) string {
	v := url.Values{"q": {q}}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return "/search?" + v.Encode()
}

// formValue is the query as the form shows it again: valid UTF-8, no
// control characters, and no longer than a query may be.
func formValue(raw string) string {
	if len(raw) > search.MaxQueryBytes {
		raw = raw[:search.MaxQueryBytes]
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(raw, ""))
}
