package server_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/text/unicode/norm"
)

// xssMarker is a word every hostile story carries, so one search finds them.
const xssMarker = "xsscorpus"

// loadPayloads reads testdata/xss-payloads.txt: one payload a line, "#"
// lines and blank lines being notes. The corpus must stay large and its
// lines distinct (a repeated comment would be held as spam, not shown).
func loadPayloads(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile("testdata/xss-payloads.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if seen[line] {
			t.Fatalf("payload %q is in the corpus twice", line)
		}
		seen[line] = true
		out = append(out, line)
	}
	if len(out) < 50 {
		t.Fatalf("the corpus has %d payloads, want at least 50", len(out))
	}
	return out
}

// pack joins payloads with sep into as few strings of at most max bytes as
// it can, in order, so that fields with a length limit still carry every
// payload between them.
func pack(payloads []string, max int, sep string) []string {
	var out []string
	cur := ""
	for _, p := range payloads {
		switch {
		case cur == "":
			cur = p
		case len(cur)+len(sep)+len(p) <= max:
			cur += sep + p
		default:
			out = append(out, cur)
			cur = p
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// detectorJS is a function (doc, scaffold) that lists what in a document
// could run script: any on* attribute, a script, vbscript or HTML/SVG data
// URL in an attribute that loads or navigates, a srcdoc, a script element
// other than our own files and JSON-LD, frames, plugins, <base> and meta
// refreshes. None of these can come from escaped text or from the Markdown
// sanitiser, so any of them on our pages means injected markup, whether or
// not it managed to run. With scaffold set, elements marked data-scaffold
// (the control page's own) are skipped.
const detectorJS = `(doc, scaffold) => {
	const out = [];
	const urlAttrs = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background",
		"srcset", "ping", "codebase", "cite", "manifest", "icon", "lowsrc", "dynsrc"]);
	const scriptURL = /^(javascript|vbscript|data:text\/html|data:image\/svg|data:application)/;
	const frames = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"]);
	for (const el of doc.querySelectorAll("*")) {
		if (scaffold && el.hasAttribute("data-scaffold")) continue;
		const tag = el.localName;
		for (const a of el.attributes) {
			const name = a.name.toLowerCase();
			if (name.startsWith("on")) out.push("<" + tag + " " + name + ">");
			if (name === "srcdoc") out.push("<" + tag + " srcdoc>");
			if (urlAttrs.has(name) && scriptURL.test(a.value.replace(/[\u0000-\u0020]/g, "").toLowerCase())) {
				out.push("<" + tag + " " + name + "=" + a.value.slice(0, 60) + ">");
			}
		}
		if (tag === "script") {
			const src = el.getAttribute("src") || "";
			const type = (el.getAttribute("type") || "").toLowerCase();
			const ours = src ? /^\/static\/js\/[\w.-]+\.js$/.test(src) : type === "application/ld+json";
			if (!ours) out.push("<script " + (src || el.textContent.slice(0, 60)) + ">");
		}
		if (frames.has(tag)) out.push("<" + tag + ">");
		if (tag === "meta" && el.hasAttribute("http-equiv")) out.push("<meta http-equiv>");
	}
	return out;
}`

// settleJS waits for what a page still has to load (images that are not
// lazy; their error handlers are where injected script often sits), lets
// queued tasks run, then reports the injected global and the detector's
// findings. The wait is bounded so a stuck image cannot hang the test.
const settleJS = `(async () => {
	const detect = ` + detectorJS + `;
	const pending = [...document.images].filter(i => !i.complete && i.loading !== "lazy");
	const loaded = Promise.all(pending.map(i => new Promise(r => {
		i.addEventListener("load", r, {once: true});
		i.addEventListener("error", r, {once: true});
	})));
	await Promise.race([loaded, new Promise(r => setTimeout(r, 5000))]);
	await new Promise(r => setTimeout(r, 0));
	await new Promise(r => setTimeout(r, 0));
	return {xss: "__xss" in window, problems: detect(document, false)};
})()`

// domReport is what settleJS and controlJS report for one document.
type domReport struct {
	XSS      bool     `json:"xss"`
	Problems []string `json:"problems"`
}

// rawContexts puts a payload, unescaped, where a careless page would: HTML
// text, a title, attributes (double, single and unquoted), a link, a text
// area, script strings; and in text after the mistakes that undo escaping
// (decoding entities, URL or JavaScript escapes once or twice, NFKC
// normalisation, stripping <script> tags once, Markdown rendered without the
// sanitiser).
func rawContexts(p string) string {
	unURL := func(s string) string {
		if u, err := url.PathUnescape(s); err == nil {
			return u
		}
		return s
	}
	jsEscape := regexp.MustCompile(`\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))`)
	unJS := jsEscape.ReplaceAllStringFunc(p, func(m string) string {
		n, _ := strconv.ParseUint(m[2:], 16, 32)
		return string(rune(n))
	})
	var md bytes.Buffer
	goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Typographer),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
	).Convert([]byte(p), &md)
	return "<!doctype html><html><head><meta charset=utf-8><title>" + p + "</title></head><body>\n" + strings.Join([]string{
		"<p>" + p + "</p>",
		`<div title="` + p + `">double</div>`,
		`<div title='` + p + `'>single</div>`,
		`<div title=` + p + `>bare</div>`,
		`<a href="` + p + `">link</a>`,
		"<textarea>" + p + "</textarea>",
		`<script data-scaffold>var dq = "` + p + `";</script>`,
		`<script data-scaffold>var sq = '` + p + `';</script>`,
		"<p>" + html.UnescapeString(p) + "</p>",
		"<p>" + unURL(p) + "</p>",
		"<p>" + unURL(unURL(p)) + "</p>",
		"<p>" + unJS + "</p>",
		"<p>" + norm.NFKC.String(p) + "</p>",
		"<p>" + regexp.MustCompile(`(?i)</?script>`).ReplaceAllString(p, "") + "</p>",
		md.String(),
	}, "\n") + "\n</body></html>"
}

// controlJS reports, for each payload frame of the control page, whether
// the payload set the global in its frame or left something the detector
// sees.
const controlJS = `(() => {
	const detect = ` + detectorJS + `;
	return [...document.querySelectorAll("iframe[data-scaffold]")].map(f => {
		const w = f.contentWindow, d = f.contentDocument;
		return {xss: !!w && "__xss" in w, problems: d ? detect(d, true) : ["no document"]};
	});
})()`

// xssWatch drives one browser through the pages under test, with every
// JavaScript dialog recorded and dismissed (an open dialog would stall the
// page), and checks each page for an injected global or injected markup.
type xssWatch struct {
	t    *testing.T
	ctx  context.Context
	base string // the server under test

	mu      sync.Mutex
	dialogs []string // "type message (frame URL)", since the last check
	pages   int      // pages checked
}

// watchXSS starts recording dialogs in the browser of ctx and turns off its
// HTTP cache, so every visit asks the server (whose own cache the test's
// writes keep true).
func watchXSS(t *testing.T, ctx context.Context, base string) *xssWatch {
	t.Helper()
	w := &xssWatch{t: t, ctx: ctx, base: base}
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.dialogs = append(w.dialogs, fmt.Sprintf("%s %q (%s)", ev.Type, ev.Message, ev.URL))
			w.mu.Unlock()
			// Dismissed from here: the page, and the action waiting on
			// it, are stuck until someone answers.
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatalf("turn off the browser cache: %v", err)
	}
	return w
}

