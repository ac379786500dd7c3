package servertest

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// UndoToken opens the page a decision went back to, as its moderator does,
// and returns the token of the notice's Undo button, failing unless the
// notice says what was decided.
func UndoToken(t *testing.T, f *Fixture, c *http.Client, page string, decision int64, notice string) string {
	t.Helper()
	sep := "?"
	if strings.Contains(page, "?") {
		sep = "&"
	}
	r := GetPage(t, f, c, fmt.Sprintf("%s%sundo=%d&done=decided", page, sep, decision))
	r.Expect(t, http.StatusOK, notice)
	m := UndoFormRE.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("%s: the notice offers no Undo button\n%s", r, MainText(r.Body))
	}
	return m[1]
}

// NoUndoOffered fails the test if the page at path shows an Undo button.
func NoUndoOffered(t *testing.T, f *Fixture, c *http.Client, what, path string) {
	t.Helper()
	r := GetPage(t, f, c, path)
	if r.Status != http.StatusOK {
		t.Fatalf("%s: %s answers %d\n%s", what, r, r.Status, MainText(r.Body))
	}
	if UndoFormRE.MatchString(r.Body) {
		t.Fatalf("%s: %s offers an Undo button", what, r)
	}
}

// Undo presses the notice's Undo button with the token.
func Undo(t *testing.T, f *Fixture, c *http.Client, token, tab string) Reply {
	t.Helper()
	return PostForm(t, f, c, "/newsroom/comments/undo", url.Values{"token": {token}, "tab": {tab}})
}

// UndoOK undoes and fails unless it goes back to the queue's tab saying so.
func UndoOK(t *testing.T, f *Fixture, c *http.Client, token, tab string) {
	t.Helper()
	Undo(t, f, c, token, tab).ExpectRedirect(t, "undo", "/newsroom/comments?tab="+tab+"&done=undone")
}

// SameComment fails the test unless the comment is stored exactly as it
// was before: status, reason, flags and when it was decided.
func SameComment(t *testing.T, what string, before, after store.Comment) {
	t.Helper()
	if after.Status != before.Status || after.Reason != before.Reason || after.Flags != before.Flags ||
		!after.DecidedAt.Equal(before.DecidedAt) {
		t.Fatalf("%s: comment %d is %s (%q, %d flags, decided %v), want %s (%q, %d flags, decided %v) as before",
			what, before.ID, after.Status, after.Reason, after.Flags, after.DecidedAt, before.Status, before.Reason, before.Flags, before.DecidedAt)
	}
}

// ExpireUndos moves the end of every decision's undo window into the past,
// as if the moderator had come back to the notice much later.
func ExpireUndos(t *testing.T, e storetest.Engine) {
	t.Helper()
	past := time.Now().Add(-time.Minute).UTC().Format("2006-01-02 15:04:05.999999-07:00")
	storetest.Exec(t, e, "UPDATE moderation_undos SET expires_at = '"+past+"'")
}

// AuditUndo fails the test unless the log of the object has an undo by
// who, from status before to after, saying want.
func AuditUndo[S ~string](t *testing.T, f *Fixture, who, object string, id int64, want string, before, after S) {
	t.Helper()
	for _, e := range CommentAudit(t, f, object, id) {
		if e.Actor == who && e.Action == "undo" && e.BeforeStatus == string(before) && e.AfterStatus == string(after) && e.Detail == want {
			return
		}
	}
	t.Errorf("no audit entry %q by %s (%s → %s): %+v", want, who, before, after, CommentAudit(t, f, object, id))
}

// ExpectAuditLines fails the test unless each wanted entry is on the page
// (the detail matched as a part).
func ExpectAuditLines(t *testing.T, what string, lines, wants []AuditLine) {
	t.Helper()
	for _, want := range wants {
		if !slices.ContainsFunc(lines, func(l AuditLine) bool {
			return l.Who == want.Who && l.Action == want.Action && l.Object == want.Object && l.Statuses == want.Statuses &&
				strings.Contains(l.Detail, want.Detail)
		}) {
			t.Errorf("%s lacks %+v: %+v", what, want, lines)
		}
	}
}
