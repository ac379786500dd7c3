package server_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/auth"
	"dateline/internal/browsertest"
	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestLivePreviewInBrowser opens a draft with a picture in the editor and
// sets a time to publish at: the live preview shows the picture (from the
// newsroom's address, since the story is not out), its caption and credit,
// the byline, the source line and the scheduled time as the dateline. Then
// the session ends: the next preview says so in the pane, keeps the last
// one, and logs nothing to the console; after signing in again in another
// tab the preview comes back by itself.
func TestLivePreviewInBrowser(t *testing.T) {
	e := storetest.Open(t, "sqlite")
	f := servertest.New(t, e)
	ctx, console := browsertest.New(t)
	ed := servertest.NewMember(t, f, auth.Editor, "Eranga Editor")
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v (console: %q)", step, err, console.Errors())
		}
	}

	// A draft of agency copy with a picture that is not public yet.
	bg := context.Background()
	img, err := desk.SaveImage(bg, f.Store, "galle-harbour.png", storetest.PNG(t, 1200, 675))
	must("save the image", err)
	a := servertest.SeedOwned(t, f, ed.ID, news.StatusDraft, "Fishing fleet stays in harbour")
	a.Image, a.ImageCaption, a.ImageCredit = &img, "Boats at Galle harbour", "Staff photographer"
	a.Source, a.Place, a.Authors = news.Source{Agency: true, Name: "Reuters"}, "Galle", []news.Author{ed.Author()}
	must("update the draft", f.Store.UpdateArticle(bg, &a, store.Change{Actor: "test", Action: "save"}))

	signIn := func(tab context.Context) {
		t.Helper()
		must("sign in", chromedp.Do(tab,
			chromedp.Navigate(f.Srv.URL+"/newsroom/login"),
			chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
			chromedp.SendKeys(chromedp.CSS(`input[name=email]`), ed.Email),
			chromedp.SendKeys(chromedp.CSS(`input[name=password]`), ed.Password),
			chromedp.Click(chromedp.CSS(`form[action="/newsroom/login"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.nr-table`)),
		))
	}
	signIn(ctx)
	at := time.Now().Add(48 * time.Hour).In(f.Cfg.Location).Truncate(time.Minute)
	must("open the draft and set a time", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+"/newsroom/articles/"+strconv.FormatInt(a.ID, 10)),
		chromedp.WaitVisible(chromedp.CSS(`input[name=publish_at]`)),
		chromedp.Evaluate[chromedp.Void](`(() => {
			const el = document.querySelector("input[name=publish_at]");
			el.value = `+strconv.Quote(at.Format("2006-01-02T15:04"))+`;
			el.dispatchEvent(new Event("input", {bubbles: true}));
		})()`),
	))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		const img = document.querySelector("#preview figure.lead-image img");
		const when = document.querySelector("#preview .dateline time");
		return !!img && img.complete && img.naturalWidth > 0 && img.getAttribute("src").startsWith("/newsroom/media/") &&
			!!when && when.textContent === `+strconv.Quote(news.FormatDateline(at, f.Cfg.Location))+`;
	})()`, chromedp.WithPollingTimeout(15*time.Second)))
	must("the preview shows the picture and the scheduled time", err)
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`["figcaption", ".byline", ".source", ".dateline .place"].map(s => {
		const el = document.querySelector("#preview " + s);
		return el ? el.textContent.trim().replace(/\s+/g, " ") : "(none)";
	})`))
	must("read the preview", err)
	want := []string{"Boats at Galle harbour Staff photographer", "By Eranga Editor", "Source: Reuters -Agencies", "Galle"}
	if strings.Join(shown, "|") != strings.Join(want, "|") {
		t.Errorf("the preview shows %q, want %q", shown, want)
	}

	// The session ends while the editor is still writing.
	storetest.Exec(t, e, "DELETE FROM sessions")
	must("type after the session ended", chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`#body`), " More boats came in.")))
	note, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const n = document.querySelector("#preview .preview-alert");
		return n && n.textContent;
	})()`, chromedp.WithPollingTimeout(15*time.Second)))
	must("the preview says the session ended", err)
	if !strings.Contains(note, "Signed out") || !strings.Contains(note, "sign in again") {
		t.Errorf("the note reads %q", note)
	}
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector("#preview figure.lead-image") && !!document.querySelector("#preview h1")`))
	must("read the kept preview", err)
	if !kept {
		t.Errorf("the last preview was not kept under the note")
	}

	// Signed in again in another tab, the next change refreshes the preview.
	tab, closeTab := chromedp.NewContext(ctx)
	defer closeTab()
	signIn(tab)
	must("type again", chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`#body`), " Then the rain.")))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		const body = document.querySelector("#preview .body");
		return !document.querySelector("#preview .preview-alert") && !!body && body.textContent.includes("Then the rain.");
	})()`, chromedp.WithPollingTimeout(15*time.Second)))
	must("the preview is back after signing in", err)

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
