package textdiff

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// wordScript writes spans the way git's --word-diff=plain does: deletions
// as [-x-], insertions as {+x+}, kept text as it is.
func wordScript(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		switch s.Op {
		case Delete:
			b.WriteString("[-" + s.Text + "-]")
		case Insert:
			b.WriteString("{+" + s.Text + "+}")
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// rebuild returns the two texts a script describes.
func rebuild(spans []Span) (a, b string) {
	var sa, sb strings.Builder
	for _, s := range spans {
		if s.Op != Insert {
			sa.WriteString(s.Text)
		}
		if s.Op != Delete {
			sb.WriteString(s.Text)
		}
	}
	return sa.String(), sb.String()
}

func TestWords(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want string
	}{
		{"both empty", "", "", ""},
		{"identical", "Rain fell in Colombo.", "Rain fell in Colombo.", "Rain fell in Colombo."},
		{"empty to text", "", "Rain fell.", "{+Rain fell.+}"},
		{"text to empty", "Rain fell.", "", "[-Rain fell.-]"},
		{"one word changed", "Turnout was 61 per cent.", "Turnout was 64 per cent.",
			"Turnout was [-61-]{+64+} per cent."},
		{"word inserted", "The minister said on Monday.", "The minister said late on Monday.",
			"The minister said {+late +}on Monday."},
		{"word deleted", "The minister said late on Monday.", "The minister said on Monday.",
			"The minister said [-late -]on Monday."},
		{"two neighbouring words changed read as one change", "the cat sat on the mat", "a dog sat on the mat",
			"[-the cat-]{+a dog+} sat on the mat"},
		{"punctuation alone", "Rain fell, and fell.", "Rain fell; and fell!",
			"Rain fell[-,-]{+;+} and fell[-.-]{+!+}"},
		{"quotes and apostrophes stay with the word", "He said it wasn't safe.", "He said it isn't safe.",
			"He said it [-wasn't-]{+isn't+} safe."},
		{"a double space", "Rain fell. Wind rose.", "Rain fell.  Wind rose.",
			"Rain fell.[- -]{+  +}Wind rose."},
		{"a new paragraph", "Rain fell. Wind rose.", "Rain fell.\n\nWind rose.",
			"Rain fell.[- -]{+\n\n+}Wind rose."},
		{"CRLF is LF", "Rain fell.\r\n\r\nWind rose.", "Rain fell.\n\nWind rose.", "Rain fell.\n\nWind rose."},
		{"CRLF with a change", "Rain fell.\r\nWind rose.\r\n", "Rain fell.\nWind dropped.\n",
			"Rain fell.\nWind [-rose-]{+dropped+}.\n"},
		{"Sinhala word inserted", "වැසි ඇද හැලුණි.", "වැසි දිගටම ඇද හැලුණි.",
			"වැසි {+දිගටම +}ඇද හැලුණි."},
		{"Sinhala conjunct stays whole", "ශ්\u200dරී ලංකා", "ශ්\u200dරී ලංකාව",
			"ශ්\u200dරී [-ලංකා-]{+ලංකාව+}"},
		{"Tamil vowel sign changes the word", "மழை தொடர்கிறது.", "மழை தொடர்ந்தது.",
			"மழை [-தொடர்கிறது-]{+தொடர்ந்தது+}."},
		{"Tamil and English mixed", "யாழ்ப்பாணம், May 3", "யாழ்ப்பாணம், May 4",
			"யாழ்ப்பாணம், May [-3-]{+4+}"},
		{"Markdown marks", "Water rose **two metres**.", "Water rose **three metres**.",
			"Water rose **[-two-]{+three+} metres**."},
		{"nothing in common", "alpha beta", "gamma delta", "[-alpha beta-]{+gamma delta+}"},
		{"changes in two paragraphs stay apart", "One two.\n\nThree four.", "One six.\n\nThree five.",
			"One [-two-]{+six+}.\n\nThree [-four-]{+five+}."},
		{"emoji with modifiers", "Well done 👍🏽 team", "Well done 👍🏿 team", "Well done [-👍🏽-]{+👍🏿+} team"},
		{"invalid UTF-8 passes through", "a\xffb c", "a\xffb d", "a\xffb [-c-]{+d+}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Words(tt.a, tt.b)
			if s := wordScript(got); s != tt.want {
				t.Errorf("Words(%q, %q)\n got %q\nwant %q", tt.a, tt.b, s, tt.want)
			}
			a, b := rebuild(got)
			if want := strings.ReplaceAll(tt.a, "\r\n", "\n"); a != want {
				t.Errorf("the script's old text is %q, want %q", a, want)
			}
			if want := strings.ReplaceAll(tt.b, "\r\n", "\n"); b != want {
				t.Errorf("the script's new text is %q, want %q", b, want)
			}
		})
	}
}

