package markup

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// maxBody is news.MaxBody, the longest article body a save accepts (and
// so the longest a preview renders); markup does not import news.
const maxBody = 200_000

// article is real-looking copy of about n bytes: headings, paragraphs with
// links and emphasis, quotes two deep, lists three deep, a table and code.
func article(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		switch i % 8 {
		case 0:
			fmt.Fprintf(&b, "## Flood update %d\n\n", i)
		case 1:
			fmt.Fprintf(&b, "Rain *continued* in **Ratnapura** on day %d, the [Met Department](https://meteo.example.lk/%d) said, and the [Irrigation Department](https://irrigation.example.lk/r/%d) (which runs the sluices) warned of [more](https://news.example.lk/a?id=%d&p=2).\n\n", i, i, i, i)
		case 2:
			b.WriteString("> \"Stay indoors,\" an official said.\n>\n> > \"We were told at noon,\" a resident wrote.\n\n")
		case 3:
			b.WriteString("- Kalutara\n  - Horana\n    - Bulathsinhala\n- Galle\n\n1. Evacuate\n2. Register at the [camp](/camps/3)\n\n")
		case 4:
			b.WriteString("| District | Rain (mm) |\n|:--|--:|\n| Ratnapura | 212 |\n| Kegalle | 188 |\n\n")
		case 5:
			b.WriteString("![Flooded road](/media/road.jpg \"Horana road\") Residents waded through www.example.lk's photos [1] and [2].\n\n")
		case 6:
			b.WriteString("```\nlevel = read(gauge[3])\n```\n\n")
		case 7:
			b.WriteString("Officials said ~~Monday~~ Tuesday -- \"soon\" -- was 'likely'...\n\n")
		}
	}
	return b.String()
}

// fill repeats unit to n bytes.
func fill(unit string, n int) string { return strings.Repeat(unit, n/len(unit)) }

// lines repeats line as separate lines to n bytes.
func lines(line string, n int) string { return fill(line+"\n", n) }

// hostile generators, each of n bytes and each within the limits (they
// render): the worst the limits let through, and the tester's inputs cut to
// what is allowed.
var hostile = []struct {
	name string
	gen  func(n int) string
}{
	{"quotes at the limit", func(n int) string { return lines(strings.Repeat("> ", MaxQuoteDepth)+"a", n) }},
	{"lists at the limit", func(n int) string { return lines(strings.Repeat("1. ", MaxListDepth)+"a", n) }},
	{"bullets at the limit", func(n int) string { return lines(strings.Repeat("- ", MaxListDepth)+"a", n) }},
	{"quotes and lists mixed", func(n int) string {
		return lines(strings.Repeat("> ", MaxQuoteDepth)+strings.Repeat("- ", MaxListDepth)+"a", n)
	}},
	{"indented lists", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("  ", i%MaxListDepth) + "- a\n")
		}
		return b.String()
	}},
	{"quotes then lazy lines", func(n int) string { return strings.Repeat(">", MaxQuoteDepth) + " a" + fill("\na", n) }},
	{"open destinations at the limit", func(n int) string { return fill(strings.Repeat("[a](", MaxOpenLinks)+" ", n) }},
	{"open images at the limit", func(n int) string { return fill(strings.Repeat("![a](", MaxOpenLinks)+" ", n) }},
	{"open pointy destinations", func(n int) string { return fill(strings.Repeat("[a](<", MaxOpenLinks)+">", n) }},
	{"balanced parens in destinations", func(n int) string {
		return fill(strings.Repeat("[a]((x)", MaxOpenLinks)+strings.Repeat(")", MaxOpenLinks), n)
	}},
	{"open labels", func(n int) string {
		return fill(strings.Repeat("[", MaxOpenLinks-1)+"[a](b)"+strings.Repeat("]", MaxOpenLinks-1), n)
	}},
	{"links closed", func(n int) string { return fill("[a](b)", n) }},
	{"brackets closed", func(n int) string { return fill("[a]", n) }},
	{"emphasis", func(n int) string { return fill(strings.Repeat("*a", MaxEmphasis)+"\n\n", n) }},
	{"strong and strike", func(n int) string { return fill(strings.Repeat("**a~~", MaxEmphasis/2)+"\n\n", n) }},
	{"mixed emphasis", func(n int) string { return fill(strings.Repeat("*a_", MaxEmphasis/2)+"\n\n", n) }},
	{"underscores", func(n int) string { return fill(strings.Repeat("_a", MaxEmphasis)+"\n\n", n) }},
	{"backticks", func(n int) string { return fill("`a``", n) }},
	{"raw HTML nesting", func(n int) string { return fill("<blockquote>", n) }},
	{"raw inline HTML", func(n int) string { return fill("<b><i><u><s>", n) }},
	{"widest table, one-letter rows", func(n int) string {
		return strings.Repeat("a|", MaxTableColumns) + "\n" + strings.Repeat("-|", MaxTableColumns) + "\n" +
			strings.Repeat("a\n", MaxTableCells/MaxTableColumns-2) + "\n" + fill("a ", n)
	}},
	{"reference definitions", func(n int) string { return lines("[a]: b", n) }},
	{"autolinks", func(n int) string { return fill("www.a.lk ", n) }},
	{"entities", func(n int) string { return fill("&amp;&#1;", n) }},
	{"thematic breaks", func(n int) string { return lines("* * * * * * * * * * * * * * * *", n) }},
	{"setext headings", func(n int) string { return lines("a\n=", n) }},
}

