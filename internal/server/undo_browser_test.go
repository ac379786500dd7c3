package server_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"dateline/internal/auth"
	"dateline/internal/browsertest"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestUndoFromTheKeyboard: a moderator working by keys approves with a,
// sees the notice offer Undo, and takes the approval back with u, even
// though the queue was left empty; the same for a rejection with r, and
// for a click on the notice's button.
func TestUndoFromTheKeyboard(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	ctx, console := browsertest.New(t)
	moderator := servertest.NewMember(t, f, auth.Moderator, "Tharindu Jayasinghe")
	only := servertest.PostFresh(t, f, f.Lead.ID, servertest.CommentIn{Name: "Amal", Body: servertest.Polite(1)}).ID
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v (console: %q)", step, err, console.Errors())
		}
	}
	press := func(step, key string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Evaluate[chromedp.Void](
			`document.body.dispatchEvent(new KeyboardEvent("keydown", {key: "`+key+`", bubbles: true}))`)))
		must(step, err)
	}
	notice := func(step string) string {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector(".notice") || {}).textContent || ""`))
		must(step, err)
		return strings.Join(strings.Fields(got), " ")
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

	press("press a", "a")
	servertest.ExpectStatus(t, f, only, store.CommentApproved)
	must("the notice", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.notice button[data-key="u"]`))))
	if got := notice("read the notice"); !strings.HasPrefix(got, "Approved comment "+strconv.FormatInt(only, 10)+". Undo until ") {
		t.Errorf("notice after approving: %q", got)
	}
	items, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".queue-item").length`))
	must("count the queue", err)
	if items != 0 {
		t.Fatalf("the queue still lists %d comments after the only one was approved", items)
	}
	press("press u", "u")
	servertest.ExpectStatus(t, f, only, store.CommentPending)
	must("the queue after the undo", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#c`+strconv.FormatInt(only, 10)))))
	if got := notice("read the notice after the undo"); !strings.HasPrefix(got, "Undone:") {
		t.Errorf("notice after undoing: %q", got)
	}

	// r rejects a comment the checks found a link in; u takes it back. Then
	// a click on the notice's button does what u does.
	linked := servertest.PostFresh(t, f, f.Lead.ID, servertest.CommentIn{Name: "Dilan", Body: servertest.LinkBody}).ID
	must("reload the queue", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+"/newsroom/comments"),
		chromedp.WaitVisible(chromedp.CSS(`#c`+strconv.FormatInt(linked, 10))),
		chromedp.Click(chromedp.CSS(`#c`+strconv.FormatInt(linked, 10)+` .queue-body`)),
	))
	press("press r", "r")
	servertest.ExpectStatus(t, f, linked, store.CommentRejected)
	must("the notice after rejecting", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.notice button[data-key="u"]`))))
	press("press u after r", "u")
	servertest.ExpectStatus(t, f, linked, store.CommentPending)

	must("click the first comment", chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`#c`+strconv.FormatInt(only, 10))),
		chromedp.Click(chromedp.CSS(`#c`+strconv.FormatInt(only, 10)+` .queue-body`)),
	))
	press("press a again", "a")
	servertest.ExpectStatus(t, f, only, store.CommentApproved)
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`.notice button[data-key="u"]`))))
	must("click Undo", err)
	servertest.ExpectStatus(t, f, only, store.CommentPending)
	if errs := console.Errors(); len(errs) > 0 {
		t.Errorf("the page reported errors: %q", errs)
	}
}