// takeDialogs returns the dialogs since the last call.
func (w *xssWatch) takeDialogs() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	d := w.dialogs
	w.dialogs = nil
	return d
}

func (w *xssWatch) must(step string, err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatalf("%s: %v", step, err)
	}
}

// control serves every payload raw, each in its own frame and in every
// context of rawContexts, from a plain server with no CSP, and fails the
// test for a payload the checks do not catch there: a payload that cannot
// run even in a careless page proves nothing, and a check that misses a
// live payload would let the real pages pass blind. It also requires the
// dialog listener to have heard the payloads' alerts.
func (w *xssWatch) control(payloads []string) {
	w.t.Helper()
	var body strings.Builder
	body.WriteString("<!doctype html><title>control</title>\n")
	for _, p := range payloads {
		fmt.Fprintf(&body, "<iframe data-scaffold srcdoc=\"%s\"></iframe>\n", html.EscapeString(rawContexts(p)))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(rw, r) // the payloads' src=x
			return
		}
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		rw.Write([]byte(body.String()))
	}))
	defer srv.Close()
	w.must("open the control page", chromedp.Do(w.ctx, chromedp.Navigate(srv.URL+"/")))
	// Give handlers queued by the load (image errors, toggles) their turn.
	_, err := chromedp.Run(w.ctx, chromedp.Evaluate[bool](`new Promise(r => setTimeout(() => r(true), 0))`, chromedp.EvalAwaitPromise))
	w.must("settle the control page", err)
	reports, err := chromedp.Run(w.ctx, chromedp.Evaluate[[]domReport](controlJS))
	w.must("read the control page", err)
	if len(reports) != len(payloads) {
		w.t.Fatalf("control page: %d frames report, want %d", len(reports), len(payloads))
	}
	caught := 0
	for i, r := range reports {
		if r.XSS || len(r.Problems) > 0 {
			caught++
		} else {
			w.t.Errorf("payload %q runs in no careless context: the corpus should hold live payloads only, or the checks are blind to it", payloads[i])
		}
	}
	dialogs := w.takeDialogs()
	if len(dialogs) == 0 {
		w.t.Errorf("no dialog was heard from the control page, though payloads there call alert: the dialog listener is not working")
	}
	w.t.Logf("control: %d of %d payloads caught when served raw; %d dialogs heard", caught, len(payloads), len(dialogs))
}