// TestHostileInputRendersInLinearTime renders each hostile generator at the
// largest body a save accepts and compares the time with a real-looking
// article of the same size: goldmark's quadratic cases, cut to the limits,
// must cost about what copy does. The bound is generous (50 times) so that
// a busy machine does not fail it; before the limits, "[a](" repeated took
// about 7 s for 100 kB against 30 ms for an article.
func TestHostileInputRendersInLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 200 kB bodies")
	}
	r := New()
	normal := article(maxBody)
	base := fastest(t, r, normal, 3)
	for _, h := range hostile {
		in := h.gen(maxBody)
		if len(in) > maxBody {
			in = in[:maxBody]
		}
		took := fastest(t, r, in, 1)
		if took > 50*base {
			took = min(took, fastest(t, r, in, 2)) // a pause of the machine's, not the input's?
		}
		if took > 50*base {
			t.Errorf("%s: %v, more than 50 times an article of the same size (%v)", h.name, took, base)
		}
	}
}

// fastest is the least of runs timings of rendering md, which must render.
func fastest(t *testing.T, r *Renderer, md string, runs int) time.Duration {
	t.Helper()
	best := time.Duration(1<<63 - 1)
	for range runs {
		start := time.Now()
		if _, err := r.Render(md); err != nil {
			t.Fatalf("Render(%.40q…): %v", md, err)
		}
		best = min(best, time.Since(start))
	}
	return best
}

// TestRealArticlesRender: long copy with a few hundred links, two-deep
// quotes, three-deep lists (four-space indents too), tables and code stays
// inside every limit.
func TestRealArticlesRender(t *testing.T) {
	r := New()
	body := article(maxBody)
	if n := strings.Count(body, "]("); n < 300 {
		t.Fatalf("the article has %d links; want a few hundred", n)
	}
	extra := "1. One\n    1. One a\n        - detail\n            - more\n\n" +
		"> quoted\n> > e-mail\n> > > thread\n\n* * *\n\n- - -\n\n" +
		"See [the report](https://x.lk/r_(2024)) and [notes](<https://x.lk/a b>) and [ref][1].\n\n[1]: https://x.lk/ref\n\n" +
		"| a | b | c | d | e | f | g | h | i | j | k | l |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n| 1 |\n"
	for _, md := range []string{body, extra, body[:maxBody-len(extra)] + extra} {
		if _, err := r.Render(md); err != nil {
			t.Errorf("Render: %v", err)
		}
	}
}

// TestTooComplexIsRefused: beyond each limit, Render refuses quickly with
// an error wrapping ErrTooComplex that says what is too deep and where;
// these are the tester's inputs, which took from 0.7 s to a minute.
func TestTooComplexIsRefused(t *testing.T) {
	r := New()
	nested := func(prefix func(i int) string, n int) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			b.WriteString(prefix(i) + "a\n")
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, md, want string
	}{
		{"link openers", strings.Repeat("[a](", 40000), "links or images"},
		{"image openers", strings.Repeat("![a](", 30000), "links or images"},
		{"pointy openers", strings.Repeat("[a](<", 30000), "links or images"},
		{"labels", strings.Repeat("[", 40000), "links or images"},
		{"labels over lines", strings.Repeat("[\n", 40), "Line 33"},
		{"quotes on a line", strings.Repeat("> ", 20000), "block quotes 11 deep"},
		{"quotes unspaced", strings.Repeat(">", 20000), "block quotes"},
		{"ordered lists on a line", strings.Repeat("1. ", 20000), "lists 13 deep"},
		{"bullets on a line", strings.Repeat("- ", 20000) + "a", "lists"},
		{"quotes inside lists", strings.Repeat("- > ", 20000), "deep"},
		{"increasing quotes", nested(func(i int) string { return strings.Repeat(">", i) }, 600), "Line 11 of the body nests block quotes"},
		{"increasing indents", nested(func(i int) string { return strings.Repeat("  ", i) + "- " }, 400), "lists"},
		{"tab indents", nested(func(i int) string { return strings.Repeat("\t", i) + "- " }, 400), "lists"},
		{"wide table", strings.Repeat("a|", 1000) + "\n" + strings.Repeat("-|", 1000) + "\n" + strings.Repeat("a\n", 90000), "table of 1000 columns"},
		{"many tables", strings.Repeat("a|b\n-|-\n1|2\n\n", 10000), "cells"},
		{"mixed emphasis", strings.Repeat("*a_", 20000), "runs of"},
		{"strong and strike", strings.Repeat("**a~~", 20000), "runs of"},
		{"too long", strings.Repeat("a", MaxInput+1), "bytes long"},
	} {
		_, err := r.Render(tc.md)
		if !errors.Is(err, ErrTooComplex) {
			t.Errorf("%s: Render = %v, want ErrTooComplex", tc.name, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %q does not say %q", tc.name, err, tc.want)
		}
	}
}

// BenchmarkRenderHostile gives the figures behind the test's ratio: an
// article and each hostile generator, all at the largest body a save
// accepts. go test -run '^$' -bench RenderHostile ./internal/markup/
func BenchmarkRenderHostile(b *testing.B) {
	r := New()
	cases := append([]struct {
		name string
		gen  func(n int) string
	}{{"article", article}}, hostile...)
	for _, c := range cases {
		in := c.gen(maxBody)
		if len(in) > maxBody {
			in = in[:maxBody]
		}
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := r.Render(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
