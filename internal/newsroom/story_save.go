package newsroom

import (
	"errors"
	"net/http"
	"time"

	"dateline/internal/desk"
	"dateline/internal/store"
)

// saveStory hands an editor's draft to the kind's workflow: a new story
// (isNew) or the one of the request's address, which must still be at
// version. at is the time to publish at, for a schedule.
func saveStory[T, D any](r *http.Request, flow *desk.Workflow[T, D], isNew bool, dr D, version int, action desk.Action, at time.Time) (T, error) {
	if isNew {
		return flow.Create(r.Context(), actor(r), dr, action, at)
	}
	id, err := pathID(r, "id")
	if err != nil {
		var none T
		return none, err
	}
	return flow.Update(r.Context(), actor(r), id, version, &dr, action, at)
}

// refusal says how a refused save is shown again: a stale save is a 409
// that keeps the writer's text; fields the desk refused are a 400 listing
// them. ok is false for any other error, which is not the writer's to fix.
func refusal(err error, what string) (status int, problems []string, stale, ok bool) {
	var input *desk.InputError
	switch {
	case errors.Is(err, store.ErrStale):
		return http.StatusConflict, []string{"Someone else saved this " + what + " after you opened it, so your changes were NOT saved. " +
			"What you typed and chose is still below. Saving it again replaces their version with yours: " +
			"the differences are listed first. To start again from theirs, open the latest version."}, true, true
	case asErr(err, &input):
		return http.StatusBadRequest, input.Problems, false, true
	}
	return 0, nil, false, false
}
