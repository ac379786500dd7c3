// Package auth decides who may do what in the newsroom and keeps the
// secrets that prove who someone is: password hashes and tokens. It does no
// HTTP and no SQL; handlers and the store call into it.
package auth

import (
	"fmt"
	"strings"

	"dateline/internal/news"
)

// Role is a staff member's job in the newsroom; it decides what they may do.
type Role string

// The roles, from least to most trusted. A moderator is not above a
// reporter: they look after comments and never touch articles.
const (
	Reporter  Role = "reporter"
	Editor    Role = "editor"
	Moderator Role = "moderator"
	Admin     Role = "admin"
)

// Roles lists every role, in the order forms should offer them.
var Roles = []Role{Reporter, Editor, Moderator, Admin}

// ParseRole turns user or configuration input into a Role. Surrounding space
// and letter case are forgiven; anything else unknown is an error that names
// the valid roles.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if r.Valid() {
		return r, nil
	}
	names := make([]string, len(Roles))
	for i, v := range Roles {
		names[i] = string(v)
	}
	return "", fmt.Errorf("unknown role %q: valid roles are %s", s, strings.Join(names, ", "))
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	switch r {
	case Reporter, Editor, Moderator, Admin:
		return true
	}
	return false
}

// statusReview is spelt out here because the news package may not name it yet.
const statusReview = news.Status("review")

// ArticleRef is what an edit decision needs to know of an article.
type ArticleRef struct {
	OwnerID int64
	Status  news.Status
}

// CanEdit reports whether a staff member with role r and id staffID may
// change the article. Editors and admins may edit any article. A reporter may
// edit only their own, and only while it is a draft or in review: once it is
// out, changes go through an editor. Moderators never edit articles. A zero
// staffID matches no owner, so an unset id can never claim an article whose
// owner is also unset.
func CanEdit(r Role, staffID int64, a ArticleRef) bool {
	switch r {
	case Editor, Admin:
		return true
	case Reporter:
		if staffID == 0 || a.OwnerID != staffID {
			return false
		}
		return a.Status == news.StatusDraft || a.Status == statusReview
	}
	return false
}

// CanView reports whether a staff member may open an article or video story
// in the newsroom or the admin API: editors and admins always (they review,
// publish and correct everyone's copy), and a reporter their own in any
// state, read-only once it is out of their hands (CanEdit says which).
func CanView(r Role, staffID int64, a ArticleRef) bool {
	if r == Reporter {
		return staffID != 0 && a.OwnerID == staffID
	}
	return CanEdit(r, staffID, a) || Can(r, EditAnyArticle)
}
