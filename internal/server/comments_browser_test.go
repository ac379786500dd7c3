package server_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"dateline/internal/auth"
	"dateline/internal/browsertest"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestCommentModerationInBrowser follows one reader comment through its life
// in a real browser: the live check warns about a link while the reader
// types, the clean comment waits for a moderator, the moderator approves it,
// readers see it, three different readers flag it, it disappears from the
// article and the moderator finds it in the reported queue with the reasons.
// No page may log a console error.
func TestCommentModerationInBrowser(t *testing.T) {
	// The site believes X-Forwarded-For from the browser's address, so that
	// the three readers who flag below can each come from an address of
	// their own: a flag counts once per address.
	f := servertest.New(t, storetest.Open(t, "sqlite"), "--trusted-proxies", "127.0.0.1")
	ctx, console := browsertest.New(t)
	moderator := servertest.NewMember(t, f, auth.Moderator, "Tharindu Jayasinghe")
	articleURL := f.Srv.URL + f.Lead.Path()

	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v (console: %q)", step, err, console.Errors())
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		must("read "+sel, err)
		return strings.Join(strings.Fields(s), " ")
	}
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
		must("count "+sel, err)
		return n
	}
	// clickToLoad clicks something that leads to a new page (a link or a
	// form post and its redirect) and returns once that page has loaded.
	clickToLoad := func(step, sel string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
		must(step, err)
	}
	// waitFor polls a JavaScript condition the page reaches on its own, such
	// as the live check's answer arriving.
	waitFor := func(step, cond string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(15*time.Second)))
		must(step, err)
	}
	screenshot := func(path string, shot chromedp.Action[[]byte]) {
		t.Helper()
		if b, err := chromedp.Run(ctx, shot); err != nil {
			t.Logf("screenshot %s: %v", path, err)
		} else if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Logf("screenshot %s: %v", path, err)
		}
	}
	// openArticle loads the article page and fails at once on an error page,
	// rather than waiting in vain for the comments.
	openArticle := func(step string) {
		t.Helper()
		resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(articleURL))
		must(step, err)
		if resp.Status != 200 {
			t.Fatalf("%s: status %d (console: %q)", step, resp.Status, console.Errors())
		}
		must(step, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#comments h2`))))
	}
	// reopenArticle is a reader coming back to a page they have seen: the
	// browser may show its own copy for the page's short max-age, so they
	// reload, which asks the server (whose cache the change has emptied).
	reopenArticle := func(step string) {
		t.Helper()
		openArticle(step)
		must(step, chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#comments h2`))))
	}

	// 1. A reader types a comment with a link; the live check warns before
	// anything is sent. They take the link out and send a clean comment.
	const (
		readerName = "Anoma Wickramasinghe"
		comment    = "Good to see a pledge at last. I hope the fund reaches the coastal towns before the next monsoon."
	)
	openArticle("open the article")
	loaded := time.Now() // the form's signed time is from before this moment
	must("type a comment with a link", chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`#comment-form textarea[name=body]`)),
		chromedp.SendKeys(chromedp.CSS(`#comment-form input[name=name]`), readerName),
		chromedp.SendKeys(chromedp.CSS(`#comment-form textarea[name=body]`), "A fair report, see example.com for the full text of the pledge."),
	))
	waitFor("the live check names the link", `(() => {
		const box = document.getElementById("comment-check");
		return !!box && box.querySelectorAll("li").length > 0 && /link/i.test(box.textContent);
	})()`)
	must("the live check is shown", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#comment-check li`))))
	if got := text(`#comment-check li`); !strings.Contains(got, "example.com") {
		t.Errorf("live check finding %q does not quote the link", got)
	}
	// The script's own words come from the page (data-text-check), so they
	// are in the page's language.
	if got := text(`#comment-check p`); got != "Before you send: our checks would flag this comment." {
		t.Errorf("live check introduction %q, want the page's data-text-check", got)
	}
	must("rewrite the comment", chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#comment-form textarea[name=body]").value = ""`),
		chromedp.SendKeys(chromedp.CSS(`#comment-form textarea[name=body]`), comment),
	))
	waitFor("the live check clears for the clean text", `document.getElementById("comment-check").childElementCount === 0`)
	// The form refuses comments sent within three seconds of showing it, as
	// bots do; a person takes longer, and so must the test.
	time.Sleep(time.Until(loaded.Add(3200 * time.Millisecond)))
	// The script sends it and draws the answer where the form is.
	must("send the comment", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#comment-form button[type=submit]`))))
	must("the comment's status box", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#your-comment`))))
	if got := text(`#your-comment`); !strings.Contains(got, "awaiting moderation") {
		t.Fatalf("after sending, the page says %q, want it to be awaiting moderation", got)
	}
	if n := count(`#your-comment li`); n != 0 {
		t.Errorf("the clean comment has %d findings: %q", n, text(`#your-comment`))
	}
	// The browser had no reader cookie: it was handed one and sent the same
	// post again with it, so the comment is the reader's own.
	if waiting, _, err := f.Store.CommentQueue(context.Background(), store.CommentPending, 10, 0); err != nil || len(waiting) != 1 {
		t.Fatalf("after sending, the queue holds %d comments (%v), want the reader's one", len(waiting), err)
	} else if kind := waiting[0].VisitorKind; kind != store.VisitorReader {
		t.Errorf("the browser's first comment was stored as kind %q, want %q", kind, store.VisitorReader)
	}
	if n := count(`li.comment`); n != 0 {
		t.Errorf("a pending comment is listed on the article (%d comments)", n)
	}

	// 2. A moderator signs in (the reader's cookie stays in the same
	// browser; the session is a separate cookie), finds it and approves it.
	must("open sign-in", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+"/newsroom/login"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), moderator.Email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), moderator.Password),
	))
	clickToLoad("sign in as moderator", `form[action="/newsroom/login"] button[type=submit]`)
	must("signed in", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.nr-bar nav a[href="/newsroom/comments"]`))))
	clickToLoad("open the comment queue", `.nr-bar nav a[href="/newsroom/comments"]`)
	must("the queue", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.queue-item .queue-body`))))
	pendingTab := `.nr-tabs a[href="/newsroom/comments?tab=pending"]`
	if got := text(pendingTab); got != "Pending (1)" {
		t.Errorf("pending tab reads %q, want Pending (1)", got)
	}
	if got := text(`.queue-item .queue-body`); got != comment {
		t.Fatalf("the queue shows %q, want the reader's comment %q", got, comment)
	}
	if got := text(`.queue-item .queue-meta`); !strings.Contains(got, readerName) || !strings.Contains(got, f.Lead.Headline) {
		t.Errorf("queue entry reads %q, want the reader's name and the headline", got)
	}
	clickToLoad("approve", `.queue-item form[action$="/approve"] button[type=submit]`)
	must("after approving", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.notice`))))
	if got := text(`.notice`); !strings.HasPrefix(got, "Approved comment ") || !strings.Contains(got, "Undo") {
		t.Errorf("notice after approving: %q, want it to say which comment was approved and offer to undo it", got)
	}
	if got := text(pendingTab); got != "Pending (0)" {
		t.Errorf("after approving, the pending tab reads %q, want Pending (0)", got)
	}
	if got := text(`.nr-tabs a[href="/newsroom/comments?tab=approved"]`); got != "Approved (1)" {
		t.Errorf("after approving, the approved tab reads %q, want Approved (1)", got)
	}

	// 3. The reader goes back to the article and, reloading it, finds the
	// comment listed.
	reopenArticle("the article after approval")
	must("the approved comment", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`li.comment .comment-body`))))
	if n := count(`li.comment`); n != 1 {
		t.Fatalf("the article lists %d comments, want 1", n)
	}
	if got := text(`li.comment .comment-body`); got != comment {
		t.Errorf("listed comment %q, want %q", got, comment)
	}
	if got := text(`li.comment .comment-name`); got != readerName {
		t.Errorf("listed name %q, want %q", got, readerName)
	}
	if got := text(`#comments-title`); got != "Comments (1)" {
		t.Errorf("comments heading %q, want Comments (1)", got)
	}
	must("scroll to the comments", chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS(`#comments`))))
	screenshot("/tmp/comments.png", chromedp.Screenshot(chromedp.CSS(`#comments`)))

	// 4. Three different readers flag it. A reader is known by the
	// dateline_reader cookie, so each starts without one and gets a new one;
	// the moderator's session cookie stays.
	flags := []struct{ reason, note string }{
		{"spam", ""},
		{"defamatory", ""},
		{"other", "It repeats a rumour about the delegates."},
	}
	for i, fl := range flags {
		who := "reader " + strconv.Itoa(i+1)
		_, err := chromedp.Call(ctx, network.DeleteCookies, network.DeleteCookiesParams{Name: "dateline_reader", URL: f.Srv.URL})
		must(who+": forget the reader cookie", err)
		// Three people, three browsers, three addresses: without its cookie
		// a reader is known by address and browser, and a flag counts once
		// per address.
		_, err = chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
			UserAgent: "Mozilla/5.0 (X11; Linux x86_64) Reader/" + strconv.Itoa(i+1)})
		must(who+": set a browser of their own", err)
		_, err = chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
			Headers: network.Headers{"X-Forwarded-For": "192.0.2." + strconv.Itoa(i+1)}})
		must(who+": come from an address of their own", err)
		openArticle(who + ": open the article")
		// The first two readers flag on the article page, where the script
		// brings the page's one flag form under the comment; the third
		// follows the flag link as a browser without script would, to the
		// comment's own flag page.
		form := `li.comment #flag-form`
		if i == len(flags)-1 {
			href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("li.comment a.flag").getAttribute("href")`))
			must(who+": read the flag link", err)
			must(who+": open the flag page", chromedp.Do(ctx, chromedp.Navigate(f.Srv.URL+href)))
			form = `.flag-page #flag-form`
		} else {
			must(who+": open the flag form", chromedp.Do(ctx,
				chromedp.WaitVisible(chromedp.CSS(`li.comment a.flag`)),
				chromedp.Click(chromedp.CSS(`li.comment a.flag`)),
			))
		}
		must(who+": choose a reason", chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS(form+` input[name=reason][value=`+fl.reason+`]`)),
			chromedp.Click(chromedp.CSS(form+` input[name=reason][value=`+fl.reason+`]`)),
		))
		if fl.note != "" {
			must(who+": write a note", chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(form+` input[name=note]`), fl.note)))
		}
		clickToLoad(who+": send the flag", form+` button[type=submit]`)
		must(who+": after flagging", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#comments .notice`))))
		if got := text(`#comments .notice`); got != "Thank you. The editors will look at the comment you flagged." {
			t.Errorf("%s: notice after flagging %q", who, got)
		}
		want := 1
		if i == len(flags)-1 {
			want = 0 // the third distinct reader's flag hides it
		}
		if n := count(`li.comment`); n != want {
			t.Fatalf("%s: after the flag the article lists %d comments, want %d", who, n, want)
		}
	}
	reopenArticle("the article after three flags")
	if n := count(`li.comment`); n != 0 {
		t.Errorf("the flagged comment is still listed (%d comments)", n)
	}
	if got := text(`#comments .empty`); got != "No comments yet." {
		t.Errorf("comments section says %q, want No comments yet.", got)
	}

	// 5. The moderator finds it among the reported comments with the reasons.
	must("the reported queue", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+"/newsroom/comments?tab=reported"),
		chromedp.WaitVisible(chromedp.CSS(`.queue-item .flags`)),
	))
	if got := text(`.nr-tabs a[href="/newsroom/comments?tab=reported"]`); got != "Reported (1)" {
		t.Errorf("reported tab reads %q, want Reported (1)", got)
	}
	if got := text(`.nr-tabs a[href="/newsroom/comments?tab=approved"]`); got != "Approved (0)" {
		t.Errorf("after the flags, the approved tab reads %q, want Approved (0)", got)
	}
	if got := text(`.queue-item .queue-body`); got != comment {
		t.Errorf("the reported queue shows %q, want %q", got, comment)
	}
	got := text(`.queue-item .flags`)
	if !strings.HasPrefix(got, "3 flag(s) from 3 address(es):") {
		t.Errorf("flags line %q, want 3 flags", got)
	}
	for _, fl := range flags {
		if !strings.Contains(got, fl.reason) || !strings.Contains(got, fl.note) {
			t.Errorf("flags line %q lacks %s %q", got, fl.reason, fl.note)
		}
	}
	screenshot("/tmp/queue.png", chromedp.FullScreenshot(100)) // 100: PNG, not JPEG

	// 6. Nothing went wrong in any page along the way.
	if errs := console.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
