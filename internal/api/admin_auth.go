package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/store"
	"dateline/internal/web"
)

// adminFunc is an admin API handler; it runs only for an authenticated actor.
type adminFunc func(w http.ResponseWriter, r *http.Request, actor auth.Actor) error

// maxTokenLen bounds what is hashed and looked up; real tokens are 47 bytes.
const maxTokenLen = 256

// admin authenticates the request's bearer token, runs h for the token's
// owner and turns the desk's errors into API answers, so that handlers only
// return them.
func (a *API) admin(h adminFunc) http.Handler {
	return a.handle(func(w http.ResponseWriter, r *http.Request) error {
		// Answers depend on who asks and may hold unpublished copy.
		w.Header().Set("Cache-Control", "no-store")
		actor, err := a.authenticate(w, r)
		if err != nil {
			return err
		}
		return answer(w, r, h(w, r, actor))
	})
}

// authenticate finds the account behind the Authorization header. Tokens are
// read from that header only: a token in a query string ends up in logs and
// browser history, and one in a cookie would be sent by any page that
// points a browser at us.
func (a *API) authenticate(w http.ResponseWriter, r *http.Request) (auth.Actor, error) {
	values := r.Header.Values("Authorization")
	if len(values) == 0 {
		return auth.Actor{}, unauthorized(w, false, "send your API token in the Authorization header, as: Bearer <token>")
	}
	scheme, token, ok := strings.Cut(values[0], " ")
	if len(values) > 1 || !ok || !strings.EqualFold(scheme, "Bearer") || token == "" ||
		len(token) > maxTokenLen || strings.ContainsAny(token, " \t") {
		return auth.Actor{}, unauthorized(w, true, "the Authorization header must be exactly: Bearer <token>")
	}
	acc, tok, err := a.store.TokenAccount(r.Context(), auth.HashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return auth.Actor{}, unauthorized(w, true, "the API token is unknown or has been revoked")
	}
	if err != nil {
		return auth.Actor{}, err
	}
	return auth.Actor{Account: acc, Via: fmt.Sprintf("API token %q", tok.Name)}, nil
}

// unauthorized is a 401 with the challenge RFC 6750 asks for; invalid says
// whether a token was sent but refused.
func unauthorized(w http.ResponseWriter, invalid bool, msg string) error {
	challenge := `Bearer realm="Dateline admin API"`
	if invalid {
		challenge += `, error="invalid_token"`
	}
	w.Header().Set("WWW-Authenticate", challenge)
	return &web.Error{Status: http.StatusUnauthorized, Message: msg}
}
