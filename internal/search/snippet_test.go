package search

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func mustParse(t *testing.T, s string) Query {
	t.Helper()
	q, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// marked writes fragments with [brackets] around hits, for readable tests.
func marked(frags []Fragment) string {
	var b strings.Builder
	for _, f := range frags {
		if f.Hit {
			b.WriteString("[" + f.Text + "]")
		} else {
			b.WriteString(f.Text)
		}
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	cases := []struct {
		name, query, text, want string
	}{
		{"words anywhere, case kept", "kelani rain", "Kelani river rises after night of RAIN", "[Kelani] river rises after night of [RAIN]"},
		{"a phrase marks its words", `"river rises"`, "Kelani river rises", "Kelani [river] [rises]"},
		{"no match", "budget", "Kelani river rises", "Kelani river rises"},
		{"sinhala hit keeps its joiner", sriPlain, sriZWJ + " ලංකා ක්\u200dරිකට්", "[" + sriZWJ + "] ලංකා ක්\u200dරිකට්"},
		{"a whole tamil word only", "படம்", "பாடம் படம்", "பாடம் [படம்]"},
	}
	for _, tc := range cases {
		if got := marked(Highlight(mustParse(t, tc.query), tc.text)); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	filler := strings.Repeat("The committee met again on Tuesday and heard from officials. ", 8)
	body := filler + "Residents of Kaduwela were moved to higher ground as the Kelani river rose. " + filler
	cases := []struct {
		name, query string
		texts       []string
		want        []string // substrings of the marked snippet
		lacks       []string
	}{
		{"a short text whole", "river", []string{"The river rose."}, []string{"The [river] rose."}, []string{"…"}},
		{"a window around a match deep in a body", "kelani", []string{body},
			[]string{"…", "[Kelani] river rose", "Kaduwela"}, nil},
		{"the window with the most different words wins", "kaduwela river",
			[]string{"A river. " + filler + "river river river. " + filler + "In Kaduwela the river rose."},
			[]string{"In [Kaduwela] the [river] rose."}, nil},
		{"the body wins when the summary lacks the words", "kaduwela", []string{"Residents were moved.", body},
			[]string{"[Kaduwela]"}, []string{"Residents were moved."}},
		{"the summary wins a tie", "river", []string{"The river rose.", "A river ran."}, []string{"The [river] rose."}, nil},
		{"no match gives the beginning", "budget", []string{"", body}, []string{"The committee met again"}, []string{"["}},
		{"white space is folded", "rain", []string{"Heavy\n\n  rain\tfell."}, []string{"Heavy [rain] fell."}, nil},
		{"a sinhala hit keeps its joiner", sriZWJ, []string{"අද " + sriZWJ + " ලංකා"}, []string{"[" + sriZWJ + "]"}, nil},
	}
	for _, tc := range cases {
		got := marked(Snippet(mustParse(t, tc.query), tc.texts...))
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: snippet %q lacks %q", tc.name, got, w)
			}
		}
		for _, b := range tc.lacks {
			if strings.Contains(got, b) {
				t.Errorf("%s: snippet %q must not contain %q", tc.name, got, b)
			}
		}
		if n := utf8.RuneCountInString(got); n > SnippetRunes+40 {
			t.Errorf("%s: snippet is %d characters long", tc.name, n)
		}
	}
	if got := Snippet(mustParse(t, "x"), "", "  "); got != nil {
		t.Errorf("empty texts: %+v", got)
	}
}

func TestSnippetOfACommonWordStaysCheap(t *testing.T) {
	body := strings.Repeat("the ", 50_000)
	frags := Snippet(mustParse(t, "the"), body)
	if len(frags) == 0 || !frags[0].Hit {
		t.Fatalf("got %q", marked(frags))
	}
}

func TestHTMLEscapesEverything(t *testing.T) {
	q := mustParse(t, "script alert")
	text := `<script>alert("x")</script> & 'quotes' <img src=x onerror=alert(1)>`
	got := string(HTML(Highlight(q, text)))
	want := `&lt;<mark>script</mark>&gt;<mark>alert</mark>(&#34;x&#34;)&lt;/<mark>script</mark>&gt; &amp; &#39;quotes&#39; &lt;img src=x onerror=<mark>alert</mark>(1)&gt;`
	if got != want {
		t.Errorf("HTML =\n%s\nwant\n%s", got, want)
	}
	hostileHit := []Fragment{{Text: `</mark><script>`, Hit: true}, {Text: `"><b>`}}
	if got := string(HTML(hostileHit)); got != `<mark>&lt;/mark&gt;&lt;script&gt;</mark>&#34;&gt;&lt;b&gt;` {
		t.Errorf("hostile fragments: %s", got)
	}
	if !reflect.DeepEqual(HTML(nil), HTML([]Fragment{})) || HTML(nil) != "" {
		t.Error("no fragments must be empty HTML")
	}
}

func TestPlainText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"<p>One.</p><p>Two.</p>", "One. Two."},
		{"<p>Water rose <strong>two metres</strong> over<em>night</em>.</p>", "Water rose two metres overnight."},
		{"<h2>What next</h2>\n<ul><li>rain</li><li>wind</li></ul>", "What next rain wind"},
		{"<p>Fish &amp; chips &lt;b&gt;</p>", "Fish & chips <b>"},
		{"<script>alert(1)</script><style>p{}</style><p>kept</p>", "kept"},
		{"line<br>break", "line break"},
		{"<p>" + sriZWJ + " ලංකා</p>", sriZWJ + " ලංකා"},
		{"plain text, no tags", "plain text, no tags"},
		{"<p>unclosed <b>bold", "unclosed bold"},
	}
	for _, tc := range cases {
		if got := PlainText(tc.in); got != tc.want {
			t.Errorf("PlainText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSnippetStartsAtTheSentence(t *testing.T) {
	text := strings.Repeat("Earlier news. ", 20) + "Officials in Kandy said the Mahaweli river had risen by two metres overnight, and more rain was expected." + strings.Repeat(" Later news.", 20)
	got := marked(Snippet(mustParse(t, "river"), text))
	if !strings.HasPrefix(got, "…Officials in Kandy said the Mahaweli [river]") {
		t.Errorf("snippet %q does not start at the sentence", got)
	}
	near := "Heavy rain fell in the hills all night and the [river] rose."
	if got := marked(Snippet(mustParse(t, "river"), strings.NewReplacer("[", "", "]", "").Replace(near))); got != near {
		t.Errorf("a match near the start: %q", got)
	}
}
