package auth

import (
	"errors"

	"dateline/internal/store"
)

// Actor is who asks for a change, and through which door.
type Actor struct {
	Account store.Account
	Via     string // "" for the newsroom, e.g. `API token "CMS import"` for the API
}

// Role is the actor's role.
func (a Actor) Role() Role { return Role(a.Account.Role) }

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

// Require returns a Forbidden error unless the actor is active and its role
// may perform the action; what names the action in the message.
func (a Actor) Require(action Action, what string) error {
	if !a.Account.Active || !Can(a.Role(), action) {
		return &Forbidden{What: what}
	}
	return nil
}
