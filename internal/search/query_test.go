package search

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name, in  string
		want      []Term
		truncated bool
	}{
		{"bare words are all required", "Sri Lanka cricket", []Term{{"sri"}, {"lanka"}, {"cricket"}}, false},
		{"a quoted phrase", `"Sri Lanka" cricket`, []Term{{"sri", "lanka"}, {"cricket"}}, false},
		{"an unbalanced quote runs to the end", `floods "kelani river rises`, []Term{{"floods"}, {"kelani", "river", "rises"}}, false},
		{"curly quotes from a phone", "“central bank” rates", []Term{{"central", "bank"}, {"rates"}}, false},
		{"a quoted single word is a word", `"budget"`, []Term{{"budget"}}, false},
		{"empty quotes are nothing", `"" tea`, []Term{{"tea"}}, false},
		{"operators are words", "tea AND rubber OR NOT coconut", []Term{{"tea"}, {"and"}, {"rubber"}, {"or"}, {"not"}, {"coconut"}}, false},
		{"minus and plus are not operators", "-cricket +rugby", []Term{{"cricket"}, {"rugby"}}, false},
		{"a bare word with punctuation is a phrase", "Lanka's e-mail col:umn", []Term{{"lanka", "s"}, {"e", "mail"}, {"col", "umn"}}, false},
		{"fts5 syntax is text", `NEAR(tea rubber, 5) body:rain ^first star*`,
			[]Term{{"near", "tea"}, {"rubber"}, {"5"}, {"body", "rain"}, {"first"}, {"star"}}, false},
		{"postgres tsquery syntax is text", `tea & !rubber | coco:* <-> x`, []Term{{"tea"}, {"rubber"}, {"coco"}, {"x"}}, false},
		{"repeated words count once", "rain rain RAIN", []Term{{"rain"}}, false},
		{"sinhala with and without the joiner", sriZWJ + " " + sriPlain + " ලංකා", []Term{{sriPlain}, {"ලංකා"}}, false},
		{"a tamil phrase", `"இலங்கை கிரிக்கெட்"`, []Term{{"இலங்கை", "கிரிக்கெட்"}}, false},
		{"control bytes and invalid utf-8 separate", "tea\x00rubber \xff\xfe coconut", []Term{{"tea", "rubber"}, {"coconut"}}, false},
		{"words beyond the limit are left out", strings.Repeat("w ", 10) + `"a b c d e f g h"`,
			[]Term{{"w"}, {"a", "b", "c", "d", "e", "f", "g", "h"}}, false},
		{"a phrase over the limit is cut", "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen \"sixteen seventeen\"",
			[]Term{{"one"}, {"two"}, {"three"}, {"four"}, {"five"}, {"six"}, {"seven"}, {"eight"}, {"nine"}, {"ten"}, {"eleven"}, {"twelve"}, {"thirteen"}, {"fourteen"}, {"fifteen"}, {"sixteen"}}, true},
	}
	for _, tc := range cases {
		q, err := Parse(tc.in)
		if err != nil {
			t.Errorf("%s: Parse(%q): %v", tc.name, tc.in, err)
			continue
		}
		if !reflect.DeepEqual(q.Terms, tc.want) || q.Truncated != tc.truncated {
			t.Errorf("%s: Parse(%q) = %q (truncated %v), want %q (truncated %v)", tc.name, tc.in, q.Terms, q.Truncated, tc.want, tc.truncated)
		}
	}
}

func TestParseBoundsWork(t *testing.T) {
	q, err := Parse(strings.Repeat("word", 120)) // one 480-byte run of letters
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Terms) != 1 || len(q.Terms[0][0]) > MaxTokenBytes {
		t.Errorf("a long word: %d terms, first %d bytes", len(q.Terms), len(q.Terms[0][0]))
	}
	many, err := Parse(strings.Repeat("a b ", 100))
	if err != nil {
		t.Fatal(err)
	}
	if len(many.Terms) != 2 {
		t.Errorf("repeated words: %d terms, want 2", len(many.Terms))
	}
	spread, err := Parse(strings.Join(strings.Split("abcdefghijklmnopqrstuvwxyz", ""), " "))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(spread.Words()); n != MaxQueryWords || !spread.Truncated {
		t.Errorf("26 different words: kept %d (truncated %v), want %d and truncated", n, spread.Truncated, MaxQueryWords)
	}
}

func TestParseRefuses(t *testing.T) {
	cases := []struct {
		name, in string
		want     error
	}{
		{"empty", "", ErrNoWords},
		{"blank", " \t\n ", ErrNoWords},
		{"only syntax", `* : ^ ( ) - + { } " '`, ErrNoWords},
		{"only joiners", "\u200d\u200c", ErrNoWords},
		{"just over the limit", strings.Repeat("a", MaxQueryBytes+1), ErrQueryTooLong},
		{"ten kilobytes", strings.Repeat("cricket ", 1280), ErrQueryTooLong},
	}
	for _, tc := range cases {
		if _, err := Parse(tc.in); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := Parse(strings.Repeat("a", MaxQueryBytes)); err != nil {
		t.Errorf("exactly MaxQueryBytes: %v", err)
	}
}

func TestQueryWordsAndString(t *testing.T) {
	q, err := Parse(`tea "tea estate" ` + sriZWJ)
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Words(); !reflect.DeepEqual(got, []string{"tea", "estate", sriPlain}) {
		t.Errorf("Words = %q", got)
	}
	if got, want := q.String(), `tea "tea estate" `+sriPlain; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}
