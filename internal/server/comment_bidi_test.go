package server_test

import (
	"fmt"
	"net/http"
	"testing"

	"dateline/internal/store/storetest"
)

// TestCommentRefusesDirectionOverrides: a display name or comment that would
// show reversed or reordered text (U+202E and its kin) is refused with a
// clear 400 on the API and the form, and nothing is stored; Sinhala with its
// joiners passes.
func TestCommentRefusesDirectionOverrides(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		v := newVisitor(t, f, false)
		v.comment(t, a.ID, commentIn{Name: "Nimal\u202Egnp.exe", Body: polite(1)}).
			expect(t, "name with a right-to-left override", http.StatusBadRequest, "change the direction of text")
		v.comment(t, a.ID, commentIn{Name: "Editor\u2067 (staff)\u2069", Body: polite(2)}).
			expect(t, "name with an isolate", http.StatusBadRequest, "change the direction of text")
		v.comment(t, a.ID, commentIn{Name: "Nimal", Body: "Tide tables at \u202Emoc.elpmaxe\u202C this morning."}).
			expect(t, "body with an override", http.StatusBadRequest, "override the direction of text")
		v.form(t, fmt.Sprintf("/news/%d/comments", a.ID), commentForm("\u202Dadmin", "", polite(3), "")).
			expect(t, http.StatusBadRequest, "The name contains invisible characters that change the direction of text")
		if n := commentTotal(t, f); n != 0 {
			t.Fatalf("%d refused comments were stored", n)
		}
		v.postOK(t, a.ID, commentIn{Name: "ශ්\u200dරී", Body: "ශ්\u200dරී ලංකාවේ ගංවතුර ගැන හොඳ වාර්තාවක්."})
	})
}
