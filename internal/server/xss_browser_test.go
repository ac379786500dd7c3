package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"dateline/internal/auth"
	"dateline/internal/browsertest"
	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestXSSCorpusIsLiveWhenServedRaw serves every payload of
// testdata/xss-payloads.txt raw, from a careless page with no CSP, and
// requires the checks TestXSSCorpusInBrowser relies on to catch each one
// there, and the dialog listener to hear the payloads' alerts. Without it a
// corpus of dead payloads, or checks blind to live ones, would let the real
// pages pass without proving anything.
func TestXSSCorpusIsLiveWhenServedRaw(t *testing.T) {
	payloads := loadPayloads(t)
	ctx, _ := browsertest.New(t) // the careless page fills the console with errors, as it should
	watchXSS(t, ctx, "").control(payloads)
}

// TestXSSCorpusInBrowser writes every payload of testdata/xss-payloads.txt
// through every way a stranger or a reporter puts text on the site, by the
// real forms and API, and opens in a real browser every page that shows that
// text to readers and to staff, failing if any payload runs (a dialog, or
// window.__xss set) or leaves markup that could run. Strangers: comment name
// and body (the form, the live check and the page that says what became of
// the comment), flag notes, search queries. Reporters: headline, summary,
// place, Markdown body, image caption and credit, video title and summary.
// Pages: the article after approval, the no-script flag page, the
// moderation queue (held comments, then flags with their notes), the
// newsroom editor with its live preview, the revision history, search
// results, video pages and lists, the video desk, the front page and the
// section list.
//
// The browser ignores CSP here, so that escaping and sanitising are tested
// on their own. TestXSSCorpusIsLiveWhenServedRaw shows the payloads do run,
// and are caught, when a page does not escape them.
func TestXSSCorpusInBrowser(t *testing.T) {
	payloads := loadPayloads(t)
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	reporter := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
	editor := servertest.NewMember(t, f, auth.Editor, "Eranga Editor")
	admin := servertest.NewMember(t, f, auth.Admin, "Anjali Admin")
	videoWriter := servertest.NewTokenUser(t, f, auth.Reporter, "Kamal Reporter")
	videoEditor := servertest.NewTokenUser(t, f, auth.Editor, "Esha Editor")
	moderator := servertest.NewTokenUser(t, f, auth.Moderator, "Mala Moderator")

	// Names are at most 80 characters: the short payloads take turns.
	var names []string
	for _, p := range payloads {
		if utf8.RuneCountInString(p) <= 80 {
			names = append(names, p)
		}
	}

	// 1. A reporter writes the payloads into a story through the newsroom
	// form; an editor publishes it.
	story := hostileStory(t, f, reporter, editor, payloads)
	a := servertest.Stored(t, f, story.id)

	// Strangers' comments must come from a form shown a few seconds before,
	// as a person's would, or they are rejected as spam before anyone sees
	// them; the clock starts now and the videos are made meanwhile.
	formTime := servertest.FormTimeOf(t, servertest.NewVisitor(t, f, true).Page(t, a.Path()))
	shown := time.Now()

	// 2. A reporter makes video stories through the admin API, each with a
	// payload in its title and as many as fit in its summary; an editor
	// publishes them.
	summaries := pack(payloads, news.MaxSummary, " ")
	type hostileVideo struct {
		id      int64
		url     string
		summary string
	}
	var videos []hostileVideo
	for i, summary := range summaries {
		r := f.CallAdminAPI(videoWriter.Token, http.MethodPost, "/api/v1/admin/videos", map[string]any{
			"title": fmt.Sprintf("%s video %d %s", xssMarker, i+1, payloads[i]), "summary": summary,
			"source_url": "https://youtu.be/dQw4w9WgXcQ", "lang": "en"})
		r.Expect(t, "create hostile video", http.StatusCreated, "")
		var v struct {
			ID      int64 `json:"id"`
			Version int   `json:"version"`
		}
		r.Decode(t, &v)
		r = f.CallAdminAPI(videoEditor.Token, http.MethodPost, fmt.Sprintf("/api/v1/admin/videos/%d/publish", v.ID), map[string]int{"version": v.Version})
		r.Expect(t, "publish hostile video", http.StatusOK, "")
		var pub struct {
			URL string `json:"url"`
		}
		r.Decode(t, &pub)
		videos = append(videos, hostileVideo{id: v.ID, url: pub.URL, summary: summary})
	}

	// 3. Strangers comment through the article's form, one payload each,
	// from addresses and browsers of their own.
	time.Sleep(time.Until(shown.Add(3200 * time.Millisecond)))
	commentPath := fmt.Sprintf("/news/%d/comments", a.ID)
	var ids []int64
	for i, p := range payloads {
		v := servertest.NewVisitor(t, f, true)
		r := v.Form(t, commentPath, servertest.CommentForm(names[i%len(names)], "", p, formTime))
		ids = append(ids, servertest.SentCommentID(t, f, r, a, p))
	}

	ctx, console := browsertest.New(t)
	w := watchXSS(t, ctx, f.Srv.URL)
	w.bypassCSP()
	articleURL := f.Srv.URL + a.Path()

	// 4. A stranger in the browser: the live check and the answer to
	// sending, which the script draws, quote what they typed.
	w.open("article before comments", articleURL, http.StatusOK)
	strangerBody := "See example.com: " + pack(payloads, 1500, " ")[0]
	for sel, v := range map[string]string{`#comment-form input[name=name]`: names[0], `#comment-form textarea[name=body]`: strangerBody} {
		w.must("fill in "+sel, chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), v)))
	}
	w.must("type", chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](
		`document.querySelector("#comment-form textarea[name=body]").dispatchEvent(new Event("input", {bubbles: true}))`)))
	w.waitFor("the live check answers", `document.querySelectorAll("#comment-check li").length > 0`)
	w.check("the live check")
	w.must("send the comment", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#comment-form button[type=submit]`))))
	w.waitFor("the answer to sending", `document.querySelectorAll("#your-comment").length > 0`)
	w.check("the stranger's comment status")
	if got := w.texts(`#your-comment`); len(got) != 1 {
		t.Errorf("after posting, the page has %d status boxes, want 1", len(got))
	}
	// Held, the form is empty for the next comment; refused, it still
	// holds the text, exactly as typed.
	want := ""
	if w.value(`#your-comment`, "className") == "comment-message refused" {
		want = strangerBody
	}
	if got := w.value(`#comment-form textarea[name=body]`, "value"); got != want {
		t.Errorf("after sending, the form holds %q, want %q", got, want)
	}

	// 5. Staff sign in; the held comments wait in the queue.
	w.open("sign-in page", f.Srv.URL+"/newsroom/login", http.StatusOK)
	w.must("sign in", chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), admin.Email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), admin.Password)))
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`form[action="/newsroom/login"] button[type=submit]`))))
	w.must("sign in", err)
	w.check("newsroom after sign-in")
	bodies, queueNames := w.queue("held comments", "pending", "rejected")
	if m := missing(payloads, bodies); len(m) > 0 {
		t.Errorf("the queue does not show %d comments as written: %q", len(m), m)
	}
	if m := missing(names, queueNames); len(m) > 0 {
		t.Errorf("the queue does not show %d names as written: %q", len(m), m)
	}

	// 6. A moderator approves them all; the article shows them to readers.
	for _, id := range ids {
		servertest.ApproveByAPI(t, f, moderator.Token, id)
	}
	w.open("article with approved comments", articleURL, http.StatusOK)
	if m := missing(payloads, w.texts(`li.comment .comment-body`)); len(m) > 0 {
		t.Errorf("the article does not show %d comments as written: %q", len(m), m)
	}
	if got := w.value(`article.story h1`, "textContent"); got != story.headline {
		t.Errorf("headline shown as %q, want %q", got, story.headline)
	}
	if got := w.value(`figure.lead-image img`, "alt"); got != story.caption {
		t.Errorf("image alt text %q, want the caption %q", got, story.caption)
	}
	if got := w.value(`figure.lead-image figcaption`, "textContent"); !strings.HasPrefix(got, story.caption) {
		t.Errorf("figure caption %q, want it to start with %q", got, story.caption)
	}

	// The page a reader without JavaScript flags a comment on shows the
	// comment and the headline again; it renders the same fields through
	// the same template for every comment, so a sample of them does.
	for i := 0; i < len(ids); i += 12 {
		w.open(fmt.Sprintf("flag page of comment %d", i+1), fmt.Sprintf("%s/comments/%d/flag", f.Srv.URL, ids[i]), http.StatusOK)
		if got := w.value(`.flag-page .comment-body`, "textContent"); got != payloads[i] {
			t.Errorf("flag page of comment %d shows %q, want %q", i+1, got, payloads[i])
		}
	}

	// 7. Readers flag each comment with a payload as the note; the
	// moderator reads the notes in the queue.
	var notes []string
	for i, id := range ids {
		note := payloads[(i+1)%len(payloads)]
		servertest.NewVisitor(t, f, false).Flag(t, id, "other", note).Expect(t, "flag", http.StatusCreated, "")
		notes = append(notes, "“"+note+"”")
	}
	flagLines := w.queueFlags("flagged comments", "approved", "reported")
	for _, n := range notes {
		found := false
		for _, l := range flagLines {
			found = found || strings.Contains(l, n)
		}
		if !found {
			t.Errorf("no flag line in the queue quotes the note %s", n)
		}
	}

	// 8. The newsroom's own views of the story: the editor and its live
	// preview (HTML the server sanitised, put in place by script), the
	// revision history and a revision.
	editorURL := fmt.Sprintf("%s/newsroom/articles/%d", f.Srv.URL, a.ID)
	w.open("article editor", editorURL, http.StatusOK)
	w.waitFor("the live preview", `!!document.querySelector("#preview .body") && document.getElementById("preview").getAttribute("aria-busy") !== "true"`)
	w.check("article editor with its preview")
	if got := w.value(`#body`, "value"); got != story.body {
		t.Errorf("the editor shows a body of %d bytes, not the %d written", len(got), len(story.body))
	}
	if got := w.value(`input[name=image_caption]`, "value"); got != story.caption {
		t.Errorf("the editor shows the caption %q, want %q", got, story.caption)
	}
	w.open("revision history", editorURL+"/revisions", http.StatusOK)
	w.open("first revision", fmt.Sprintf("%s/revisions/%d", editorURL, servertest.FirstRevision(t, f, a.ID)), http.StatusOK)

	// 9. Search: results quoting the stories, and payloads as queries.
	w.open("search results", f.Srv.URL+"/search?q="+xssMarker, http.StatusOK)
	if n := len(w.texts(`.search-result`)); n != 1+len(videos) {
		t.Errorf("search finds %d stories, want the article and %d videos", n, len(videos))
	}
	for i, q := range pack(payloads, 500, " ") {
		w.open(fmt.Sprintf("search query %d", i+1), f.Srv.URL+"/search?q="+url.QueryEscape(q), http.StatusOK)
		if got := w.value(`#search-q`, "value"); got != q {
			t.Errorf("search box shows %q, want the query %q", got, q)
		}
	}

	// 10. The video stories, their list, and the video desk.
	for i, v := range videos {
		w.open(fmt.Sprintf("video %d", i+1), v.url, http.StatusOK)
		if got := w.value(`.video-summary`, "textContent"); got != v.summary {
			t.Errorf("video %d shows the summary %q, want %q", i+1, got, v.summary)
		}
		w.open(fmt.Sprintf("video desk %d", i+1), fmt.Sprintf("%s/newsroom/videos/%d", f.Srv.URL, v.id), http.StatusOK)
	}
	w.open("video list", f.Srv.URL+"/video", http.StatusOK)
	w.open("front page", f.Srv.URL+"/", http.StatusOK)
	w.open("section list", f.Srv.URL+"/section/local", http.StatusOK)

	// The console holds only failed loads (a sanitised <img src=x>, the
	// video stills from i.ytimg.com, offline here), listed for the record.
	t.Logf("%d payloads, %d pages checked; console: %q", len(payloads), w.pages, console.Errors())
}

