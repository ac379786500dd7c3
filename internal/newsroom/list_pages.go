package newsroom

import (
	"net/url"
	"strconv"
)

// listPerPage is how many stories a newsroom list shows at once.
const listPerPage = 25

// Pages is where a story list is among its pages, for the pager that every
// list of a publishable kind shows the same way.
type Pages struct {
	Total   int // stories that match the filter
	Page    int
	Last    int
	PrevURL string
	NextURL string
}

// pagesOf pages total stories, showing page. The pager's links go to path
// with the list's filter and the page number.
func pagesOf(total, page int, path string, filter url.Values) Pages {
	p := Pages{Total: total, Page: page, Last: max(1, (total+listPerPage-1)/listPerPage)}
	link := func(n int) string {
		v := url.Values{}
		for k, vals := range filter {
			v[k] = vals
		}
		v.Set("page", strconv.Itoa(n))
		return path + "?" + v.Encode()
	}
	if page > 1 {
		p.PrevURL = link(page - 1)
	}
	if page < p.Last {
		p.NextURL = link(page + 1)
	}
	return p
}

// offset is where page starts in a list.
func offset(page int) int { return (page - 1) * listPerPage }
