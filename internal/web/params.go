package web

import (
	"net/http"
	"strconv"
)

// MaxPage bounds ?page=N so that offsets stay small integers.
const MaxPage = 100_000

// PageNumber reads ?page=N: absent means 1; anything but a whole number from
// 1 to MaxPage written plainly ("+2" and "02" are refused, so each page has
// one address) is a 400 that says so.
func PageNumber(r *http.Request) (int, error) {
	raw := r.URL.Query().Get("page")
	if raw == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > MaxPage || strconv.Itoa(n) != raw {
		return 0, BadRequest("The page number must be a whole number from 1 to 100000.")
	}
	return n, nil
}
