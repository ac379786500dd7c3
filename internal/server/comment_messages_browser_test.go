package server_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/comments"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// shownMessage is the comment message a page shows, as the reader meets it.
type shownMessage struct {
	Count      int    `json:"count"`      // comment messages on the page
	Kind       string `json:"kind"`       // its class: comment-message and the kind
	Role       string `json:"role"`       //
	Text       string `json:"text"`       //
	Focused    bool   `json:"focused"`    // it has the focus
	Background string `json:"background"` // computed
	Border     string `json:"border"`     // computed left border colour
	Success    string `json:"success"`    // the computed background of a published message, for comparison
	Section    string `json:"section"`    // everything the comment section says
	Check      int    `json:"check"`      // findings the live check shows
	Name       string `json:"name"`       // what the form holds
	Body       string `json:"body"`       //
	Path       string `json:"path"`       // the page's path: the script sent the form, no page was loaded
}

const shownMessageJS = `(() => {
	const m = document.getElementById("your-comment");
	const probe = document.createElement("div");
	probe.className = "comment-message published";
	document.body.appendChild(probe);
	const success = getComputedStyle(probe).backgroundColor;
	probe.remove();
	const form = document.getElementById("comment-form");
	return {
		count: document.querySelectorAll(".comment-message").length,
		kind: m ? m.className : "",
		role: m ? m.getAttribute("role") : "",
		text: m ? m.innerText.replace(/\s+/g, " ").trim() : "",
		focused: !!m && document.activeElement === m,
		background: m ? getComputedStyle(m).backgroundColor : "",
		border: m ? getComputedStyle(m).borderLeftColor : "",
		success: success,
		section: document.getElementById("comments").innerText,
		check: document.querySelectorAll("#comment-check li").length,
		name: form.querySelector("input[name=name]").value,
		body: form.querySelector("textarea[name=body]").value,
		path: location.pathname,
	};
})()`