// splitWords cuts s into the tokens Words compares.
func splitWords(s string) []string {
	var out []string
	start := 0
	for _, end := range wordEnds(s) {
		out, start = append(out, s[start:end]), end
	}
	return out
}

func TestSplitWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Rain fell, twice.", []string{"Rain", " ", "fell", ",", " ", "twice", "."}},
		{"don't 'quote'", []string{"don't", " ", "'", "quote", "'"}},
		{"61.5 per cent", []string{"61", ".", "5", " ", "per", " ", "cent"}},
		{"a \t\n b", []string{"a", " \t\n ", "b"}},
		{"ශ්\u200dරී ලංකා", []string{"ශ්\u200dරී", " ", "ලංකා"}},
		{"கொழும்பு!", []string{"கொழும்பு", "!"}},
		{"👩\u200d💻x", []string{"👩\u200d💻", "x"}},
	}
	for _, tt := range tests {
		if got := splitWords(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSpanBlank(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"word", ""}, {" word ", ""}, {" ", "space"}, {"\t", "space"}, {"\n\n", "break"}, {" \n", "break"},
	} {
		if got := (Span{Insert, tt.text}).Blank(); got != tt.want {
			t.Errorf("Blank(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestWordStats(t *testing.T) {
	ins, del := WordStats(Words("Turnout was 61 per cent, officials said.", "Turnout was 64 per cent; officials said on Monday."))
	if ins != 3 || del != 1 {
		t.Errorf("WordStats = %d inserted, %d deleted; want 3 (64, on, Monday) and 1 (61)", ins, del)
	}
	if ins, del := WordStats(Words("Rain fell.", "Rain fell!")); ins != 0 || del != 0 {
		t.Errorf("punctuation alone counts %d inserted, %d deleted words", ins, del)
	}
}

// TestWordsProperties checks on random inputs that the spans rebuild both
// texts, that kept text and changes alternate, and that a change deletes
// before it inserts.
func TestWordsProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 11))
	vocab := []string{"rain", "fell", "Colombo", "වැසි", "மழை", " ", " ", " ", "\n", "\n\n", ",", ".", "don't", "  ", "ශ්\u200dරී", "\r\n"}
	text := func() string {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(vocab[r.IntN(len(vocab))])
		}
		return b.String()
	}
	for i := range 2000 {
		a, b := text(), text()
		if r.IntN(4) == 0 {
			b = a + text() // often the texts share a lot
		}
		got := Words(a, b)
		ra, rb := rebuild(got)
		if ra != strings.ReplaceAll(a, "\r\n", "\n") || rb != strings.ReplaceAll(b, "\r\n", "\n") {
			t.Fatalf("case %d: %q does not rebuild\na=%q\nb=%q", i, wordScript(got), a, b)
		}
		for k, s := range got {
			if s.Text == "" {
				t.Fatalf("case %d: empty span in %q", i, wordScript(got))
			}
			if k > 0 {
				prev := got[k-1].Op
				if prev == s.Op || (prev == Insert && s.Op == Delete) {
					t.Fatalf("case %d: %v then %v in %q", i, prev, s.Op, wordScript(got))
				}
			}
		}
	}
}

// TestWordsWithinTinyBudgets runs the budgeted passes with budgets so small
// that they run out part way, on random inputs: the scripts must still
// rebuild both texts.
func TestWordsWithinTinyBudgets(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 15))
	vocab := []string{"rain", "fell", "වැසි", "மழை", " ", " ", "\n", "\n\n", ",", "don't"}
	text := func() string {
		var b strings.Builder
		for range r.IntN(60) {
			b.WriteString(vocab[r.IntN(len(vocab))])
		}
		return b.String()
	}
	for i := range 2000 {
		a, b := text(), text()
		budget := r.IntN(40)
		rs, spent, ok := diff(a, b, wordEnds, budget)
		if spent > budget {
			t.Fatalf("case %d: spent %d of a budget of %d", i, spent, budget)
		}
		for name, got := range map[string][]region{"word": rs, "coarse": coarse(a, b, r.IntN(20), r.IntN(40))} {
			ra, rb := rebuild(spans(a, b, fold(a, got)))
			if ra != a || rb != b {
				t.Fatalf("case %d (%s pass, budget %d, ok %v): does not rebuild\na=%q\nb=%q", i, name, budget, ok, a, b)
			}
		}
	}
}

