package desk

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/store"
)

// Kind describes one kind of publishable story (articles, video stories) to
// the Workflow: what it is called, where its shared fields are, and how it is
// loaded, filled from a draft and stored. T is the story, D the draft a
// writer sends for it. Everything else (who may do what, which status may
// follow which, the version check, the audit entries) is the Workflow's, the
// same for every kind.
type Kind[T, D any] struct {
	Name   string // in messages: "article", "video story"
	Plural string // "articles", "video stories"
	Write  string // what creating one is called in a refusal: "write articles"

	// New returns an empty story with the kind's defaults; the Workflow
	// sets its status and owner.
	New func() T
	// State points at the fields every kind has.
	State func(*T) State
	// Title names a story in the audit log when it is deleted.
	Title func(*T) string

	// Apply copies a draft onto a story and checks it, storing nothing. It
	// returns what stores the draft's files, run last of all once every
	// check has passed, so a refused change leaves no stray upload.
	Apply func(ctx context.Context, actor auth.Actor, item *T, draft D, isNew bool) (attach func(context.Context) error, err error)
	// Check validates the story after the step; nil: nothing to check.
	Check func(*T) error

	Load   func(ctx context.Context, id int64) (T, error)
	Insert func(ctx context.Context, item *T, ch store.Change) error
	Save   func(ctx context.Context, item *T, ch store.Change) error
	Remove func(ctx context.Context, id int64, ch store.Change) error

	// Revisions restores earlier content; nil for a kind that keeps none.
	Revisions *Revisions[T]
}

// State points into a story at the fields every publishable kind has.
type State struct {
	ID          *int64
	Status      *news.Status
	OwnerID     *int64
	Version     *int
	PublishedAt *time.Time // zero until first published
	// ScheduledAt is nil for a kind that is never scheduled: its stories go
	// out when an editor says, and the Schedule step is refused.
	ScheduledAt *time.Time
}

func (s State) ref() auth.ArticleRef {
	return auth.ArticleRef{OwnerID: *s.OwnerID, Status: *s.Status}
}

// Revisions is how a kind that keeps revisions brings one back.
type Revisions[T any] struct {
	// Restore replaces the story's content with that of its revision id and
	// returns the version the revision was saved as.
	Restore func(ctx context.Context, item *T, revisionID int64) (version int, err error)
}

// Workflow performs the steps of the news desk (create, save, submit,
// publish, schedule, unpublish, delete, restore a revision) on one kind of
// story, with the permission checks for each.
type Workflow[T, D any] struct {
	kind Kind[T, D]
	now  func() time.Time
	loc  *time.Location
}

// StaleError means the story changed since the version the actor loaded; it
// matches store.ErrStale and names the kind.
type StaleError struct{ Kind string }

func (e *StaleError) Error() string        { return "the " + e.Kind + " has changed since it was loaded" }
func (e *StaleError) Is(target error) bool { return target == store.ErrStale }

// MissingError means there is no story of the kind with the id asked for;
// it matches store.ErrNotFound and names the kind.
type MissingError struct{ Kind string }

func (e *MissingError) Error() string        { return "there is no such " + e.Kind }
func (e *MissingError) Is(target error) bool { return target == store.ErrNotFound }

// Load reads the story id, whatever its status.
func (w *Workflow[T, D]) Load(ctx context.Context, id int64) (T, error) {
	item, err := w.kind.Load(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return item, &MissingError{Kind: w.kind.Name}
	}
	return item, err
}

// Kind is the description the workflow was made with.
func (w *Workflow[T, D]) Kind() *Kind[T, D] { return &w.kind }

// Stale is the kind's StaleError, for a caller that checks a version itself.
func (w *Workflow[T, D]) Stale() error { return &StaleError{Kind: w.kind.Name} }

func (w *Workflow[T, D]) named(err error) error {
	if errors.Is(err, store.ErrStale) {
		return w.Stale()
	}
	return err
}

// Create makes a new story from a draft owned by the actor and applies the
// action (an editor may create and publish at once). at is the time to
// publish at, for Schedule.
func (w *Workflow[T, D]) Create(ctx context.Context, actor auth.Actor, draft D, action Action, at time.Time) (T, error) {
	k := &w.kind
	item := k.New()
	if err := actor.Require(auth.WriteArticle, k.Write); err != nil {
		return item, err
	}
	st := k.State(&item)
	*st.Status, *st.OwnerID = news.StatusDraft, actor.Account.ID
	attach, err := k.Apply(ctx, actor, &item, draft, true)
	if err != nil {
		return item, err
	}
	if err := w.step(actor, &item, action, at); err != nil {
		return item, err
	}
	if err := attach(ctx); err != nil {
		return item, err
	}
	detail := ""
	if action != Save {
		detail = "and " + string(action)
	}
	return item, k.Insert(ctx, &item, actor.Change("create", detail))
}

