package server_test

import (
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"dateline/internal/auth"
	"dateline/internal/browsertest"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestModerationKeysActOnTheClickedComment: the keyboard's current comment
// is the one the moderator last clicked or tabbed into, shown as such, so
// clicking the third comment and pressing "a" approves the third, never the
// first.
func TestModerationKeysActOnTheClickedComment(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	ctx, console := browsertest.New(t)
	moderator := servertest.NewMember(t, f, auth.Moderator, "Tharindu Jayasinghe")
	var ids []int64
	for i, name := range []string{"Amal", "Bimal", "Chamal"} {
		ids = append(ids, servertest.PostFresh(t, f, f.Lead.ID, servertest.CommentIn{Name: name, Body: servertest.Polite(20 + i)}).ID)
	}
	linked := servertest.PostFresh(t, f, f.Lead.ID, servertest.CommentIn{Name: "Dilan", Body: servertest.LinkBody}).ID
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v (console: %q)", step, err, console.Errors())
		}
	}
	must("sign in", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+"/newsroom/login"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), moderator.Email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), moderator.Password),
	))
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`form[action="/newsroom/login"] button[type=submit]`))))
	must("signed in", err)
	must("open the queue", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+"/newsroom/comments"),
		chromedp.WaitVisible(chromedp.CSS(`.queue-item .queue-body`)),
	))
	third := `#c` + strconv.FormatInt(ids[2], 10)
	must("click the third comment", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(third+` .queue-body`))))
	current, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll(".queue-item.current")).map(li => li.id)`))
	must("read the current comment", err)
	if len(current) != 1 || "#"+current[0] != third {
		t.Fatalf("after clicking the third comment the current one is %v, want only %s", current, third)
	}
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Evaluate[chromedp.Void](
		`document.body.dispatchEvent(new KeyboardEvent("keydown", {key: "a", bubbles: true}))`)))
	must("press a", err)
	servertest.ExpectStatus(t, f, ids[2], store.CommentApproved)
	servertest.ExpectStatus(t, f, ids[0], store.CommentPending)
	servertest.ExpectStatus(t, f, ids[1], store.CommentPending)

	// Tabbing into another comment's buttons makes it the current one.
	second := `#c` + strconv.FormatInt(ids[1], 10)
	must("focus a button of the second comment", chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(second)),
		chromedp.Focus(chromedp.CSS(second+` form[action$="/approve"] button`)),
	))
	current, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll(".queue-item.current")).map(li => li.id)`))
	must("read the current comment", err)
	if len(current) != 1 || "#"+current[0] != second {
		t.Fatalf("after tabbing into the second comment the current one is %v, want only %s", current, second)
	}

	// r on a comment the checks found a link in rejects it at once, for
	// that reason; on a clean one it only opens the reason menu.
	link := `#c` + strconv.FormatInt(linked, 10)
	must("click the comment with a link", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(link+` .queue-body`))))
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Evaluate[chromedp.Void](
		`document.body.dispatchEvent(new KeyboardEvent("keydown", {key: "r", bubbles: true}))`)))
	must("press r", err)
	if c := servertest.ExpectStatus(t, f, linked, store.CommentRejected); c.Reason != "outside-link" {
		t.Fatalf("r rejected the comment with a link as %q, want outside-link", c.Reason)
	}
	must("click the first comment", chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`#c`+strconv.FormatInt(ids[0], 10))),
		chromedp.Click(chromedp.CSS(`#c`+strconv.FormatInt(ids[0], 10)+` .queue-body`)),
		chromedp.Evaluate[chromedp.Void](`document.body.dispatchEvent(new KeyboardEvent("keydown", {key: "r", bubbles: true}))`),
	))
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.name || ""`))
	must("read the focus", err)
	if focused != "reason" {
		t.Fatalf("r on a clean comment focused %q, want the reason menu", focused)
	}
	servertest.ExpectStatus(t, f, ids[0], store.CommentPending)
}