// longStory is n words in paragraphs of about 60, from a small vocabulary
// so that words repeat as they do in real copy.
func longStory(r *rand.Rand, n int) string {
	vocab := strings.Fields("the minister said on Monday that rain fell across the western province and " +
		"officials in Colombo warned fishermen to stay ashore while the navy kept boats on standby " +
		"වැසි ඇද හැලුණි மழை தொடர்கிறது ශ්\u200dරී ලංකා யாழ்ப்பாணம்")
	var b strings.Builder
	for i := range n {
		b.WriteString(vocab[r.IntN(len(vocab))])
		switch {
		case i%60 == 59:
			b.WriteString(".\n\n")
		case i%13 == 12:
			b.WriteString(", ")
		default:
			b.WriteString(" ")
		}
	}
	return b.String()
}

// TestWordsLargeInputs: 50,000-word bodies, edited lightly, heavily, or
// replaced outright, with and without paragraph breaks, are diffed in
// bounded time, and the script still rebuilds both texts.
func TestWordsLargeInputs(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	const words = 50000
	story := longStory(r, words)
	lightly := strings.Replace(story, "navy", "coast guard", 5) + "An update at the end."
	// Heavy editing: a tenth of the words replaced throughout.
	fields := strings.SplitAfter(story, " ")
	for i := range fields {
		if r.IntN(10) == 0 {
			fields[i] = "changed "
		}
	}
	heavily := strings.Join(fields, "")
	other := longStory(rand.New(rand.NewPCG(8, 8)), words)
	oneLine := strings.ReplaceAll(story, "\n", " ")
	otherLine := strings.ReplaceAll(other, "\n", " ")

	for _, tc := range []struct {
		name     string
		a, b     string
		minimal  bool // few enough edits for an exact word diff
		minSpans int  // at least this many spans: the changes are shown word by word, not whole
	}{
		{"light edits", story, lightly, true, 10},
		// Past the word budget, paragraph by paragraph and then word by word.
		{"heavy edits", story, heavily, false, 1000},
		{"replaced", story, other, false, 1000},
		// Nothing to go by: one paragraph deleted, another inserted.
		{"replaced, one paragraph", oneLine, otherLine, false, 2},
		// Every paragraph break changed: too many edits for the word budget,
		// and no paragraph in common, so the body is shown replaced whole.
		{"paragraphs joined", story, oneLine, false, 2},
		{"from empty", "", story, true, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			got := Words(tc.a, tc.b)
			took := time.Since(start)
			// Generous, for slow and busy machines: without the budgets the
			// replaced cases take minutes.
			if took > 5*time.Second {
				t.Errorf("took %v", took)
			}
			ra, rb := rebuild(got)
			if ra != tc.a || rb != tc.b {
				t.Fatalf("the script does not rebuild the texts")
			}
			if len(got) < tc.minSpans {
				t.Errorf("%d spans, want at least %d", len(got), tc.minSpans)
			}
			if tc.minimal {
				ins, del := WordStats(got)
				wantIns, wantDel := 0, 0
				if tc.a == "" {
					wantIns = words
				} else {
					wantIns, wantDel = 5*2+5, 5 // "coast guard" five times, "An update at the end"
				}
				if ins != wantIns || del != wantDel {
					t.Errorf("WordStats = %d inserted, %d deleted; want %d, %d", ins, del, wantIns, wantDel)
				}
			}
			t.Logf("%d spans in %v", len(got), took)
		})
	}
}

func BenchmarkWords(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 7))
	story := longStory(r, 50000)
	cases := map[string]string{
		"few edits": strings.Replace(story, "navy", "coast guard", 5),
		"replaced":  longStory(rand.New(rand.NewPCG(8, 8)), 50000),
		"one line":  strings.ReplaceAll(longStory(rand.New(rand.NewPCG(9, 9)), 50000), "\n", " "),
	}
	for name, edited := range cases {
		a := story
		if name == "one line" {
			a = strings.ReplaceAll(story, "\n", " ")
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Words(a, edited)
			}
		})
	}
}

func ExampleWords() {
	for _, s := range Words("Turnout was 61 per cent.", "Turnout was 64 per cent.") {
		fmt.Printf("%s %q\n", s.Op, s.Text)
	}
	// Output:
	// equal "Turnout was "
	// delete "61"
	// insert "64"
	// equal " per cent."
}
