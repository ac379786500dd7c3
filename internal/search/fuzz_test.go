package search

import (
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

var querySeeds = []string{
	"Sri Lanka cricket", `"Sri Lanka" cricket`, `floods "kelani river rises`, "“central bank” rates", `"" tea`,
	"tea AND rubber OR NOT coconut", "-cricket +rugby", "Lanka's e-mail col:umn", `NEAR(tea rubber, 5) body:rain ^first star*`,
	`tea & !rubber | coco:* <-> x`, "ශ්\u200dරී ශ්රී ලංකා", `"இலங்கை கிரிக்கெட்"`, "tea\x00rubber \xff\xfe coconut",
	strings.Repeat("w ", 20), strings.Repeat("word", 130), strings.Repeat("ශ්\u200dරී", 60), "İstanbul ǅ ß ﬁ Ⅻ",
	"\u0301\u0301", "a\u00adb", "„x“", strings.Repeat("x", MaxQueryBytes+1),
}

// FuzzParse checks the bounds a query keeps whatever the reader typed, and
// that the query written back by String parses to the same terms.
func FuzzParse(f *testing.F) {
	for _, s := range querySeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := Parse(raw)
		if len(raw) > MaxQueryBytes {
			if !errors.Is(err, ErrQueryTooLong) || q.Terms != nil {
				t.Fatalf("Parse of %d bytes = %v, %v; want ErrQueryTooLong", len(raw), q, err)
			}
			return
		}
		all := Words(raw)
		if len(all) == 0 {
			if !errors.Is(err, ErrNoWords) || q.Terms != nil {
				t.Fatalf("Parse(%q) = %v, %v; want ErrNoWords", raw, q, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Parse(%q): %v, though it has the words %q", raw, err, all)
		}
		n := 0
		for k, term := range q.Terms {
			if len(term) == 0 {
				t.Fatalf("Parse(%q): empty term %d", raw, k)
			}
			if slices.ContainsFunc(q.Terms[:k], func(o Term) bool { return slices.Equal(o, term) }) {
				t.Fatalf("Parse(%q): term %q twice", raw, term)
			}
			for _, w := range term {
				if w == "" || len(w) > MaxTokenBytes || !utf8.ValidString(w) || strings.ContainsFunc(w, unicode.IsSpace) {
					t.Fatalf("Parse(%q): word %q", raw, w)
				}
				if !slices.Contains(all, w) {
					t.Fatalf("Parse(%q): word %q is not one of the text's %q", raw, w, all)
				}
			}
			n += len(term)
		}
		if n > MaxQueryWords {
			t.Fatalf("Parse(%q): %d words, limit %d", raw, n, MaxQueryWords)
		}
		if !q.Truncated {
			for _, w := range all {
				if !slices.Contains(q.Words(), w) {
					t.Fatalf("Parse(%q) left out %q without saying it was truncated", raw, w)
				}
			}
		}
		back, err := Parse(q.String())
		if err != nil || !reflect.DeepEqual(back.Terms, q.Terms) || back.Truncated {
			t.Fatalf("Parse(%q) = %q, written back as %q, parses to %q (truncated %v), %v", raw, q.Terms, q.String(), back.Terms, back.Truncated, err)
		}
	})
}

// FuzzTokenize checks that every word's offsets point at text that is that
// word and nothing else, which highlighting relies on, and that a word is a
// fixed point: the index and the query both hold normalised words, so a word
// must normalise to itself to match itself.
func FuzzTokenize(f *testing.F) {
	for _, s := range querySeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		prevEnd := 0
		for k, tok := range toks {
			if tok.Pos != k || tok.Start < prevEnd || tok.Start >= tok.End || tok.End > len(text) {
				t.Fatalf("Tokenize(%q): token %d %+v out of place", text, k, tok)
			}
			prevEnd = tok.End
			if got := Words(text[tok.Start:tok.End]); len(got) != 1 || got[0] != tok.Text {
				t.Fatalf("Tokenize(%q): token %+v, but its bytes %q are the words %q", text, tok, text[tok.Start:tok.End], got)
			}
			if got := Words(tok.Text); len(got) != 1 || got[0] != tok.Text {
				t.Fatalf("Tokenize(%q): the word %q tokenizes to %q", text, tok.Text, got)
			}
		}
	})
}

// FuzzSnippet checks the search page's other source of template.HTML:
// whatever the text and query, the only markup is <mark>, Highlight keeps
// all of the text, and a text with words always has a snippet.
func FuzzSnippet(f *testing.F) {
	for _, s := range querySeeds {
		f.Add(s, "Rain continued in Ratnapura <script>alert(1)</script> & the Sri Lanka cricket team.")
	}
	f.Add("tea", strings.Repeat("tea and rubber. ", 200))
	f.Add("x", "\xff<mark>x</mark>\x00")
	f.Fuzz(func(t *testing.T, raw, text string) {
		q, err := Parse(raw)
		if err != nil {
			return
		}
		frags := Highlight(q, text)
		var joined strings.Builder
		for _, fr := range frags {
			joined.WriteString(fr.Text)
		}
		// Highlight keeps the text as a line: white space folded and trimmed,
		// invalid bytes shown as U+FFFD.
		if want := strings.Join(strings.Fields(string([]rune(text))), " "); joined.String() != want {
			t.Fatalf("Highlight(%q, %q) = %q, want %q", raw, text, joined.String(), want)
		}
		checkMarks(t, string(HTML(frags)))
		snip := Snippet(q, text)
		if strings.TrimSpace(text) != "" && snip == nil {
			t.Fatalf("Snippet(%q, %q) is empty", raw, text)
		}
		checkMarks(t, string(HTML(snip)))
	})
}

// checkMarks fails unless out's only elements are <mark> and </mark>.
func checkMarks(t *testing.T, out string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("%q: %v", out, z.Err())
			}
			return
		case html.TextToken:
		case html.StartTagToken, html.EndTagToken:
			if tok := z.Token(); tok.Data != "mark" || len(tok.Attr) > 0 {
				t.Fatalf("%q holds %v", out, tok)
			}
		default:
			t.Fatalf("%q holds a %v token", out, tt)
		}
	}
}
