package server_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// cspProbeJS plays an attacker who got script into a page some other way (a
// browser extension, a bug in our own JavaScript) and tries what an injected
// snippet would: an inline script element, an inline event handler, eval, a
// script from another host, and a style attribute. It reports which ran and
// which violations the page reported.
const cspProbeJS = `(async () => {
	const violations = [];
	document.addEventListener("securitypolicyviolation", e => violations.push(e.effectiveDirective));
	const loaded = el => new Promise(r => { el.addEventListener("load", r); el.addEventListener("error", r); });

	const inline = document.createElement("script");
	inline.textContent = "window.__csp = (window.__csp || []).concat('inline script')";
	document.body.appendChild(inline);

	const img = document.createElement("img");
	img.setAttribute("onerror", "window.__csp = (window.__csp || []).concat('event handler')");
	const imgDone = loaded(img);
	img.src = "/no-such-image.png";
	document.body.appendChild(img);
	await imgDone;

	let evalBlocked = false;
	try { eval("window.__csp = (window.__csp || []).concat('eval')"); } catch (e) { evalBlocked = e instanceof EvalError; }

	const remote = document.createElement("script");
	const remoteDone = loaded(remote);
	remote.src = "https://scripts.example.com/steal.js";
	document.body.appendChild(remote);
	await remoteDone;

	const p = document.createElement("p");
	p.setAttribute("style", "color: rgb(1, 2, 3)");
	document.body.appendChild(p);
	const styled = getComputedStyle(p).color === "rgb(1, 2, 3)";

	// Violation events are queued as tasks; let them arrive.
	for (let i = 0; i < 5 && violations.length < 5; i++) await new Promise(r => setTimeout(r, 0));
	return {ran: window.__csp || [], evalBlocked, styled, violations};
})()`

// cspProbe is what cspProbeJS reports.
type cspProbe struct {
	Ran         []string `json:"ran"`
	EvalBlocked bool     `json:"evalBlocked"`
	Styled      bool     `json:"styled"`
	Violations  []string `json:"violations"`
}

// TestContentSecurityPolicyBlocksInjectedScript shows in a real browser that
// the headers do their work on a real article page, as a second wall behind
// escaping: script that got into the page cannot add inline script, inline
// handlers, eval, other hosts' scripts or inline styles; another site cannot
// frame the page; and the Permissions-Policy draws no warning from the
// browser (an unknown feature name would).
func TestContentSecurityPolicyBlocksInjectedScript(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	ctx, _ := browsertest.New(t)
	var mu sync.Mutex
	var messages []string
	console := chromedp.Console(ctx)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			mu.Lock()
			messages = append(messages, string(m.Type)+": "+m.Text)
			mu.Unlock()
		}
	}()
	logged := func(substr string) []string {
		mu.Lock()
		defer mu.Unlock()
		var out []string
		for _, m := range messages {
			if strings.Contains(m, substr) {
				out = append(out, m)
			}
		}
		return out
	}

	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(f.Srv.URL+f.Lead.Path()))
	if err != nil || resp.Status != http.StatusOK {
		t.Fatalf("open the article: %v (%v)", err, resp)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[cspProbe](cspProbeJS, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("probe: %v", err)
	}
	if len(got.Ran) > 0 {
		t.Errorf("injected script ran despite the CSP: %q", got.Ran)
	}
	if !got.EvalBlocked {
		t.Error("eval was allowed")
	}
	if got.Styled {
		t.Error("an inline style attribute was applied")
	}
	for _, d := range []string{"script-src-elem", "script-src-attr", "script-src", "style-src-attr"} {
		if !slices.Contains(got.Violations, d) {
			t.Errorf("no %s violation reported (got %q)", d, got.Violations)
		}
	}
	if pp := logged("Permissions-Policy"); len(pp) > 0 {
		t.Errorf("the browser objects to the Permissions-Policy: %q", pp)
	}

	// Another site tries to frame the article (clickjacking); the browser
	// refuses and says why.
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><title>elsewhere</title><iframe src="` + f.Srv.URL + f.Lead.Path() + `"></iframe>`))
	}))
	defer other.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(other.URL)); err != nil {
		t.Fatalf("open the framing site: %v", err)
	}
	// The refusal is reported as the frame loads; wait for it, within a
	// generous bound.
	for end := time.Now().Add(10 * time.Second); len(logged("frame-ancestors")) == 0 && time.Now().Before(end); {
		time.Sleep(50 * time.Millisecond)
	}
	if refused := logged("frame-ancestors"); len(refused) == 0 {
		t.Errorf("another site framed the article without the browser refusing it (console: %q)", logged(""))
	}
}