// TestCommentMessagesInBrowser sends comments the way a reader with
// script does: the form goes by fetch and the answer is drawn on the page.
// A comment in capitals, which the site refuses, gets one message, styled
// as an error (not the success green), announced as an alert and focused,
// and the text stays in the form; the reader fixes it and sends again, and
// gets one neutral "awaiting moderation" in its place, with the form
// cleared. At no point does the page show two messages or contradict one.
func TestCommentMessagesInBrowser(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	rejectCapitals(t, f, comments.Pre)
	ctx, console := browsertest.New(t)
	a := f.Staff
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v (console: %q)", step, err, console.Errors())
		}
	}
	waitFor := func(step, cond string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(15*time.Second)))
		must(step, err)
	}
	shown := func(step string) shownMessage {
		t.Helper()
		m, err := chromedp.Run(ctx, chromedp.Evaluate[shownMessage](shownMessageJS))
		must(step, err)
		return m
	}
	typeBody := func(step, text string) {
		t.Helper()
		must(step, chromedp.Do(ctx,
			chromedp.Evaluate[chromedp.Void](`document.querySelector("#comment-form textarea[name=body]").value = ""`),
			chromedp.SendKeys(chromedp.CSS(`#comment-form textarea[name=body]`), text)))
	}
	send := func(step, kind string) shownMessage {
		t.Helper()
		must(step, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#comment-form button[type=submit]`))))
		waitFor(step+": the answer", `(() => { const m = document.getElementById("your-comment"); return !!m && m.classList.contains(`+strconv.Quote(kind)+`); })()`)
		// For a person to look at: /tmp/comment-refused.png, /tmp/comment-held.png.
		if shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(`#comments`))); err == nil {
			os.WriteFile("/tmp/comment-"+kind+".png", shot, 0o644)
		}
		return shown(step)
	}

	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(f.Srv.URL+a.Path()))
	must("open the article", err)
	if resp.Status != 200 {
		t.Fatalf("article: status %d", resp.Status)
	}
	loaded := time.Now()
	must("write a comment in capitals", chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`#comment-form textarea[name=body]`)),
		chromedp.SendKeys(chromedp.CSS(`#comment-form input[name=name]`), "Sunil Perera")))
	typeBody("write a comment in capitals", capitalsBody)
	time.Sleep(time.Until(loaded.Add(3200 * time.Millisecond))) // a person takes a few seconds

	// 1. Refused: one message, an error, with the text still there.
	m := send("send the comment in capitals", "refused")
	if m.Count != 1 || m.Kind != "comment-message refused" || m.Role != "alert" || !m.Focused {
		t.Errorf("after the refusal: %d messages, the one %q with role %q, focused %v; want one refusal, an alert, focused", m.Count, m.Kind, m.Role, m.Focused)
	}
	for _, want := range []string{"Your comment was not accepted.", "Comments written in capital letters are not allowed.", "change it and send it again"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("the refusal %q does not say %q", m.Text, want)
		}
	}
	if m.Background == "" || m.Background == m.Success || !reddish(m.Border) {
		t.Errorf("the refusal is drawn with background %s (a published message's is %s) and border %s: want an error's colours", m.Background, m.Success, m.Border)
	}
	for _, bad := range []string{"awaiting moderation", "is published", "Thank you"} {
		if strings.Contains(m.Section, bad) {
			t.Errorf("with the refusal on show, the comments also say %q", bad)
		}
	}
	if m.Check != 0 {
		t.Errorf("the live check shows %d findings beside the refusal", m.Check)
	}
	if m.Name != "Sunil Perera" || m.Body != capitalsBody {
		t.Errorf("after the refusal the form holds %q / %q, want the reader's name and text", m.Name, m.Body)
	}
	if m.Path != a.Path() {
		t.Errorf("sending left the article for %s", m.Path)
	}

	// 2. The reader fixes it and sends again: held, one neutral message
	// in place of the refusal, and the form is empty.
	fixed := "The river rose two metres and nobody warned us in time."
	typeBody("fix the comment", fixed)
	m = send("send the fixed comment", "held")
	if m.Count != 1 || m.Kind != "comment-message held" || m.Role != "status" || !m.Focused {
		t.Errorf("after the fixed comment: %d messages, the one %q with role %q, focused %v; want one held status, focused", m.Count, m.Kind, m.Role, m.Focused)
	}
	if !strings.Contains(m.Text, "Thank you. Your comment is awaiting moderation") {
		t.Errorf("the held message says %q", m.Text)
	}
	for _, bad := range []string{"not accepted", "not allowed", "is published"} {
		if strings.Contains(m.Section, bad) {
			t.Errorf("with the held message on show, the comments also say %q", bad)
		}
	}
	if m.Background == m.Success || reddish(m.Border) {
		t.Errorf("the held message is drawn with background %s and border %s: neither success nor error", m.Background, m.Border)
	}
	if m.Name != "" || m.Body != "" {
		t.Errorf("after the comment went through the form holds %q / %q, want it empty", m.Name, m.Body)
	}

	// What the server kept: the refused text as rejected, the fixed one waiting.
	for status, want := range map[store.CommentStatus]string{store.CommentRejected: capitalsBody, store.CommentPending: fixed} {
		list, _, err := f.Store.CommentQueue(context.Background(), status, 10, 0)
		if err != nil || len(list) != 1 || list[0].Body != want {
			t.Errorf("%s comments: %+v %v, want the one %q", status, list, err, want)
		}
	}

	// 3. Writing the next comment: the message about the last one goes,
	// and the live check speaks about the new text alone.
	typeBody("start another comment", "A fair report, see example.com for the full text.")
	waitFor("the live check on the new comment", `document.querySelectorAll("#comment-check li").length > 0`)
	if m = shown("the next comment"); m.Count != 0 {
		t.Errorf("while writing the next comment, %d messages about the last one remain: %q", m.Count, m.Text)
	}

	// Chromium logs every answer outside 2xx as a failed load, and the
	// refusal is a 422 on purpose (the status says what happened, to
	// scripts, logs and metrics alike): that one line is the answer, not a
	// fault. Anything else is.
	refusal := "status of 422 (Unprocessable Entity) " + f.Srv.URL + "/news/" + strconv.FormatInt(a.ID, 10) + "/comments"
	for _, e := range console.Errors() {
		// (A first post goes to ?reader=new after its reader cookie.)
		if !strings.Contains(e, "Failed to load resource") || !strings.HasSuffix(e, refusal) && !strings.HasSuffix(e, refusal+"?reader=new") {
			t.Errorf("console error: %s", e)
		}
	}
}

// reddish reports whether a computed CSS colour "rgb(r, g, b)" is mostly red.
func reddish(colour string) bool {
	parts := strings.FieldsFunc(colour, func(r rune) bool { return r < '0' || r > '9' })
	if len(parts) < 3 {
		return false
	}
	r, _ := strconv.Atoi(parts[0])
	g, _ := strconv.Atoi(parts[1])
	b, _ := strconv.Atoi(parts[2])
	return r > 120 && r > 2*g && r > 2*b
}
