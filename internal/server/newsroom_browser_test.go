package server_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"dateline/internal/auth"
	"dateline/internal/browsertest"
	"dateline/internal/jobs"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestNewsroomWorkflowInBrowser follows one story from a reporter's keyboard
// to a reader's screen in a real browser: the reporter writes it with the
// toolbar and live preview, attaches an image and submits it; an editor finds
// it in the review queue and schedules it; the scheduler's job publishes it;
// a reader finds it on the front page. No page may log a console error.
func TestNewsroomWorkflowInBrowser(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	ctx, console := browsertest.New(t)
	colombo, err := time.LoadLocation("Asia/Colombo")
	if err != nil {
		t.Fatal(err)
	}

	const password = "correct horse battery staple"
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	reporter := store.Account{Name: "Ruwan Perera", Email: "ruwan@example.lk", Role: string(auth.Reporter), PasswordHash: hash}
	editor := store.Account{Name: "Dilini Silva", Email: "dilini@example.lk", Role: string(auth.Editor), PasswordHash: hash}
	for _, a := range []*store.Account{&reporter, &editor} {
		if err := f.Store.CreateAccount(context.Background(), a, store.Change{Actor: "test", Action: "create"}); err != nil {
			t.Fatal(err)
		}
	}
	imagePath := filepath.Join(t.TempDir(), "flood.png")
	if err := os.WriteFile(imagePath, storetest.PNG(t, 1200, 675), 0o600); err != nil {
		t.Fatal(err)
	}

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
	// clickToLoad clicks something that leads to a new page (a link or a
	// form post and its redirect) and returns once that page has loaded.
	clickToLoad := func(step, sel string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
		must(step, err)
	}
	signIn := func(who store.Account) {
		t.Helper()
		must("open sign-in for "+who.Role, chromedp.Do(ctx,
			chromedp.Navigate(f.Srv.URL+"/newsroom/login"),
			chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
			chromedp.SendKeys(chromedp.CSS(`input[name=email]`), who.Email),
			chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password),
		))
		clickToLoad("sign in as "+who.Role, `form[action="/newsroom/login"] button[type=submit]`)
		must("article list for "+who.Role, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.nr-table`))))
		if got := text(`.nr-bar nav a[href="/newsroom/account"]`); !strings.Contains(got, who.Name) {
			t.Fatalf("signed in as %q, want %s", got, who.Name)
		}
	}

	// 1. The reporter writes the story and submits it for review.
	const headline = "Kalu Ganga bursts its banks at Ratnapura"
	signIn(reporter)
	clickToLoad("open new article", `.nr-head a[href="/newsroom/articles/new"]`)
	must("write the story", chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`#article-form`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=headline]`), headline),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=summary]`), "Hundreds of families moved to temples and schools."),
		chromedp.SendKeys(chromedp.CSS(`#body`), "The river rose two metres overnight.\n\nMore rain is expected."),
		// Select "two metres" and make it bold with the toolbar, as a writer would.
		chromedp.Evaluate[chromedp.Void](`(() => {
			const ta = document.getElementById("body");
			const i = ta.value.indexOf("two metres");
			ta.setSelectionRange(i, i + "two metres".length);
		})()`),
		chromedp.Click(chromedp.CSS(`.md-toolbar button[aria-label=Bold]`)),
		chromedp.SetValue(chromedp.CSS(`select[name=section]`), strconv.FormatInt(f.Local.ID, 10)),
		chromedp.SetUploadFiles(chromedp.CSS(`input[name=image]`), []string{imagePath}),
	))
	body, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#body`)))
	must("read body", err)
	if want := "The river rose **two metres** overnight.\n\nMore rain is expected."; body != want {
		t.Errorf("body after Bold is %q, want %q", body, want)
	}
	// The preview is fetched after a pause in typing; wait for the last one.
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		const h = document.querySelector("#preview h1"), b = document.querySelector("#preview .body strong");
		return !!h && !!b && h.textContent.trim() === `+strconv.Quote(headline)+` && b.textContent === "two metres";
	})()`, chromedp.WithPollingTimeout(15*time.Second)))
	must("live preview shows the headline and bold body", err)
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		t.Logf("screenshot: %v", err)
	} else if err := os.WriteFile("/tmp/editor.png", shot, 0o644); err != nil {
		t.Logf("screenshot: %v", err)
	}
	clickToLoad("submit for review", `#article-form button[name=action][value=submit]`)
	must("submitted page", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.notice`))))
	if n := text(`.notice`); n != "Submitted for review." {
		t.Errorf("notice after submitting: %q", n)
	}
	if s := text(`.nr-head h1 .status`); s != "review" {
		t.Errorf("status after submitting: %q, want review", s)
	}
	// The story is not published, so its picture comes from the newsroom's
	// own address, which the reporter's session opens.
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`(() => { const i = document.querySelector('#article-form img[src^="/newsroom/media/"]'); return !!i && i.complete && i.naturalWidth > 0; })()`))
	must("check the draft's image", err)
	if !shown {
		t.Errorf("the editor does not show the draft's image from /newsroom/media/")
	}

	// 2. The reporter signs out; the editor finds the story and schedules it.
	clickToLoad("sign out", `.nr-bar form[action="/newsroom/logout"] button`)
	must("signed out", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`input[name=email]`))))
	if n := text(`.notice`); n != "You have signed out." {
		t.Errorf("notice after signing out: %q", n)
	}
	signIn(editor)
	if got := text(`.nr-review-link`); got != "Awaiting review (1)" {
		t.Fatalf("the editor's list says %q, want \"Awaiting review (1)\"", got)
	}
	// A changed menu applies at once, without the Filter button.
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector(".nr-filters select[name=status]");
		s.value = "review";
		s.dispatchEvent(new Event("change", {bubbles: true}));
	})()`)))
	must("change the status menu", err)
	if loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); err != nil || !strings.Contains(loc, "status=review") {
		t.Fatalf("after changing the status menu the list is at %q (%v), want status=review", loc, err)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll(".nr-table tbody td:first-child a")).map(a => a.textContent.trim())`))
	must("read review queue", err)
	if len(rows) != 1 || rows[0] != headline {
		t.Fatalf("review queue lists %q, want only %q", rows, headline)
	}
	clickToLoad("open the story", `.nr-table tbody td:first-child a`)
	must("editor page", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`input[name=publish_at]`))))
	publishAt := time.Now().Add(2 * time.Minute).In(colombo).Format("2006-01-02T15:04")
	must("set publish time", chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](
		`document.querySelector("input[name=publish_at]").value = `+strconv.Quote(publishAt))))
	clickToLoad("schedule", `#article-form button[name=action][value=schedule]`)
	must("scheduled page", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.notice`))))
	if n := text(`.notice`); n != "Scheduled." {
		t.Errorf("notice after scheduling: %q", n)
	}
	if s := text(`.nr-head h1 .status`); s != "scheduled" {
		t.Errorf("status after scheduling: %q, want scheduled", s)
	}

	// 3. The scheduler's job publishes it once its time has come.
	n, err := jobs.PublishDue(context.Background(), f.Store, time.Now().Add(3*time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("PublishDue published %d (%v), want 1", n, err)
	}

	// 4. A reader finds it on the front page and opens it.
	must("front page", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.lead-story h2 a`)),
	))
	if h := text(`.lead-story h2 a`); h != headline {
		t.Fatalf("lead story %q, want %q", h, headline)
	}
	clickToLoad("open the story", `.lead-story h2 a`)
	must("article page", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`article.story h1`))))
	if h := text(`article.story h1`); h != headline {
		t.Errorf("article headline %q, want %q", h, headline)
	}
	if b := text(`article.story .body strong`); b != "two metres" {
		t.Errorf("article body bold text %q, want two metres", b)
	}
	if s := text(`article.story .source`); s != "Source: Staff" {
		t.Errorf("source line %q, want Source: Staff", s)
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`(() => { const i = document.querySelector("article.story figure.lead-image img"); return !!i && i.complete && i.naturalWidth > 0; })()`))
	must("check the image", err)
	if !loaded {
		t.Errorf("the article's lead image is missing or did not load")
	}

	// 5. Nothing went wrong in any page along the way.
	var errs []string
	for _, e := range console.Errors() {
		if !strings.Contains(e, "favicon") {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
