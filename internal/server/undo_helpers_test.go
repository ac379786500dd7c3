package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

var undoFormRE = regexp.MustCompile(`<form method="post" action="/newsroom/comments/undo"[^>]*>\s*<input type="hidden" name="token" value="([^"]+)">`)

// undoToken opens the page a decision went back to, as its moderator does,
// and returns the token of the notice's Undo button, failing unless the
// notice says what was decided.
func undoToken(t *testing.T, f *servertest.Fixture, c *http.Client, page string, decision int64, notice string) string {
	t.Helper()
	sep := "?"
	if strings.Contains(page, "?") {
		sep = "&"
	}
	r := servertest.GetPage(t, f, c, fmt.Sprintf("%s%sundo=%d&done=decided", page, sep, decision))
	r.Expect(t, http.StatusOK, notice)
	m := undoFormRE.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("%s: the notice offers no Undo button\n%s", r, servertest.MainText(r.Body))
	}
	return m[1]
}

// noUndoOffered fails the test if the page at path shows an Undo button.
func noUndoOffered(t *testing.T, f *servertest.Fixture, c *http.Client, what, path string) {
	t.Helper()
	r := servertest.GetPage(t, f, c, path)
	if r.Status != http.StatusOK {
		t.Fatalf("%s: %s answers %d\n%s", what, r, r.Status, servertest.MainText(r.Body))
	}
	if undoFormRE.MatchString(r.Body) {
		t.Fatalf("%s: %s offers an Undo button", what, r)
	}
}

// undo presses the notice's Undo button with the token.
func undo(t *testing.T, f *servertest.Fixture, c *http.Client, token, tab string) servertest.Reply {
	t.Helper()
	return servertest.PostForm(t, f, c, "/newsroom/comments/undo", url.Values{"token": {token}, "tab": {tab}})
}

// undoOK undoes and fails unless it goes back to the queue's tab saying so.
func undoOK(t *testing.T, f *servertest.Fixture, c *http.Client, token, tab string) {
	t.Helper()
	undo(t, f, c, token, tab).ExpectRedirect(t, "undo", "/newsroom/comments?tab="+tab+"&done=undone")
}

// sameComment fails the test unless the comment is stored exactly as it
// was before: status, reason, flags and when it was decided.
func sameComment(t *testing.T, what string, before, after store.Comment) {
	t.Helper()
	if after.Status != before.Status || after.Reason != before.Reason || after.Flags != before.Flags ||
		!after.DecidedAt.Equal(before.DecidedAt) {
		t.Fatalf("%s: comment %d is %s (%q, %d flags, decided %v), want %s (%q, %d flags, decided %v) as before",
			what, before.ID, after.Status, after.Reason, after.Flags, after.DecidedAt, before.Status, before.Reason, before.Flags, before.DecidedAt)
	}
}

// expireUndos moves the end of every decision's undo window into the past,
// as if the moderator had come back to the notice much later.
func expireUndos(t *testing.T, e storetest.Engine) {
	t.Helper()
	past := time.Now().Add(-time.Minute).UTC().Format("2006-01-02 15:04:05.999999-07:00")
	storetest.Exec(t, e, "UPDATE moderation_undos SET expires_at = '"+past+"'")
}

// auditUndo fails the test unless the log of the object has an undo by
// who, from status before to after, saying want.
func auditUndo(t *testing.T, f *servertest.Fixture, who, object string, id int64, want, before, after string) {
	t.Helper()
	for _, e := range servertest.CommentAudit(t, f, object, id) {
		if e.Actor == who && e.Action == "undo" && e.BeforeStatus == before && e.AfterStatus == after && e.Detail == want {
			return
		}
	}
	t.Errorf("no audit entry %q by %s (%s → %s): %+v", want, who, before, after, servertest.CommentAudit(t, f, object, id))
}