// bypassCSP makes the browser ignore the Content-Security-Policy from here
// on, so that the pages are checked for what their escaping and sanitising
// let through, not for what CSP would block behind them (that has a test of
// its own: TestContentSecurityPolicyBlocksInjectedScript).
func (w *xssWatch) bypassCSP() {
	w.t.Helper()
	_, err := chromedp.Call(w.ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
	w.must("bypass CSP", err)
}

// open loads a page, fails unless it answers with status, and checks it.
func (w *xssWatch) open(step, url string, status int) {
	w.t.Helper()
	resp, err := chromedp.Run(w.ctx, chromedp.NavigateResponse(url))
	w.must(step, err)
	if int(resp.Status) != status {
		w.t.Fatalf("%s: %s answered %d, want %d", step, url, resp.Status, status)
	}
	w.check(step)
}

// check fails the test if the page now shown has the injected global,
// injected markup, or opened a dialog.
func (w *xssWatch) check(step string) {
	w.t.Helper()
	r, err := chromedp.Run(w.ctx, chromedp.Evaluate[domReport](settleJS, chromedp.EvalAwaitPromise))
	w.must(step+": inspect the page", err)
	w.pages++
	// A page that ran a payload may have changed anything (its forms, its
	// links), so the walk stops there rather than go on in a browser it
	// can no longer trust.
	var found []string
	if r.XSS {
		found = append(found, "a payload ran (window.__xss is set)")
	}
	if len(r.Problems) > 0 {
		found = append(found, fmt.Sprintf("injected markup in the page: %q", r.Problems))
	}
	if d := w.takeDialogs(); len(d) > 0 {
		found = append(found, fmt.Sprintf("a payload opened dialogs: %q", d))
	}
	if len(found) > 0 {
		w.t.Fatalf("%s: %s", step, strings.Join(found, "; "))
	}
}

// texts returns the normalised text of every element matching sel.
func (w *xssWatch) texts(sel string) []string {
	w.t.Helper()
	out, err := chromedp.Run(w.ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll(`+strconv.Quote(sel)+`)].map(e => e.textContent)`))
	w.must("read "+sel, err)
	return out
}

// value returns a property of the first element matching sel.
func (w *xssWatch) value(sel, prop string) string {
	w.t.Helper()
	out, err := chromedp.Run(w.ctx, chromedp.Evaluate[string](
		`(() => { const e = document.querySelector(`+strconv.Quote(sel)+`); return e ? String(e[`+strconv.Quote(prop)+`]) : "<missing>"; })()`))
	w.must("read "+sel, err)
	return out
}

// waitFor polls a condition the page reaches on its own (a fetch answered).
func (w *xssWatch) waitFor(step, cond string) {
	w.t.Helper()
	_, err := chromedp.Run(w.ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(15*time.Second)))
	w.must(step, err)
}

// queue opens the tabs of the newsroom's comment queue, every page of each,
// checks them, and returns the comments' bodies and names as shown.
func (w *xssWatch) queue(step string, tabs ...string) (bodies, names []string) {
	w.t.Helper()
	w.eachQueuePage(step, tabs, func() {
		bodies = append(bodies, w.texts(".queue-item .queue-body")...)
		names = append(names, w.texts(".queue-item .queue-meta strong")...)
	})
	return bodies, names
}

// queueFlags is queue for the lines that list each comment's flags.
func (w *xssWatch) queueFlags(step string, tabs ...string) (lines []string) {
	w.t.Helper()
	w.eachQueuePage(step, tabs, func() { lines = append(lines, w.texts(".queue-item .flags")...) })
	return lines
}

func (w *xssWatch) eachQueuePage(step string, tabs []string, read func()) {
	w.t.Helper()
	for _, tab := range tabs {
		next := "/newsroom/comments?tab=" + tab
		for n := 1; next != ""; n++ {
			w.open(fmt.Sprintf("%s, %s tab, page %d", step, tab, n), w.base+next, http.StatusOK)
			read()
			var err error
			next, err = chromedp.Run(w.ctx, chromedp.Evaluate[string](
				`([...document.querySelectorAll(".pager a")].find(a => a.textContent.startsWith("Next")) || {getAttribute: () => ""}).getAttribute("href") || ""`))
			w.must(step+": find the next page", err)
		}
	}
}

// missing returns the wants that are not among got.
func missing(wants, got []string) []string {
	have := map[string]bool{}
	for _, g := range got {
		have[g] = true
	}
	var out []string
	for _, w := range wants {
		if !have[w] {
			out = append(out, w)
		}
	}
	return out
}
