package desk_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestWorkflowSteps takes an article and a video story through the same
// table of steps: what differs between them (scheduling, revisions) comes
// from each kind's description, not from the table.
func TestWorkflowSteps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		d := desk.New(e.Store, markup.New(), time.UTC)
		people := map[string]auth.Actor{
			"reporter":  staff(t, e.Store, auth.Reporter, "Ruwan Perera"),
			"editor":    staff(t, e.Store, auth.Editor, "Esha Silva"),
			"moderator": staff(t, e.Store, auth.Moderator, "Mala Dias"),
		}
		sec := news.Section{Slug: "local", Name: "Local", Position: 1}
		if err := e.Store.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		t.Run("article", func(t *testing.T) {
			firstRevision := func(id int64) int64 {
				revs, err := e.Store.Revisions(ctx, id, 100)
				if err != nil || len(revs) == 0 {
					t.Fatalf("revisions of %d: %v, %v", id, revs, err)
				}
				return revs[len(revs)-1].ID
			}
			walk(t, e.Store, "article", d.Articles, people, desk.Draft{Headline: "Harbour reopens", Body: "The harbour reopened.", SectionID: sec.ID},
				firstRevision)
		})
		t.Run("video story", func(t *testing.T) {
			walk(t, e.Store, "video", d.Videos, people, desk.VideoDraft{Title: "Harbour at dawn", SourceURL: "https://youtu.be/dQw4w9WgXcQ"},
				func(int64) int64 { return 1 })
		})
	})
}

// step is one row of the table: who does what, and what should follow.
type step struct {
	name   string
	who    string
	action desk.Action
	at     time.Duration // from now, for Schedule
	stale  bool          // send the version before the current one
	// want is the status afterwards, or "" when the step is refused.
	want news.Status
	// refused is what the refusal matches: auth.ErrForbidden, store.ErrStale,
	// or nil for an *desk.InputError; message is a part of its text.
	refused error
	message string
}

// walk runs the table on one kind, whose audit entries are of auditType.
// firstRevision finds the id of a story's first revision, for the kinds
// that keep them.
func walk[T, D any](t *testing.T, db *store.Store, auditType string, w *desk.Workflow[T, D], people map[string]auth.Actor, draft D, firstRevision func(id int64) int64) {
	ctx := context.Background()
	k := w.Kind()
	name := k.Name
	schedules := k.State(new(T)).ScheduledAt != nil

	if _, err := w.Create(ctx, people["moderator"], draft, desk.Save, time.Time{}); !errors.Is(err, auth.ErrForbidden) {
		t.Fatalf("a moderator made a %s: %v", name, err)
	}
	item, err := w.Create(ctx, people["reporter"], draft, desk.Save, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	st := k.State(&item)
	id := *st.ID
	audited := []string{"Ruwan Perera create"} // who did what, oldest first
	if *st.Status != news.StatusDraft || *st.OwnerID != people["reporter"].Account.ID || *st.Version < 1 {
		t.Fatalf("created %s: status %s, owner %d, version %d", name, *st.Status, *st.OwnerID, *st.Version)
	}

	steps := []step{
		{name: "reporter publishes", who: "reporter", action: desk.Publish, refused: auth.ErrForbidden, message: "publish " + k.Plural},
		{name: "stale submit", who: "reporter", action: desk.Submit, stale: true, refused: store.ErrStale, message: "the " + name + " has changed"},
		{name: "reporter submits", who: "reporter", action: desk.Submit, want: news.StatusReview},
		{name: "reporter schedules", who: "reporter", action: desk.Schedule, at: time.Hour, refused: auth.ErrForbidden, message: "schedule " + k.Plural},
		{name: "schedule in the past", who: "editor", action: desk.Schedule, at: -time.Hour, message: "is in the past"},
		{name: "editor schedules", who: "editor", action: desk.Schedule, at: time.Hour, want: news.StatusScheduled},
		{name: "editor publishes", who: "editor", action: desk.Publish, want: news.StatusPublished},
		{name: "submit when published", who: "editor", action: desk.Submit, message: "this " + name + " is published"},
		{name: "editor unpublishes", who: "editor", action: desk.Unpublish, want: news.StatusUnpublished},
		{name: "unpublish again", who: "editor", action: desk.Unpublish, message: "this one is unpublished"},
		{name: "unknown step", who: "editor", action: desk.Action("archive"), message: "Unknown action"},
	}
	for _, s := range steps {
		if s.action == desk.Schedule && !schedules {
			s.want, s.refused, s.message = "", nil, upperFirst(k.Plural)+" cannot be scheduled"
		}
		version := *st.Version
		if s.stale {
			version--
		}
		at := time.Time{}
		if s.at != 0 {
			at = time.Now().Add(s.at)
		}
		got, err := w.Update(ctx, people[s.who], id, version, nil, s.action, at)
		if s.want == "" {
			var input *desk.InputError
			switch {
			case err == nil:
				t.Errorf("%s: not refused", s.name)
			case s.refused != nil && !errors.Is(err, s.refused), s.refused == nil && !errors.As(err, &input):
				t.Errorf("%s: refused with %T %v", s.name, err, err)
			case !strings.Contains(err.Error(), s.message):
				t.Errorf("%s: %q does not say %q", s.name, err, s.message)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		gst := k.State(&got)
		if *gst.Status != s.want || *gst.Version != *st.Version+1 {
			t.Fatalf("%s: status %s version %d, want %s version %d", s.name, *gst.Status, *gst.Version, s.want, *st.Version+1)
		}
		if s.want == news.StatusPublished && gst.PublishedAt.IsZero() {
			t.Errorf("%s: no publication time", s.name)
		}
		item, st = got, gst
		audited = append(audited, people[s.who].Account.Name+" "+string(s.action))
	}

	// What readers have seen is unpublished, never deleted.
	if err := w.Delete(ctx, people["reporter"], id); !errors.Is(err, auth.ErrForbidden) {
		t.Errorf("a reporter deleted a %s: %v", name, err)
	}
	if err := w.Delete(ctx, people["editor"], id); err == nil || !strings.Contains(err.Error(), "This "+name+" has been published") {
		t.Errorf("deleting a published %s: %v", name, err)
	}

	_, err = w.Restore(ctx, people["editor"], id, firstRevision(id), *st.Version)
	switch {
	case k.Revisions == nil && (err == nil || !strings.Contains(err.Error(), "keep no revisions")):
		t.Errorf("restoring a %s, which keeps no revisions: %v", name, err)
	case k.Revisions != nil && err != nil:
		t.Errorf("restoring a %s: %v", name, err)
	case k.Revisions != nil:
		audited = append(audited, "Esha Silva restore")
	}
	log, err := db.AuditLog(ctx, store.AuditFilter{ObjectType: auditType, ObjectID: id, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := len(log) - 1; i >= 0; i-- {
		got = append(got, log[i].Actor+" "+log[i].Action)
	}
	if strings.Join(got, ", ") != strings.Join(audited, ", ") {
		t.Errorf("audit log of the %s:\n got %v\nwant %v", name, got, audited)
	}

	fresh, err := w.Create(ctx, people["reporter"], draft, desk.Save, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Delete(ctx, people["editor"], *k.State(&fresh).ID); err != nil {
		t.Fatalf("deleting a draft %s: %v", name, err)
	}
	var missing *desk.MissingError
	if _, err := w.Load(ctx, *k.State(&fresh).ID); !errors.Is(err, store.ErrNotFound) || !errors.As(err, &missing) || missing.Kind != name {
		t.Errorf("a deleted %s is still there, or not named: %v", name, err)
	}
}

func upperFirst(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