// Update applies a draft (nil: content unchanged) and an action to a story.
// version must be the version the actor loaded; a stale one is refused with
// a StaleError and nothing is written.
func (w *Workflow[T, D]) Update(ctx context.Context, actor auth.Actor, id int64, version int, draft *D, action Action, at time.Time) (T, error) {
	k := &w.kind
	item, err := w.Load(ctx, id)
	if err != nil {
		return item, err
	}
	st := k.State(&item)
	// Changing content or submitting needs the right to edit this story;
	// publishing, scheduling and unpublishing are editors' steps, checked in
	// step.
	statusOnly := draft == nil && (action == Publish || action == Unpublish || action == Schedule && st.ScheduledAt != nil)
	if !statusOnly && !auth.CanEdit(actor.Role(), actor.Account.ID, st.ref()) {
		return item, &auth.Forbidden{What: "edit this " + k.Name}
	}
	if version != *st.Version {
		return item, w.Stale()
	}
	attach := func(context.Context) error { return nil }
	if draft != nil {
		if err := actor.Require(auth.WriteArticle, k.Write); err != nil {
			return item, err
		}
		if attach, err = k.Apply(ctx, actor, &item, *draft, false); err != nil {
			return item, err
		}
	}
	if err := w.step(actor, &item, action, at); err != nil {
		return item, err
	}
	if err := attach(ctx); err != nil {
		return item, err
	}
	return item, w.named(k.Save(ctx, &item, actor.Change(string(action), "")))
}

// step applies the workflow step, checking the role and the status, then
// the kind's own validation.
func (w *Workflow[T, D]) step(actor auth.Actor, item *T, action Action, at time.Time) error {
	if err := w.transition(actor, w.kind.State(item), action, at); err != nil {
		return err
	}
	if w.kind.Check != nil {
		return w.kind.Check(item)
	}
	return nil
}

func (w *Workflow[T, D]) transition(actor auth.Actor, st State, action Action, at time.Time) error {
	k := &w.kind
	now := w.now().UTC()
	switch action {
	case Save:
		return nil
	case Submit:
		if err := actor.Require(auth.SubmitArticle, "submit "+k.Plural+" for review"); err != nil {
			return err
		}
		if *st.Status != news.StatusDraft && *st.Status != news.StatusReview {
			return invalid("Only a draft can be submitted for review; this %s is %s.", k.Name, *st.Status)
		}
		*st.Status = news.StatusReview
	case Publish:
		if err := actor.Require(auth.PublishArticle, "publish "+k.Plural); err != nil {
			return err
		}
		*st.Status = news.StatusPublished
		if st.ScheduledAt != nil {
			*st.ScheduledAt = time.Time{}
		}
		if st.PublishedAt.IsZero() {
			*st.PublishedAt = now
		}
	case Schedule:
		if st.ScheduledAt == nil {
			return invalid("%s cannot be scheduled; save, submit or publish them.", upperFirst(k.Plural))
		}
		if err := actor.Require(auth.ScheduleArticle, "schedule "+k.Plural); err != nil {
			return err
		}
		if at.IsZero() {
			return invalid("Choose the date and time to publish at.")
		}
		if at.Before(now.Add(minLead)) {
			return invalid("The time to publish at (%s) is in the past; choose a time at least a minute from now.",
				news.FormatDateline(at, w.loc))
		}
		if *st.Status == news.StatusPublished {
			return invalid("This %s is already published; unpublish it first to schedule it again.", k.Name)
		}
		*st.Status, *st.ScheduledAt = news.StatusScheduled, at.UTC()
	case Unpublish:
		if err := actor.Require(auth.UnpublishArticle, "unpublish "+k.Plural); err != nil {
			return err
		}
		if st.ScheduledAt == nil {
			if *st.Status != news.StatusPublished {
				return invalid("Only a published %s can be unpublished; this one is %s.", k.Name, *st.Status)
			}
		} else if *st.Status != news.StatusPublished && *st.Status != news.StatusScheduled {
			return invalid("Only a published or scheduled %s can be unpublished; this one is %s.", k.Name, *st.Status)
		}
		*st.Status = news.StatusUnpublished
		if st.ScheduledAt != nil {
			*st.ScheduledAt = time.Time{}
		}
	default:
		return invalid("Unknown action %q.", action)
	}
	return nil
}

// Delete removes a story that was never published; one readers have seen is
// unpublished instead, so that what they saw stays on the record.
func (w *Workflow[T, D]) Delete(ctx context.Context, actor auth.Actor, id int64) error {
	k := &w.kind
	if err := actor.Require(auth.EditAnyArticle, "delete "+k.Plural); err != nil {
		return err
	}
	item, err := w.Load(ctx, id)
	if err != nil {
		return err
	}
	if !k.State(&item).PublishedAt.IsZero() {
		return invalid("This %s has been published; unpublish it instead of deleting it.", k.Name)
	}
	return k.Remove(ctx, id, actor.Change("delete", k.Title(&item)))
}

// Restore saves an earlier revision's content as the story's current
// content (keeping its status), as a new revision. A kind that keeps no
// revisions refuses it.
func (w *Workflow[T, D]) Restore(ctx context.Context, actor auth.Actor, id, revisionID int64, version int) (T, error) {
	k := &w.kind
	var item T
	if k.Revisions == nil {
		return item, invalid("%s keep no revisions to restore.", upperFirst(k.Plural))
	}
	if err := actor.Require(auth.RestoreRevision, "restore revisions"); err != nil {
		return item, err
	}
	item, err := w.Load(ctx, id)
	if err != nil {
		return item, err
	}
	if version != *k.State(&item).Version {
		return item, w.Stale()
	}
	revVersion, err := k.Revisions.Restore(ctx, &item, revisionID)
	if err != nil {
		return item, err
	}
	return item, w.named(k.Save(ctx, &item, actor.Change("restore", "revision "+strconv.Itoa(revVersion))))
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
