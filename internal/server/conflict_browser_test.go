package server_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"dateline/internal/auth"
	"dateline/internal/browsertest"
	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestEditConflictAsksBeforeDiscarding: an editor's save loses a race to a
// colleague's. The page keeps the text and the picture; "Open the latest
// version" does nothing until the editor ticks that their text may go; once
// it opens the latest version, the editor offers the lost text back from
// this browser.
func TestEditConflictAsksBeforeDiscarding(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	ctx, console := browsertest.New(t)
	winner := servertest.NewMember(t, f, auth.Editor, "Eranga Editor")
	loser := servertest.NewMember(t, f, auth.Editor, "Dilani Deskeditor")
	a := servertest.SeedOwned(t, f, winner.ID, news.StatusDraft, "Harbour dredging starts")
	path := fmt.Sprintf("/newsroom/articles/%d", a.ID)
	picture := filepath.Join(t.TempDir(), "dredger.png")
	if err := os.WriteFile(picture, storetest.PNG(t, 640, 360), 0o600); err != nil {
		t.Fatal(err)
	}

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
	headlineAndBody := func(step string) []string {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.querySelector("input[name=headline]").value, document.getElementById("body").value]`))
		must(step, err)
		return got
	}

	must("open sign-in", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+"/newsroom/login"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), loser.Email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), loser.Password),
	))
	toLoad("sign in", chromedp.Click(chromedp.CSS(`form[action="/newsroom/login"] button[type=submit]`)))

	// The loser opens the story and writes.
	must("write", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+path),
		chromedp.WaitVisible(chromedp.CSS(`#article-form`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=headline]`), " after the storm"),
		chromedp.SendKeys(chromedp.CSS(`#body`), " The dredger sailed from Galle."),
		chromedp.SetUploadFiles(chromedp.CSS(`input[name=image]`), []string{picture}),
	))
	mine := headlineAndBody("read what was typed")

	// Meanwhile the winner saves.
	one := servertest.LoginAs(t, f, winner)
	theirs := servertest.OpenEditor(t, f, one, a.ID)
	theirs.Set("headline", "Dredging starts at Colombo harbour")
	theirs.Set("action", "save")
	servertest.PostMultipart(t, f, one, path, theirs).ExpectRedirect(t, "the winner's save", path+"?done=saved")

	toLoad("save", chromedp.Click(chromedp.CSS(`#article-form button[value=save]`)))
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	must("read the conflict page", err)
	for _, want := range []string{"Not saved: someone else saved first.", "Eranga Editor saved it on", "Your version compared with the saved one",
		"Your new image, dredger.jpg, was kept"} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Fatalf("the conflict page does not say %q:\n%s", want, text)
		}
	}
	if got := headlineAndBody("read the conflict form"); fmt.Sprint(got) != fmt.Sprint(mine) {
		t.Fatalf("the conflict page's form holds %q, want what was typed, %q", got, mine)
	}
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".kept-image img").naturalWidth > 0`, chromedp.WithPollingTimeout(10*time.Second)))
	must("the kept picture shows", err)
	// The browser holds the same text as the page: it offers nothing back here.
	offered, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector(".draft-offer")`))
	must("look for a draft offer", err)
	if offered {
		t.Errorf("the conflict page offers a kept draft of the text it shows")
	}

	// Without the tick, "Open the latest version" stays on the page.
	must("mark the page", chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.stillHere = true`)))
	must("open the latest version unticked", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form.discard-mine button[type=submit]`)),
		chromedp.Sleep(500*time.Millisecond),
	))
	stayed, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.stillHere === true && document.querySelector("form.discard-mine input[name=confirm]").validity.valueMissing`))
	must("check the page stayed", err)
	if !stayed {
		t.Fatalf("an unticked \"Open the latest version\" left the page")
	}
	if got := headlineAndBody("read the form again"); fmt.Sprint(got) != fmt.Sprint(mine) {
		t.Fatalf("after the unticked click the form holds %q, want %q", got, mine)
	}

	// Ticked, it opens the latest version, and this browser offers the
	// lost text back.
	must("tick", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form.discard-mine input[name=confirm]`))))
	toLoad("open the latest version", chromedp.Click(chromedp.CSS(`form.discard-mine button[type=submit]`)))
	loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`))
	must("read the address", err)
	if loc != path {
		t.Fatalf("the latest version opened at %q, want %q", loc, path)
	}
	if got := headlineAndBody("read the latest version"); got[0] != "Dredging starts at Colombo harbour" {
		t.Fatalf("the latest version shows the headline %q", got[0])
	}
	must("the offer", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.draft-offer`))))
	must("restore", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.draft-offer button.primary`))))
	if got := headlineAndBody("read the restored text"); fmt.Sprint(got) != fmt.Sprint(mine) {
		t.Fatalf("restored %q, want the lost text %q", got, mine)
	}
	for _, e := range console.Errors() {
		// The refused save itself answers 409 Conflict, which the browser reports.
		if !strings.Contains(e, "409") {
			t.Errorf("console: %s", e)
		}
	}
}
