package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/web"
)

// adminKind is one publishable kind as the admin API serves it: the desk's
// workflow for it, where it lives, how it is shown and how a request body
// becomes a draft. The handlers of the workflow's steps (admin_workflow.go)
// are written once against it and registered per kind in routes.go.
type adminKind[T, D any, F changeRequest] struct {
	api  *API
	flow *desk.Workflow[T, D]
	path string // the collection's address, "/api/v1/admin/articles"

	show    func(T) any // the JSON answer
	fields  func() F    // an empty request body
	draftOf func(T) D   // the draft that would leave the story as it is
	// overlay sets on a draft the fields present in a request body.
	overlay func(ctx context.Context, d D, f F) (D, error)
}

// changeRequest is a kind's body for creating and changing a story.
type changeRequest interface {
	version() *int // the version the client read; nil when not sent
	hasContent() bool
	step() (desk.Action, time.Time, error)
}

func (k *adminKind[T, D, F]) name() string { return k.flow.Kind().Name }

func (k *adminKind[T, D, F]) state(item *T) desk.State { return k.flow.Kind().State(item) }

// storyPath is the admin API address of one story.
func (k *adminKind[T, D, F]) storyPath(id int64) string {
	return k.path + "/" + strconv.FormatInt(id, 10)
}

// visible loads the story of the request's address, if the actor may see
// it: anyone who may edit it, and editors and admins always. Every
// per-story endpoint starts here, so that staff who may not see a story
// learn nothing of it but that it exists; the desk then checks the step.
func (k *adminKind[T, D, F]) visible(r *http.Request, actor auth.Actor) (T, error) {
	var item T
	id, err := storyID(r, k.name())
	if err != nil {
		return item, err
	}
	if item, err = k.flow.Load(r.Context(), id); err != nil {
		return item, err
	}
	st := k.state(&item)
	if !auth.CanView(actor.Role(), actor.Account.ID, auth.ArticleRef{OwnerID: *st.OwnerID, Status: *st.Status}) {
		return item, &web.Error{Status: http.StatusForbidden, Message: "Your role does not allow you to see this " + k.name() + "."}
	}
	return item, nil
}

// readBack answers with the story as stored, read back so that the answer
// matches what a later GET returns (times rounded by the database, tag
// slugs).
func (k *adminKind[T, D, F]) readBack(ctx context.Context, w http.ResponseWriter, status int, id int64) error {
	item, err := k.flow.Load(ctx, id)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, status, k.show(item))
}

// missingVersion is the answer to a change that does not say which version
// of the story it was made on.
func (k *adminKind[T, D, F]) missingVersion() error {
	return web.BadRequest("version is required: send the version of the " + k.name() + " you read")
}

// get answers GET {path}/{id}, whatever the story's status.
func (k *adminKind[T, D, F]) get(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	item, err := k.visible(r, actor)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, k.show(item))
}
