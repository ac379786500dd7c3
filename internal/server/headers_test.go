package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// probe is one request of the header walk and the status it must get, so a
// walk that silently hits the wrong page (a redirect to sign-in, a 404 for
// a typo) is caught rather than counted.
type probe struct {
	name   string
	method string
	path   string
	header http.Header
	status int
	stored bool // a stored file (image), served under its own sandbox CSP
}

// probes are the representative routes of every surface: public pages
// (fresh and from the page cache), feeds, the JSON API, the newsroom's
// sign-in page and a redirect to it, error pages, a static asset, a stored
// image, conditional and HEAD requests and a refused cross-site post.
func probes(t *testing.T, f *servertest.Fixture) []probe {
	t.Helper()
	_, front := f.Get("/")
	css := regexp.MustCompile(`href="(/static/css/site\.[^"]+\.css)"`).FindStringSubmatch(front)
	if css == nil {
		t.Fatal("the front page links no hashed stylesheet")
	}
	resp, _ := f.Get(f.Lead.Path())
	etag := resp.Header.Get("ETag")
	if etag == "" {
		t.Fatalf("article %s has no ETag to ask a 304 with", f.Lead.Path())
	}
	get := func(name, path string, status int) probe {
		return probe{name: name, method: http.MethodGet, path: path, status: status}
	}
	ps := []probe{
		get("front page", "/", 200),
		get("article", f.Lead.Path(), 200),
		get("article again, from the page cache", f.Lead.Path(), 200),
		get("article under an old slug", "/news/"+strconv.FormatInt(f.Lead.ID, 10)+"/old-slug", 301),
		get("section", "/section/local", 200),
		get("tag", "/tag/monsoon", 200),
		get("search", "/search?q=river", 200),
		get("video list", "/video", 200),
		get("Sinhala edition", "/si/", 200),
		get("RSS", "/rss.xml", 200),
		get("sitemap index", "/sitemap.xml", 200),
		get("news sitemap", "/sitemap-news.xml", 200),
		get("robots.txt", "/robots.txt", 200),
		get("API list", "/api/v1/articles", 200),
		get("API article", "/api/v1/articles/"+strconv.FormatInt(f.Lead.ID, 10), 200),
		get("API search", "/api/v1/search?q=river", 200),
		get("API 404", "/api/v1/articles/999999", 404),
		get("health", "/healthz", 200),
		get("newsroom sign-in", "/newsroom/login", 200),
		get("newsroom without a session", "/newsroom/", 303),
		get("page not found", "/no-such-page", 404),
		get("bad page number", "/section/local?page=0", 400),
		get("static asset", css[1], 200),
		{name: "stored image", method: http.MethodGet, path: f.Lead.Image.Path("page"), status: 200, stored: true},
		{name: "HEAD of the front page", method: http.MethodHead, path: "/", status: 200},
		{name: "article not modified", method: http.MethodGet, path: f.Lead.Path(), status: 304,
			header: http.Header{"If-None-Match": {etag}}},
		{name: "cross-site form post", method: http.MethodPost, path: "/newsroom/login", status: 403,
			header: http.Header{"Sec-Fetch-Site": {"cross-site"}, "Content-Type": {"application/x-www-form-urlencoded"}}},
	}
	return ps
}

// TestSecurityHeadersOnEveryResponse walks representative routes of every
// surface and checks each response carries the strict headers: a CSP with
// no inline script, framing limited to the site, nosniff, a referrer policy,
// a Permissions-Policy that turns off what a news site never uses; and HSTS
// exactly when the site is served over https (by its base URL, or because
// the request came over TLS).
func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	t.Run("http base URL", func(t *testing.T) {
		f := servertest.New(t, storetest.Open(t, "sqlite"))
		walkHeaders(t, f, f.Srv.URL, servertest.Client, false)
	})
	t.Run("https base URL behind a TLS proxy", func(t *testing.T) {
		f := servertest.New(t, storetest.Open(t, "sqlite"), "--base-url", "https://news.example.lk")
		walkHeaders(t, f, f.Srv.URL, servertest.Client, true)
	})
	t.Run("request over TLS", func(t *testing.T) {
		f := servertest.New(t, storetest.Open(t, "sqlite"))
		tls := httptest.NewUnstartedServer(f.App.Handler)
		tls.StartTLS()
		t.Cleanup(tls.Close)
		c := tls.Client()
		c.Timeout = 10 * time.Second
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		walkHeaders(t, f, tls.URL, c, true)
	})
}

