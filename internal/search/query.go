package search

import (
	"errors"
	"slices"
	"strings"
	"unicode"
)

// Bounds on a query, so that no input can make a search expensive.
const (
	// MaxQueryBytes is the longest query accepted; the HTTP surfaces refuse
	// longer ones with a 400 that names this limit.
	MaxQueryBytes = 512
	// MaxQueryWords is how many words a query may use in all; words beyond
	// it are left out and Query.Truncated says so.
	MaxQueryWords = 16
)

// Errors from Parse, each a message a reader can act on.
var (
	ErrQueryTooLong = errors.New("the search is too long")
	ErrNoWords      = errors.New("the search has no words to look for")
)

// Term is one condition of a query: a single word, or a phrase of words that
// must appear adjacent and in this order.
type Term []string

// Phrase reports whether the term is more than one word.
func (t Term) Phrase() bool { return len(t) > 1 }

// Query is a parsed search: every term must match (AND).
type Query struct {
	Terms     []Term
	Truncated bool // words beyond MaxQueryWords were left out
}

// Parse reads what a reader typed. Bare words are all required; text in
// double quotes ("…", also “…” and „…“) is a phrase, and an unclosed quote
// runs to the end. A bare word holding punctuation, such as "e-mail" or
// "Lanka's", is a phrase of its parts. Nothing else has a meaning: * : ^ ( )
// - + { } and the words AND, OR, NOT and NEAR are plain text or separators,
// never operators. Parse refuses queries over MaxQueryBytes (ErrQueryTooLong)
// and queries without a word (ErrNoWords); invalid UTF-8 and control
// characters are separators.
func Parse(raw string) (Query, error) {
	if len(raw) > MaxQueryBytes {
		return Query{}, ErrQueryTooLong
	}
	var q Query
	words := 0
	add := func(t Term) {
		if len(t) == 0 {
			return
		}
		if words+len(t) > MaxQueryWords {
			q.Truncated = true
			t = t[:MaxQueryWords-words]
			if len(t) == 0 {
				return
			}
		}
		for _, have := range q.Terms {
			if slices.Equal(have, t) {
				return
			}
		}
		q.Terms = append(q.Terms, t)
		words += len(t)
	}
	for i, part := range splitQuotes(raw) {
		if i%2 == 1 { // inside quotes
			add(Term(Words(part)))
			continue
		}
		for _, chunk := range strings.FieldsFunc(part, unicode.IsSpace) {
			add(Term(Words(chunk)))
		}
	}
	if len(q.Terms) == 0 {
		return Query{}, ErrNoWords
	}
	return q, nil
}

// splitQuotes cuts raw at every double quote mark: even parts are outside
// quotes, odd parts inside. Phones type curly quotes, so those count too.
func splitQuotes(raw string) []string {
	var parts []string
	start := 0
	for i, r := range raw {
		switch r {
		case '"', '\u201c', '\u201d', '\u201e':
			parts = append(parts, raw[start:i])
			start = i + len(string(r))
		}
	}
	return append(parts, raw[start:])
}

// Words returns the query's distinct words, for highlighting.
func (q Query) Words() []string {
	var out []string
	for _, t := range q.Terms {
		for _, w := range t {
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// String writes the query back in its plain form: words separated by
// spaces, phrases in double quotes.
func (q Query) String() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = strings.Join(t, " ")
		if t.Phrase() {
			parts[i] = `"` + parts[i] + `"`
		}
	}
	return strings.Join(parts, " ")
}
