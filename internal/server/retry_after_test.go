package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestRateLimitedAnswersSayWhenToComeBack bursts each anonymous rate-limited
// endpoint from one address until it answers 429, and checks that the 429
// says when to try again: Retry-After in whole seconds, at least one.
func TestRateLimitedAnswersSayWhenToComeBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		form := "application/x-www-form-urlencoded"
		for _, c := range []struct {
			name, method, path, contentType, body string
		}{
			{"comment API", http.MethodPost, servertest.CommentsPath(a.ID), "application/json", `{}`},
			{"flag API", http.MethodPost, "/api/v1/comments/999999/flags", "application/json", `{"reason":"spam"}`},
			{"comment check API", http.MethodPost, "/api/v1/comments/check", "application/json", `{}`},
			{"search API", http.MethodGet, "/api/v1/search?q=kelani", "", ""},
			{"view beacon", http.MethodPost, "/api/v1/views", "text/plain;charset=UTF-8", `{"kind":"article","id":999999}`},
			{"comment form", http.MethodPost, fmt.Sprintf("/news/%d/comments", a.ID), form, servertest.CommentForm("Rapid", "", "", "").Encode()},
			{"flag form", http.MethodPost, "/comments/999999/flag", form, url.Values{"reason": {"spam"}}.Encode()},
			{"search page", http.MethodGet, "/search?q=kelani", "", ""},
		} {
			// A browser: the forms hand out a reader cookie (a 307, which
			// stores nothing) before they count a post.
			v := servertest.NewVisitor(t, f, true)
			limited := false
			for i := 0; i < 100 && !limited; i++ {
				r := v.Send(t, c.method, c.path, c.contentType, strings.NewReader(c.body))
				if c.contentType == form {
					r = v.Again(t, r, c.body)
				}
				if r.Status != http.StatusTooManyRequests {
					continue
				}
				limited = true
				n, err := strconv.Atoi(r.Header.Get("Retry-After"))
				if err != nil || n < 1 || n > 3600 {
					t.Errorf("%s: 429 after %d requests with Retry-After %q, want whole seconds, at least 1", c.name, i, r.Header.Get("Retry-After"))
				}
			}
			if !limited {
				t.Errorf("%s: 100 quick requests from one address were never limited", c.name)
			}
		}
	})
}
