package api

import (
	"errors"
	"net/http"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/web"
)

// create answers POST {path}: a new story from the body's fields, and the
// step the body asks for.
func (k *adminKind[T, D, F]) create(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	// The desk checks this too; asking first keeps a moderator's answer a
	// 403 whatever the body holds.
	if !auth.Can(actor.Role(), auth.WriteArticle) {
		return &auth.Forbidden{What: k.flow.Kind().Write}
	}
	req := k.fields()
	if err := decodeJSON(w, r, req); err != nil {
		return err
	}
	if req.version() != nil {
		return web.BadRequest("version is for changing an existing " + k.name() + "; a new one has none")
	}
	action, at, err := req.step()
	if err != nil {
		return err
	}
	var empty D
	draft, err := k.overlay(r.Context(), empty, req)
	if err != nil {
		return err
	}
	item, err := k.flow.Create(r.Context(), actor, draft, action, at)
	if err != nil {
		return err
	}
	id := *k.state(&item).ID
	w.Header().Set("Location", k.api.cfg.BaseURL+k.storyPath(id))
	return k.readBack(r.Context(), w, http.StatusCreated, id)
}

// patch answers PATCH {path}/{id}: fields left out keep their values.
func (k *adminKind[T, D, F]) patch(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	base, err := k.visible(r, actor)
	if err != nil {
		return err
	}
	req := k.fields()
	if err := decodeJSON(w, r, req); err != nil {
		return err
	}
	if req.version() == nil {
		return k.missingVersion()
	}
	// The draft is built on base, so base must be the version the client
	// read; the desk and the store check it again when writing.
	st := k.state(&base)
	if *req.version() != *st.Version {
		return k.flow.Stale()
	}
	action, at, err := req.step()
	if err != nil {
		return err
	}
	var draft *D
	if req.hasContent() {
		d, err := k.overlay(r.Context(), k.draftOf(base), req)
		if err != nil {
			return err
		}
		draft = &d
	} else if action == desk.Save {
		return web.WriteJSON(w, http.StatusOK, k.show(base)) // nothing to change
	}
	if _, err := k.flow.Update(r.Context(), actor, *st.ID, *st.Version, draft, action, at); err != nil {
		return err
	}
	return k.readBack(r.Context(), w, http.StatusOK, *st.ID)
}

// stepRequest is the body of the workflow steps (publish, schedule, ...).
type stepRequest struct {
	Version   *int   `json:"version"`
	PublishAt string `json:"publish_at"` // RFC 3339, for schedule
}

// versionRequest is the body of the steps of a kind that is never
// scheduled, which has no use for publish_at.
type versionRequest struct {
	Version *int `json:"version"`
}

// step answers POST {path}/{id}/{step} for the workflow steps that change
// only the status: submit, publish, schedule and unpublish. The body is
// {"version": N}, plus "publish_at" to schedule.
func (k *adminKind[T, D, F]) step(action desk.Action) adminFunc {
	return func(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
		item, err := k.visible(r, actor)
		if err != nil {
			return err
		}
		var req stepRequest
		if k.state(&item).ScheduledAt != nil {
			err = decodeJSON(w, r, &req)
		} else {
			var v versionRequest
			err = decodeJSON(w, r, &v)
			req.Version = v.Version
		}
		if err != nil {
			return err
		}
		if req.Version == nil {
			return k.missingVersion()
		}
		at, err := publishAt(action, req.PublishAt)
		if err != nil {
			return err
		}
		id := *k.state(&item).ID
		if _, err := k.flow.Update(r.Context(), actor, id, *req.Version, nil, action, at); err != nil {
			return err
		}
		return k.readBack(r.Context(), w, http.StatusOK, id)
	}
}

// remove answers DELETE {path}/{id}.
func (k *adminKind[T, D, F]) remove(w http.ResponseWriter, r *http.Request, actor auth.Actor) error {
	item, err := k.visible(r, actor)
	if err != nil {
		return err
	}
	err = k.flow.Delete(r.Context(), actor, *k.state(&item).ID)
	var refused *desk.InputError
	if errors.As(err, &refused) {
		// The desk refuses to delete what readers have seen: not a fault in
		// the request but a conflict with the story's state.
		return &web.Error{Status: http.StatusConflict, Message: refused.Error()}
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
