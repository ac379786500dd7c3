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