// walkHeaders sends every probe to base with c and checks the headers.
func walkHeaders(t *testing.T, f *servertest.Fixture, base string, c *http.Client, wantHSTS bool) {
	t.Helper()
	for _, p := range probes(t, f) {
		var body io.Reader
		if p.method == http.MethodPost {
			body = strings.NewReader("email=a%40b.lk&password=x")
		}
		req, err := http.NewRequest(p.method, base+p.path, body)
		if err != nil {
			t.Fatal(err)
		}
		for k, vs := range p.header {
			req.Header[k] = vs
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		what := p.name + " (" + p.method + " " + p.path + ")"
		if resp.StatusCode != p.status {
			t.Errorf("%s: status %d, want %d", what, resp.StatusCode, p.status)
		}
		checkStrictHeaders(t, what, resp.Header, p.stored, wantHSTS)
	}
}

// checkStrictHeaders checks one response's security headers.
func checkStrictHeaders(t *testing.T, what string, h http.Header, stored, wantHSTS bool) {
	t.Helper()
	for name, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "strict-origin-when-cross-origin",
		"X-Frame-Options":        "SAMEORIGIN",
	} {
		if got := h.Values(name); len(got) != 1 || got[0] != want {
			t.Errorf("%s: %s %q, want %q", what, name, got, want)
		}
	}

	csp := directives(h.Get("Content-Security-Policy"))
	if stored {
		// A stored file is never a document that may run anything.
		if !slices.Equal(csp["default-src"], []string{"'none'"}) || csp["sandbox"] == nil {
			t.Errorf("%s: stored file CSP %q, want default-src 'none' and sandbox", what, h.Get("Content-Security-Policy"))
		}
	} else {
		for _, d := range []string{"script-src", "style-src"} {
			if !slices.Equal(csp[d], []string{"'self'"}) {
				t.Errorf("%s: CSP %s %q, want 'self' alone (no inline, no eval, no other host)", what, d, csp[d])
			}
		}
		for d, want := range map[string]string{"object-src": "'none'", "frame-ancestors": "'self'", "base-uri": "'self'", "form-action": "'self'"} {
			if !slices.Equal(csp[d], []string{want}) {
				t.Errorf("%s: CSP %s %q, want %s", what, d, csp[d], want)
			}
		}
		if !slices.Contains(csp["default-src"], "'self'") || len(csp["default-src"]) != 1 {
			t.Errorf("%s: CSP default-src %q, want 'self'", what, csp["default-src"])
		}
	}
	if raw := h.Get("Content-Security-Policy"); strings.Contains(raw, "unsafe-") || strings.Contains(raw, "*") {
		t.Errorf("%s: CSP %q allows unsafe sources or wildcards", what, raw)
	}

	pp := permissions(t, what, h.Get("Permissions-Policy"))
	for _, feature := range []string{"camera", "microphone", "geolocation", "payment", "usb", "browsing-topics",
		"interest-cohort", "display-capture", "serial", "hid", "midi"} {
		if got, ok := pp[feature]; !ok || got != "()" {
			t.Errorf("%s: Permissions-Policy %s=%q, want () (off everywhere)", what, feature, got)
		}
	}
	players := `(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")`
	for _, feature := range []string{"fullscreen", "autoplay", "picture-in-picture"} {
		if got := pp[feature]; got != players {
			t.Errorf("%s: Permissions-Policy %s=%q, want %s", what, feature, got, players)
		}
	}

	hsts := h.Values("Strict-Transport-Security")
	switch {
	case wantHSTS && (len(hsts) != 1 || hsts[0] != "max-age=31536000; includeSubDomains"):
		t.Errorf("%s: Strict-Transport-Security %q, want max-age=31536000; includeSubDomains", what, hsts)
	case !wantHSTS && len(hsts) != 0:
		t.Errorf("%s: Strict-Transport-Security %q on a site served over http", what, hsts)
	}
}

