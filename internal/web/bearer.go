package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// RequireBearer serves next only to requests that carry token as a bearer
// token ("Authorization: Bearer <token>"); any other request gets a 401.
// The comparison takes the same time whatever the guess, so the token
// cannot be found a byte at a time. An empty token lets every request in.
func RequireBearer(token string, next http.Handler) http.Handler {
	if token == "" {
		return next
	}
	// Hashing first gives both sides one length, so even the length of the
	// token is not told by the time a wrong guess takes.
	want := sha256.Sum256([]byte(token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		got := sha256.Sum256([]byte(strings.TrimSpace(given)))
		if !ok || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "This address needs a bearer token (DATELINE_METRICS_TOKEN).", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
