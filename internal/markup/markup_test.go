package markup

import (
	"strings"
	"testing"
)

func TestRenderKeepsJournalism(t *testing.T) {
	r := New()
	got, err := r.Render("## Flood warning\n\nRain *continued* in **Ratnapura**.\n\n> \"Stay indoors,\" an official said.\n\n- one\n- two\n\n[Met Department](https://meteo.example.lk)")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h2", "Flood warning</h2>", "<em>continued</em>", "<strong>Ratnapura</strong>", "<blockquote>", "<li>one</li>", `href="https://meteo.example.lk"`, `rel="nofollow"`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("missing %q in %s", want, got)
		}
	}
}

func TestRenderRemovesHostileMarkup(t *testing.T) {
	r := New()
	hostile := []string{
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[click](javascript:alert(1))",
		"<a href=\"javascript:alert(1)\">x</a>",
		"<svg onload=alert(1)></svg>",
		"<iframe src=\"https://evil.example\"></iframe>",
		"<p style=\"background:url(javascript:alert(1))\">x</p>",
		"<div onmouseover='alert(1)'>x</div>",
		"<a href=\"&#106;avascript:alert(1)\">x</a>",
		"<scr<script>ipt>alert(1)</script>",
	}
	for _, in := range hostile {
		got, err := r.Render(in)
		if err != nil {
			t.Fatal(err)
		}
		low := strings.ToLower(string(got))
		for _, bad := range []string{"<script", "onerror", "onload", "onmouseover", "javascript:", "<iframe", "style=", "<svg"} {
			if strings.Contains(low, bad) {
				t.Errorf("Render(%q) = %q still contains %q", in, got, bad)
			}
		}
	}
}

// TestRenderDropsNamesAndOutsideImages: a body names no elements (no id or
// name to clobber the page's own) and loads no image from another host,
// whether it came as Markdown or raw HTML; the site's own images stay, and
// an outside image leaves its alt text.
func TestRenderDropsNamesAndOutsideImages(t *testing.T) {
	r := New("https://news.example.lk")
	cases := []struct {
		in         string
		want, bans []string
	}{
		{`<p id="comment-form">x</p>`, []string{"<p>x</p>"}, []string{"id="}},
		{`<h2 id="user-content-x">Heading</h2>`, []string{"<h2>Heading</h2>"}, []string{"id="}},
		{`<map name="location"><area alt="a" href="/x"></map>`, nil, []string{"name="}},
		{`<img id="x" name="y" src="/media/1/page.jpg" alt="Rescue boats">`, []string{`src="/media/1/page.jpg"`, `alt="Rescue boats"`}, []string{"id=", "name="}},
		{`![River at dawn](https://news.example.lk/media/2/page.jpg)`, []string{`src="https://news.example.lk/media/2/page.jpg"`}, nil},
		{`Before ![tracking pixel](https://tracker.example/p.gif?u=1) after`, []string{"Before tracking pixel after"}, []string{"<img", "tracker.example"}},
		{`<img src="https://tracker.example/p.gif" alt="">`, nil, []string{"<img", "tracker.example"}},
		{`<img src="//tracker.example/p.gif" alt="x">`, nil, []string{"<img", "tracker.example"}},
		{`<img src="HTTPS://NEWS.EXAMPLE.LK.tracker.example/p.gif">`, nil, []string{"<img", "tracker.example"}},
		{`<img src="https://news.example.lk@tracker.example/p.gif">`, nil, []string{"<img", "tracker.example"}},
		{`<img src="/ok.jpg" srcset="https://tracker.example/p.gif 2x">`, []string{`src="/ok.jpg"`}, []string{"tracker.example"}},
		{`<img src="https://news.example.lk:9999/p.gif" alt="other port">`, []string{"other port"}, []string{"<img", ":9999"}}, // another server on the same name
		{`<img src="https://NEWS.example.lk:443/media/4/page.jpg" alt="">`, []string{`src="https://NEWS.example.lk:443/media/4/page.jpg"`}, nil},
		{`<img src="http://news.example.lk/media/5/page.jpg" alt="plain http">`, []string{"plain http"}, []string{"<img"}}, // port 80, not the site's 443
		{`<p>Tom &amp; "Jerry" <em>ran</em></p>`, []string{"Tom &amp; &#34;Jerry&#34; <em>ran</em>"}, nil},
	}
	for _, tc := range cases {
		got, err := r.Render(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(got), w) {
				t.Errorf("Render(%q) = %q, want %q in it", tc.in, got, w)
			}
		}
		for _, b := range tc.bans {
			if strings.Contains(strings.ToLower(string(got)), strings.ToLower(b)) {
				t.Errorf("Render(%q) = %q still has %q", tc.in, got, b)
			}
		}
	}
	// A body rendered and stored before these rules is cleaned as it is shown.
	old := `<p id="x">See <img src="https://tracker.example/p.gif" alt="the chart"> and <img src="/media/3/page.jpg" alt="">.</p>`
	if got := string(Stored(old, "https://news.example.lk/")); got != `<p>See the chart and <img src="/media/3/page.jpg" alt=""/>.</p>` {
		t.Errorf("Stored(%q) = %q", old, got)
	}
	// Without a site URL only relative images are the site's.
	if got, _ := New().Render(`![a](https://news.example.lk/a.jpg) ![b](/b.jpg)`); strings.Contains(string(got), "a.jpg") || !strings.Contains(string(got), "/b.jpg") {
		t.Errorf("New() kept %q", got)
	}
}
