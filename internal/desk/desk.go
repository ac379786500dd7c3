// Package desk is the news desk's workflow: creating, saving, submitting,
// publishing, scheduling, unpublishing, deleting and restoring stories of
// every publishable kind (Workflow, one Kind each for articles and video
// stories), and correcting articles, with the permission checks for each.
// The HTML newsroom and the admin API both call it, so the rules are the
// same whichever door a change comes in by.
package desk

import (
	"fmt"
	"strings"
	"time"

	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/store"
)

// Desk performs article changes on behalf of staff members.
type Desk struct {
	store *store.Store
	md    *markup.Renderer
	loc   *time.Location
	now   func() time.Time

	imageSlots chan struct{} // uploads being decoded and resized (saveImage)

	// Articles and Videos are the workflow of each publishable kind.
	Articles *Workflow[news.Article, Draft]
	Videos   *Workflow[news.Video, VideoDraft]
}

// New returns a Desk. loc is the site's zone, used in messages about times.
func New(st *store.Store, md *markup.Renderer, loc *time.Location) *Desk {
	d := &Desk{store: st, md: md, loc: loc, now: time.Now, imageSlots: make(chan struct{}, imageSlots)}
	now := func() time.Time { return d.now() }
	d.Articles = &Workflow[news.Article, Draft]{kind: d.articleKind(), now: now, loc: loc}
	d.Videos = &Workflow[news.Video, VideoDraft]{kind: d.videoKind(), now: now, loc: loc}
	return d
}

// InputError lists what is wrong with submitted fields, as sentences.
type InputError struct{ Problems []string }

func (e *InputError) Error() string { return strings.Join(e.Problems, " ") }

func invalid(format string, args ...any) error {
	return &InputError{Problems: []string{fmt.Sprintf(format, args...)}}
}
