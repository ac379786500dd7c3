package search

import (
	"slices"
	"strings"
	"testing"
)

// Sinhala and Tamil words used across the tests. The zero-width joiner is
// written \u200d: it is invisible in source and staticcheck flags it raw.
const (
	sriZWJ   = "ශ්\u200dරී" // Sri, as Sinhala keyboards type it (with the joiner)
	sriPlain = "ශ්රී"       // the same word without the joiner
)

func TestTokenize(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
	}{
		{"english with punctuation", "Hello, World! It's 2026.", []string{"hello", "world", "it", "s", "2026"}},
		{"sinhala with a joiner", sriZWJ + " ලංකා ක්\u200dරිකට් කණ්ඩායම", []string{sriPlain, "ලංකා", "ක්රිකට්", "කණ්ඩායම"}},
		{"sinhala without joiners", sriPlain + " ලංකා ක්රිකට් කණ්ඩායම", []string{sriPlain, "ලංකා", "ක්රිකට්", "කණ්ඩායම"}},
		{"tamil vowel signs and virama stay in words", "இலங்கை கிரிக்கெட் அணி வெற்றி பெற்றது.", []string{"இலங்கை", "கிரிக்கெட்", "அணி", "வெற்றி", "பெற்றது"}},
		{"non-joiner inside a word is dropped", "ක්\u200cෂ", []string{"ක්ෂ"}},
		{"soft hyphen does not split", "co\u00adoperation", []string{"cooperation"}},
		{"format character between words is nothing", "one \u200d two", []string{"one", "two"}},
		{"decomposed accents are composed", "Cafe\u0301 CAFÉ", []string{"café", "café"}},
		{"letters and digits together", "COVID19 cases rose 12.5%", []string{"covid19", "cases", "rose", "12", "5"}},
		{"sinhala digits are digits", "෧෨ වසර", []string{"෧෨", "වසර"}},
		{"invalid utf-8 separates", "ab\xffcd", []string{"ab", "cd"}},
		{"NUL separates", "ab\x00cd", []string{"ab", "cd"}},
		{"fts syntax is separators", `a*b:c^(d)-e+f{g}"h"`, []string{"a", "b", "c", "d", "e", "f", "g", "h"}},
		{"nothing but punctuation", " -- !! ** ", nil},
		{"empty", "", nil},
	}
	for _, tc := range cases {
		if got := Words(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("%s: Words(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestTokenizeKeepsOriginalOffsets(t *testing.T) {
	text := "In " + sriZWJ + " today"
	toks := Tokenize(text)
	if len(toks) != 3 {
		t.Fatalf("got %d tokens, want 3: %+v", len(toks), toks)
	}
	if got := text[toks[1].Start:toks[1].End]; got != sriZWJ {
		t.Errorf("the word's original text is %q, want %q with its joiner", got, sriZWJ)
	}
	if toks[1].Text != sriPlain || toks[1].Pos != 1 || toks[2].Pos != 2 {
		t.Errorf("token = %+v, want text %q at position 1", toks[1], sriPlain)
	}
	// A joiner before a word is not part of it.
	lead := Tokenize("\u200dabc")
	if len(lead) != 1 || lead[0].Start != len("\u200d") {
		t.Errorf("leading joiner: %+v", lead)
	}
}

func TestTokenizeBoundsLongWords(t *testing.T) {
	long := strings.Repeat("ශ්රී", 100) // 12 bytes a time, 1200 bytes in all
	toks := Tokenize(long + " x")
	if len(toks) != 2 {
		t.Fatalf("got %d tokens", len(toks))
	}
	if n := len(toks[0].Text); n > MaxTokenBytes || n < MaxTokenBytes-3 {
		t.Errorf("long word cut to %d bytes, want about %d", n, MaxTokenBytes)
	}
	if !strings.HasPrefix(long, toks[0].Text) {
		t.Error("the cut word is not a prefix of the original: cut inside a character")
	}
	if toks[0].End != len(long) {
		t.Errorf("the cut word still spans the whole run: End = %d, want %d", toks[0].End, len(long))
	}
}
