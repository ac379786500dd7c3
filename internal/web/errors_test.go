package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"dateline/internal/store"
)

// TestUnavailableIsA503WithRetryAfter: a handler failing because the
// database is down answers 503 with Retry-After and a message saying so;
// any other server fault stays a 500 without it.
func TestUnavailableIsA503WithRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		status int
		retry  string
		msg    string
	}{
		{"database down", fmt.Errorf("load article: %w", store.ErrUnavailable), 503, RetryAfter, UnavailableMessage},
		{"not found", store.ErrNotFound, 404, "", "The page you asked for does not exist."},
		{"a bug", errors.New("nil map"), 500, "", "Something went wrong on our side. Please try again shortly."},
	} {
		h := Adapt(func(http.ResponseWriter, *http.Request) error { return tc.err }, JSONError)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/articles", nil))
		var body struct{ Error string }
		json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != tc.status || rec.Header().Get("Retry-After") != tc.retry || body.Error != tc.msg {
			t.Errorf("%s: %d Retry-After %q %q, want %d %q %q", tc.name, rec.Code, rec.Header().Get("Retry-After"), body.Error, tc.status, tc.retry, tc.msg)
		}
	}
}
