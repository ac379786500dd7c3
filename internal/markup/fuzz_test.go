package markup

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// allowedTags is the article policy's element set, written out here rather
// than read from the policy, so that widening the policy has to change this
// test too. It is bluemonday's UGC policy; scripts, styles, frames, forms,
// embeds and SVG are not in it.
var allowedTags = set(`a abbr acronym area article aside b bdi bdo blockquote br caption cite code col colgroup dd
	del details dfn div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hgroup hr i img ins li map mark meter ol p
	pre progress q rp rt ruby s samp section small span strike strong sub summary sup table tbody td tfoot th
	thead time tr tt u ul var wbr`)

// allowedAttrs is every attribute the policy lets through on some element,
// plus the rel it adds to links. No on* handler, style, class, srcset or
// form attribute is among them.
var allowedAttrs = set(`abbr align alt cite colspan coords datetime dir headers height high href id lang low
	max min name nowrap open optimum rel rowspan scope shape span src summary title type usemap valign value width`)

// urlAttrs hold addresses a browser follows or loads, or that a script of
// ours might (the cite of a quotation). The cite of <del> and <ins> is
// neither, and the policy treats it as text.
func urlAttr(tag, attr string) bool {
	return attr == "href" || attr == "src" || attr == "cite" && (tag == "blockquote" || tag == "q")
}

// urlSchemes are the schemes the policy allows; anything else with a scheme
// (javascript:, vbscript:, data:, file:) must be gone.
var urlSchemes = set(`http https mailto`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// scheme returns the scheme a browser would read in an attribute value
// (after entity decoding), or "" for a relative address. Browsers strip
// leading and trailing spaces and control characters and ignore tabs and
// newlines anywhere, so "java\tscript:" is javascript:.
func scheme(v string) string {
	v = strings.TrimFunc(v, func(r rune) bool { return r <= 0x20 })
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	for i, r := range v {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case i > 0 && ('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.'):
		case i > 0 && r == ':':
			return strings.ToLower(v[:i])
		default:
			return ""
		}
	}
	return ""
}

// checkSafe returns what is wrong with sanitised HTML, token by token as it
// was written, or nil.
func checkSafe(out string) error {
	if strings.Contains(strings.ToLower(out), "<script") {
		return fmt.Errorf("<script in the output")
	}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return nil
			}
			return fmt.Errorf("tokenizer: %w", z.Err())
		case html.CommentToken, html.DoctypeToken:
			return fmt.Errorf("%v token %q", tt, z.Token().Data)
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			if !allowedTags[tok.Data] {
				return fmt.Errorf("element <%s> is not allowed", tok.Data)
			}
			if err := checkAttrs(tok.Data, tok.Attr); err != nil {
				return err
			}
		}
	}
}

func checkAttrs(tag string, attrs []html.Attribute) error {
	for _, a := range attrs {
		if strings.HasPrefix(a.Key, "on") || !allowedAttrs[a.Key] || a.Namespace != "" {
			return fmt.Errorf("<%s %s=%q>: attribute not allowed", tag, a.Key, a.Val)
		}
		if s := scheme(a.Val); urlAttr(tag, a.Key) && s != "" && !urlSchemes[s] {
			return fmt.Errorf("<%s %s=%q>: scheme %q", tag, a.Key, a.Val, s)
		}
	}
	return nil
}

// checkTree parses out as a browser would, inside a <body>, and checks
// every element the parser builds, including the ones it implies.
func checkTree(out string) error {
	nodes, err := html.ParseFragment(strings.NewReader(out), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return fmt.Errorf("parse: %w", err)
	}
	var walk func(n *html.Node) error
	walk = func(n *html.Node) error {
		switch n.Type {
		case html.ElementNode:
			if !allowedTags[n.Data] || n.Namespace != "" {
				return fmt.Errorf("the parser builds <%s> (namespace %q)", n.Data, n.Namespace)
			}
			if err := checkAttrs(n.Data, n.Attr); err != nil {
				return err
			}
		case html.CommentNode, html.DoctypeNode:
			return fmt.Errorf("the parser builds a %v node", n.Type)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	for _, n := range nodes {
		if err := walk(n); err != nil {
			return err
		}
	}
	return nil
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"## Flood warning\n\nRain *continued* in **Ratnapura**.\n\n> \"Stay indoors,\" an official said.\n\n- one\n- two\n\n[Met Department](https://meteo.example.lk)",
		"| a | b |\n|:--|--:|\n| 1 | 2 |\n", "~~gone~~ www.example.lk and https://x.example/?a=1&b=2",
		"![chart](https://img.example/c.png \"t\")", "![x](data:image/png;base64,iVBORw0KGgo=)",
		"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
		"<a href=\"javascript:alert(1)\">x</a>", "<svg onload=alert(1)></svg>", "<iframe src=\"https://evil.example\"></iframe>",
		"<p style=\"background:url(javascript:alert(1))\">x</p>", "<a href=\"&#106;avascript:alert(1)\">x</a>",
		"<a href=\"java\tscript:alert(1)\">x</a>", "<a href=\" \x01javascript:alert(1)\">x</a>", "[x](vbscript:msgbox)",
		"<scr<script>ipt>alert(1)</script>", "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
		"<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<style><img src=x onerror=alert(1)></style>",
		"<textarea><img src=x onerror=alert(1)></textarea>", "<!-- <img src=x onerror=alert(1)> -->",
		"<table><tr><td>x</td></tr></table><form><input></form>", "<a href=//evil.example>x</a>",
		"```html\n<script>alert(1)</script>\n```", "`<b>` and <b>bold</b>", "\x00\xff\xfe", "<",
		"<del cite=\"javascript:alert(1)\">x</del><q cite=\"javascript:alert(1)\">q</q>", "<details open><summary>s</summary>x</details>", "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
		"[a]: javascript:alert(1)\n\n[x][a]", "<http://x.example/<script>>", "<a href=\"https://a.example\" rel=\"opener\" target=\"_blank\">x</a>",
	} {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, md string) {
		got, err := r.Render(md)
		if errors.Is(err, ErrTooComplex) {
			return // refused before goldmark, which only fails when the writer does
		}
		if err != nil {
			t.Fatalf("Render(%q): %v", md, err)
		}
		out := string(got)
		if err := checkSafe(out); err != nil {
			t.Fatalf("Render(%q) = %q: %v", md, out, err)
		}
		if err := checkTree(out); err != nil {
			t.Fatalf("Render(%q) = %q: %v", md, out, err)
		}
		if again := r.policy.Sanitize(out); again != out {
			t.Fatalf("sanitising Render(%q) again changes it:\n%q\n%q", md, out, again)
		}
		if again, _ := r.Render(md); again != got {
			t.Fatalf("Render(%q) is not deterministic: %q, then %q", md, got, again)
		}
	})
}
