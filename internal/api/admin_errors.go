package api

import (
	"errors"
	"net/http"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/store"
	"dateline/internal/web"
)

// problemsJSON is the body of a 400 for fields the desk refused.
type problemsJSON struct {
	Error    string   `json:"error"`
	Problems []string `json:"problems"`
}

// answer maps the errors of the desk and the store to the admin API's
// answers. web.StatusOf does not know the desk, and its messages for missing
// or stale articles are written for the site, so they are decided here; what
// is left (server faults included) goes on to web.Adapt unchanged, which logs
// it and writes it with web.JSONError.
func answer(w http.ResponseWriter, r *http.Request, err error) error {
	var (
		we     *web.Error
		input  *desk.InputError
		forbid *auth.Forbidden
		stale  *desk.StaleError
		miss   *desk.MissingError
		taken  *desk.Taken
	)
	switch {
	case err == nil, errors.As(err, &we):
		return err
	case errors.As(err, &input):
		// The only error that needs more than a message; handlers return
		// it before writing anything, so the response is still ours.
		return web.WriteJSON(w, http.StatusBadRequest, problemsJSON{Error: input.Error(), Problems: input.Problems})
	case errors.As(err, &forbid):
		return &web.Error{Status: http.StatusForbidden, Message: forbid.Error()}
	case errors.Is(err, auth.ErrForbidden):
		return &web.Error{Status: http.StatusForbidden, Message: "Your role does not allow this."}
	case errors.As(err, &stale):
		return &web.Error{Status: http.StatusConflict, Message: "the " + stale.Kind + " has changed since the version you sent; " +
			"GET it again for the current version, then make your change again"}
	case errors.As(err, &taken):
		return &web.Error{Status: http.StatusConflict, Message: taken.Error()}
	case errors.Is(err, store.ErrStale):
		// The workflows name their kind (StaleError); what else is stale
		// comes from the article endpoints, corrections and translations.
		return &web.Error{Status: http.StatusConflict, Message: "the article has changed since the version you sent; " +
			"GET it again for the current version, then make your change again"}
	case errors.As(err, &miss) && r.PathValue("id") != "":
		return web.NotFound("no " + miss.Kind + " with id " + r.PathValue("id"))
	case errors.Is(err, store.ErrNotFound) && r.PathValue("id") != "":
		return web.NotFound("no article with id " + r.PathValue("id"))
	}
	return err
}