// directives splits a CSP into its directives and their values.
func directives(csp string) map[string][]string {
	out := map[string][]string{}
	for d := range strings.SplitSeq(csp, ";") {
		if fields := strings.Fields(d); len(fields) > 0 {
			out[strings.ToLower(fields[0])] = append([]string{}, fields[1:]...)
		}
	}
	return out
}

// permissions splits a Permissions-Policy (a structured-field dictionary
// whose members hold no commas) into feature=allowlist.
func permissions(t *testing.T, what, raw string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for member := range strings.SplitSeq(raw, ",") {
		name, list, ok := strings.Cut(strings.TrimSpace(member), "=")
		if !ok {
			t.Errorf("%s: Permissions-Policy member %q is not feature=allowlist", what, member)
			continue
		}
		if _, dup := out[name]; dup {
			t.Errorf("%s: Permissions-Policy names %s twice", what, name)
		}
		out[name] = list
	}
	return out
}

// TestCookiesCarryTheirFlags checks every cookie Dateline sets (the staff
// session on sign-in and sign-out, the reader cookie on a comment) is
// HttpOnly, SameSite=Lax, scoped to the whole site, and Secure exactly when
// the base URL is https. Over plain http a Secure cookie would never come
// back, so a local http setup must get cookies without it.
func TestCookiesCarryTheirFlags(t *testing.T) {
	for _, tc := range []struct {
		name   string
		flags  []string
		secure bool
	}{
		{"http base URL", nil, false},
		{"https base URL", []string{"--base-url", "https://news.example.lk"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := servertest.New(t, storetest.Open(t, "sqlite"), tc.flags...)
			m := servertest.NewMember(t, f, auth.Editor, "Eranga Editor")
			var set []*http.Cookie

			// Sign in: the session cookie.
			r := servertest.PostForm(t, f, servertest.NewBrowser(t), "/newsroom/login", url.Values{"email": {m.Email}, "password": {m.Password}})
			r.ExpectRedirect(t, "sign in", "/newsroom/")
			session := cookieNamed(t, r, "dateline_session")
			set = append(set, session)

			// Sign out with that session: the cookie is cleared with the
			// same flags, or a browser would keep the original.
			req, err := http.NewRequest(http.MethodPost, f.Srv.URL+"/newsroom/logout", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.AddCookie(&http.Cookie{Name: session.Name, Value: session.Value})
			r = servertest.Send(t, f, servertest.NewBrowser(t), req)
			cleared := cookieNamed(t, r, "dateline_session")
			if cleared.MaxAge >= 0 || cleared.Value != "" {
				t.Errorf("sign-out: session cookie %+v is not cleared", cleared)
			}
			set = append(set, cleared)

			// A reader's first comment: the reader cookie.
			v := servertest.NewVisitor(t, f, true)
			page := v.Page(t, f.Staff.Path())
			// Short, so that sending it at once is no spam.
			r = v.Form(t, "/news/"+strconv.FormatInt(f.Staff.ID, 10)+"/comments", servertest.CommentForm("Anoma", "", "Well reported.", servertest.FormTimeOf(t, page)))
			if r.Status != http.StatusSeeOther {
				t.Fatalf("comment form: status %d\n%s", r.Status, servertest.MainText(r.Body))
			}
			set = append(set, cookieNamed(t, r, "dateline_reader"))

			for _, c := range set {
				if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure != tc.secure {
					t.Errorf("cookie %s: HttpOnly %v, SameSite %v, Path %q, Secure %v; want HttpOnly, Lax, /, Secure %v (raw %q)",
						c.Name, c.HttpOnly, c.SameSite, c.Path, c.Secure, tc.secure, c.Raw)
				}
			}
		})
	}
}

// cookieNamed returns the cookie a reply set, failing the test without it.
func cookieNamed(t *testing.T, r servertest.Reply, name string) *http.Cookie {
	t.Helper()
	for _, c := range r.Cookies {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("%s: no %s cookie set (got %v)", r, name, r.Cookies)
	return nil
}
