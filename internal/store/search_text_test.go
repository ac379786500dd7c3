package store

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dateline/internal/search"
)

func TestFTSMatchIsOnlyQuotedWords(t *testing.T) {
	cases := []struct {
		q    search.Query
		lang string
		want string
	}{
		{search.Query{Terms: []search.Term{{"tea"}, {"central", "bank"}}}, "",
			`{title tags summary body} : ("tea" AND "central bank")`},
		{search.Query{Terms: []search.Term{{"ශ්රී"}}}, "si",
			`lang : "si" AND {title tags summary body} : ("ශ්රී")`},
		// The tokenizer never makes words like these; quoting holds anyway.
		{search.Query{Terms: []search.Term{{`a"b`}, {`NEAR(x`, `y)*`}}}, `e"n`,
			`lang : "e""n" AND {title tags summary body} : ("a""b" AND "NEAR(x y)*")`},
	}
	for _, tc := range cases {
		if got := ftsMatch(tc.q, tc.lang); got != tc.want {
			t.Errorf("ftsMatch = %s, want %s", got, tc.want)
		}
	}
}

func TestTSQueryIsOnlyQuotedLexemes(t *testing.T) {
	cases := []struct {
		q    search.Query
		want string
	}{
		{search.Query{Terms: []search.Term{{"tea"}}}, `'tea'`},
		{search.Query{Terms: []search.Term{{"tea"}, {"central", "bank"}, {"rate"}}}, `'tea' & 'central bank' & 'rate'`},
		{search.Query{Terms: []search.Term{{"bank", "of", "ceylon"}, {"rate"}}}, `('bank of' <-> 'of ceylon') & 'rate'`},
		{search.Query{Terms: []search.Term{{"a", "b", "c", "d"}}}, `('a b' <-> 'b c' <-> 'c d')`},
		{search.Query{Terms: []search.Term{{`it's`}, {`a\b`, `!|&:*`}}}, `'it''s' & 'a\\b !|&:*'`},
	}
	for _, tc := range cases {
		if got := tsQuery(tc.q); got != tc.want {
			t.Errorf("tsQuery = %s, want %s", got, tc.want)
		}
	}
}

func TestTSVector(t *testing.T) {
	f := newSearchFields("Kelani river rises", []string{"Floods", "Kelani"}, "River rises.", "<p>The river</p>")
	// Title 1-3, tags from 5, summary from 8, body from 11 (after bodyText).
	f.body = search.Words(bodyText("<p>The river</p>", ""))
	want := `'floods':5B 'floods kelani':5B 'kelani':1A,6B 'kelani river':1A 'rises':3A,9C 'river':2A,8C,12D 'river rises':2A,8C 'the':11D 'the river':11D`
	if got := tsVector(f); got != want {
		t.Errorf("tsVector =\n%s\nwant\n%s", got, want)
	}
	if got := tsVector(searchFields{}); got != "" {
		t.Errorf("no words: %q", got)
	}
}

// lexeme returns the positions of one lexeme in a tsvector literal.
func lexeme(tsv, word string) []string {
	for _, entry := range strings.Split(tsv, " '") {
		if w, pos, ok := strings.Cut(strings.TrimPrefix(entry, "'"), "':"); ok && w == word {
			return strings.Split(pos, ",")
		}
	}
	return nil
}

func TestTSVectorStaysWithinPostgresLimits(t *testing.T) {
	body := strings.Fields(strings.Repeat("rain ", 20_000))
	got := tsVector(searchFields{title: []string{"rain"}, body: body})
	positions := lexeme(got, "rain")
	if len(positions) != tsMaxPositions {
		t.Errorf("%d positions, want at most %d", len(positions), tsMaxPositions)
	}
	if positions[0] != "1A" || !strings.HasSuffix(positions[1], "D") {
		t.Errorf("first positions %v, want the title's first", positions[:2])
	}
	long := make([]string, 17_000) // different words, past position 16383
	for i := range long {
		long[i] = "w" + strconv.Itoa(i)
	}
	got = tsVector(searchFields{body: long})
	if strings.Contains(got, ":16384") || !slices.Equal(lexeme(got, "w16382"), []string{"16383D"}) ||
		!slices.Equal(lexeme(got, "w16999"), []string{"16383D"}) {
		t.Error("positions past 16383 must be clamped to it")
	}
	// A body of 200,000 bytes of different words: within PostgreSQL's 1 MB
	// of lexemes, words kept before pairs.
	huge := make([]string, 40_000)
	for i := range huge {
		huge[i] = fmt.Sprintf("word%05d", i)
	}
	got = tsVector(searchFields{body: huge})
	if lexeme(got, "word39999") == nil || lexeme(got, "word00000 word00001") == nil {
		t.Error("the words and the first pairs must be kept")
	}
	if lexeme(got, "word39998 word39999") != nil {
		t.Error("the last pairs should not fit")
	}
	total := 0
	for _, entry := range strings.Split(got, " '") {
		w, _, _ := strings.Cut(strings.TrimPrefix(entry, "'"), "':")
		total += len(w)
	}
	if total > tsMaxLexemeBytes {
		t.Errorf("%d bytes of lexemes, over %d", total, tsMaxLexemeBytes)
	}
}

func TestSearchDocIDFollowsPublication(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	a := searchDocID(t0, SearchArticle, 999_999)
	b := searchDocID(t0.Add(time.Second), SearchArticle, 1)
	v := searchDocID(t0, SearchVideo, 999_999)
	if !(a < b) || a == v || v>>20 != t0.Unix() || a>>20 != t0.Unix() {
		t.Errorf("ids %d, %d, %d do not follow publication time", a, b, v)
	}
	if searchDocID(time.Time{}, SearchArticle, 5) != 10 {
		t.Error("a zero time must not make a negative id")
	}
}
