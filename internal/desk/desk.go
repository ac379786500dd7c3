// Package desk is the news desk's workflow: creating, saving, submitting,
// publishing, scheduling, unpublishing, correcting and restoring articles,
// with the permission checks for each. The HTML newsroom and the admin API
// both call it, so the rules are the same whichever door a change comes in by.
package desk

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/markup"
	"dateline/internal/store"
)

// Desk performs article changes on behalf of staff members.
type Desk struct {
	store *store.Store
	md    *markup.Renderer
	loc   *time.Location
	now   func() time.Time
}

// New returns a Desk. loc is the site's zone, used in messages about times.
func New(st *store.Store, md *markup.Renderer, loc *time.Location) *Desk {
	return &Desk{store: st, md: md, loc: loc, now: time.Now}
}

// Actor is who asks for a change, and through which door.
type Actor struct {
	Account store.Account
	Via     string // "" for the newsroom, e.g. `API token "CMS import"` for the API
}

// Role is the actor's role.
func (a Actor) Role() auth.Role { return auth.Role(a.Account.Role) }

// Change describes a change by this actor for the revision and audit log.
func (a Actor) Change(action, detail string) store.Change {
	name := a.Account.Name
	if a.Via != "" {
		name += " via " + a.Via
	}
	return store.Change{StaffID: a.Account.ID, Actor: name, Action: action, Detail: detail}
}

// ErrForbidden means the actor's role does not allow the action.
var ErrForbidden = errors.New("your role does not allow this")

// Forbidden is an ErrForbidden that says what was refused.
type Forbidden struct{ What string }

func (f *Forbidden) Error() string        { return "Your role does not allow you to " + f.What + "." }
func (f *Forbidden) Is(target error) bool { return target == ErrForbidden }

// InputError lists what is wrong with submitted fields, as sentences.
type InputError struct{ Problems []string }

func (e *InputError) Error() string { return strings.Join(e.Problems, " ") }

func invalid(format string, args ...any) error {
	return &InputError{Problems: []string{fmt.Sprintf(format, args...)}}
}

// require returns a Forbidden error unless the actor may perform the action.
func require(a Actor, action auth.Action, what string) error {
	if !a.Account.Active || !auth.Can(a.Role(), action) {
		return &Forbidden{What: what}
	}
	return nil
}
