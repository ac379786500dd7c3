package site

import (
	"net/http"
	"strconv"
	"unicode/utf8"

	"dateline/internal/web"
)

// perPage is how many articles a list page shows.
const perPage = 20

// pathID reads a positive integer id from the path; anything else is a 404,
// because no such page exists.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id < 1 {
		return 0, web.NotFound("There is no page at this address.")
	}
	return id, nil
}

// pathSlug reads a slug from the path, refusing ones no slug could be
// (invalid UTF-8, absurd length) before they reach the database.
func pathSlug(r *http.Request, name string) (string, error) {
	slug := r.PathValue(name)
	if slug == "" || len(slug) > 200 || !utf8.ValidString(slug) {
		return "", web.NotFound("There is no page at this address.")
	}
	return slug, nil
}

// lastPage is the number of pages total items fill, at least 1.
func lastPage(total int) int {
	if total <= perPage {
		return 1
	}
	return (total + perPage - 1) / perPage
}
