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

// TestEditorKeepsTextWhenTheSessionEnds: a reporter writes, the session
// ends (an admin's reset, the idle timeout), the save is refused; after
// signing in again the editor offers the text back, and a successful save
// forgets it.
func TestEditorKeepsTextWhenTheSessionEnds(t *testing.T) {
	e := storetest.Open(t, "sqlite")
	f := servertest.New(t, e)
	ctx, console := browsertest.New(t)
	rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v (console: %q)", step, err, console.Errors())
		}
	}
	toLoad := func(step string, a chromedp.Action[chromedp.Void]) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, a))
		must(step, err)
	}
	signIn := func() {
		t.Helper()
		must("open sign-in", chromedp.Do(ctx,
			chromedp.Navigate(f.Srv.URL+"/newsroom/login"),
			chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
			chromedp.SendKeys(chromedp.CSS(`input[name=email]`), rep.Email),
			chromedp.SendKeys(chromedp.CSS(`input[name=password]`), rep.Password),
		))
		toLoad("sign in", chromedp.Click(chromedp.CSS(`form[action="/newsroom/login"] button[type=submit]`)))
	}
	const headline = "Fishing fleet stays in harbour as the monsoon turns"
	const body = "Fishermen at Negombo kept their boats ashore for a third day."
	signIn()
	must("write", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+"/newsroom/articles/new"),
		chromedp.WaitVisible(chromedp.CSS(`#article-form`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=headline]`), headline),
		chromedp.SendKeys(chromedp.CSS(`#body`), body),
		chromedp.SetValue(chromedp.CSS(`select[name=section]`), strconv.FormatInt(f.Local.ID, 10)),
	))
	// The session ends while the reporter writes.
	storetest.Exec(t, e, "DELETE FROM sessions")
	toLoad("save after the session ended", chromedp.Click(chromedp.CSS(`#article-form button[value=save]`)))
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	must("read the refusal", err)
	if !strings.Contains(text, "Your session has ended") {
		t.Fatalf("after the session ended the save answered %q", text)
	}

	signIn()
	must("open the editor again", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+"/newsroom/articles/new"),
		chromedp.WaitVisible(chromedp.CSS(`.draft-offer`)),
	))
	offer, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.draft-offer`)))
	must("read the offer", err)
	if !strings.Contains(offer, "This browser kept text you had not saved") {
		t.Fatalf("the offer reads %q", offer)
	}
	must("restore", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.draft-offer button.primary`))))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.querySelector("input[name=headline]").value, document.getElementById("body").value]`))
	must("read the restored form", err)
	if len(got) != 2 || got[0] != headline || got[1] != body {
		t.Fatalf("restored %q, want the headline and body typed before", got)
	}
	toLoad("save", chromedp.Click(chromedp.CSS(`#article-form button[value=save]`)))
	left, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Object.keys(localStorage).filter(k => k.startsWith("dateline-draft:")).length`))
	must("read the kept drafts", err)
	if left != 0 {
		t.Fatalf("%d drafts kept after a successful save", left)
	}
	_, stored, err := f.Store.NewsroomList(t.Context(), store.NewsroomFilter{Search: headline, Limit: 5})
	must("find the story", err)
	if stored != 1 {
		t.Fatalf("the restored story was stored %d times, want 1", stored)
	}

	// Signing out on purpose forgets kept text, for the next person at a
	// shared computer.
	must("start another story", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+"/newsroom/articles/new"),
		chromedp.WaitVisible(chromedp.CSS(`#article-form`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=headline]`), "A second story, not saved"),
	))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`Object.keys(localStorage).some(k => k.startsWith("dateline-draft:"))`))
	must("the second story is kept", err)
	// Empty the field again, so leaving raises no "unsaved changes" prompt;
	// the kept draft stays.
	must("leave the editor", chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector("input[name=headline]").value = ""`),
		chromedp.Navigate(f.Srv.URL+"/newsroom/"),
	))
	toLoad("sign out", chromedp.Click(chromedp.CSS(`form[action="/newsroom/logout"] button`)))
	left, err = chromedp.Run(ctx, chromedp.Evaluate[int](`Object.keys(localStorage).filter(k => k.startsWith("dateline-draft:")).length`))
	must("read the kept drafts", err)
	if left != 0 {
		t.Fatalf("%d drafts kept after signing out", left)
	}
}
