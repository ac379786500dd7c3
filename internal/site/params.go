package site

import (
	"net/http"
	"strconv"
	"unicode/utf8"

	"dateline/internal/web"
)

// perPage is how many articles a list page shows.
const perPage = 20

// pathID reads a positive integer id from the path, written as the site
// writes it; anything else is a 404, because no such page exists. "05" and
// "+5" would serve article 5 at addresses of their own, each another entry
// in the page cache.
func pathID(r *http.Request, name string) (int64, error) {
	raw := r.PathValue(name)
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id < 1 || strconv.FormatInt(id, 10) != raw {
		return 0, fail(http.StatusNotFound, "error.no_page")
	}
	return id, nil
}

// pathSlug reads a slug from the path, refusing ones no slug could be
// (invalid UTF-8, absurd length) before they reach the database.
func pathSlug(r *http.Request, name string) (string, error) {
	slug := r.PathValue(name)
	if slug == "" || len(slug) > 200 || !utf8.ValidString(slug) {
		return "", fail(http.StatusNotFound, "error.no_page")
	}
	return slug, nil
}

// pageNumber reads ?page=N as web.PageNumber does, refusing anything else
// in the page's language.
func pageNumber(r *http.Request) (int, error) {
	page, err := web.PageNumber(r)
	if err != nil {
		return 0, fail(http.StatusBadRequest, "error.page_number", "max", web.MaxPage)
	}
	return page, nil
}

// pastEnd is the 404 for a page number beyond a list's last page.
func pastEnd(last, page int) error {
	return failCount(http.StatusNotFound, "error.past_end", last, "page", page)
}

// lastPage is the number of pages total items fill, at least 1.
func lastPage(total int) int {
	if total <= perPage {
		return 1
	}
	return (total + perPage - 1) / perPage
}
