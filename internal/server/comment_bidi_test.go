package server_test

import (
	"fmt"
	"net/http"
	"testing"

	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestCommentRefusesDirectionOverrides: a display name or comment that would
// show reversed or reordered text (U+202E and its kin) is refused with a
// clear 400 on the API and the form, and nothing is stored; Sinhala with its
// joiners passes.
func TestCommentRefusesDirectionOverrides(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		v := servertest.NewVisitor(t, f, false)
		v.Comment(t, a.ID, servertest.CommentIn{Name: "Nimal\u202Egnp.exe", Body: servertest.Polite(1)}).
			Expect(t, "name with a right-to-left override", http.StatusBadRequest, "change the direction of text")
		v.Comment(t, a.ID, servertest.CommentIn{Name: "Editor\u2067 (staff)\u2069", Body: servertest.Polite(2)}).
			Expect(t, "name with an isolate", http.StatusBadRequest, "change the direction of text")
		v.Comment(t, a.ID, servertest.CommentIn{Name: "Nimal", Body: "Tide tables at \u202Emoc.elpmaxe\u202C this morning."}).
			Expect(t, "body with an override", http.StatusBadRequest, "override the direction of text")
		v.Form(t, fmt.Sprintf("/news/%d/comments", a.ID), servertest.CommentForm("\u202Dadmin", "", servertest.Polite(3), "")).
			Expect(t, http.StatusBadRequest, "The name contains invisible characters that change the direction of text")
		if n := servertest.CommentTotal(t, f); n != 0 {
			t.Fatalf("%d refused comments were stored", n)
		}
		v.PostOK(t, a.ID, servertest.CommentIn{Name: "ශ්\u200dරී", Body: "ශ්\u200dරී ලංකාවේ ගංවතුර ගැන හොඳ වාර්තාවක්."})
	})
}