// hostileStoryText is what the reporter wrote.
type hostileStoryText struct {
	id                                      int64
	headline, summary, place, body, caption string
}

// hostileStory has a reporter write a story with payloads in every text
// field through the newsroom form (with a lead image, so the caption is
// shown), checks the editor gives every field back exactly, submits it, and
// has an editor publish it.
func hostileStory(t *testing.T, f *servertest.Fixture, reporter, editor servertest.Member, payloads []string) hostileStoryText {
	t.Helper()
	s := hostileStoryText{
		headline: xssMarker + " " + pack(payloads, news.MaxHeadline-len(xssMarker)-1, " ")[0],
		summary:  pack(payloads, news.MaxSummary, " ")[0],
		place:    pack(payloads, news.MaxPlace, " ")[0],
		// Each payload a paragraph of its own, so that Markdown sees every
		// one at the start of a block, where raw HTML is recognised.
		body:    xssMarker + "\n\n" + strings.Join(payloads, "\n\n"),
		caption: strings.Join(payloads, " "),
	}
	rc := servertest.LoginAs(t, f, reporter)
	form := servertest.StoryForm(f, s.headline, s.body)
	form.Set("summary", s.summary)
	form.Set("place", s.place)
	form.Set("image_caption", s.caption)
	form.Set("image_credit", pack(payloads, 200, " ")[1])
	form.Set("authors", strconv.FormatInt(reporter.ID, 10))
	r := servertest.PostMultipart(t, f, rc, "/newsroom/articles", form, servertest.Upload{Field: "image", Name: "harbour.png", Data: storetest.PNG(t, 1200, 675)})
	s.id = servertest.ArticleIDFrom(t, r)
	fields := servertest.OpenEditor(t, f, rc, s.id)
	for _, name := range []string{"headline", "summary", "place", "body", "image_caption", "image_credit"} {
		if got := fields.Get(name); got != form.Get(name) {
			t.Fatalf("the editor gives back %s as %q, want %q", name, got, form.Get(name))
		}
	}
	path := fmt.Sprintf("/newsroom/articles/%d", s.id)
	fields.Set("action", "submit")
	servertest.PostMultipart(t, f, rc, path, fields).ExpectRedirect(t, "submit", path+"?done=submit")
	ec := servertest.LoginAs(t, f, editor)
	fields = servertest.OpenEditor(t, f, ec, s.id)
	fields.Set("action", "publish")
	servertest.PostMultipart(t, f, ec, path, fields).ExpectRedirect(t, "publish", path+"?done=publish")
	if a := servertest.Stored(t, f, s.id); a.Status != news.StatusPublished {
		t.Fatalf("the hostile story is %s, want published", a.Status)
	}
	return s
}
