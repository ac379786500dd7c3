// Package search is Dateline's full-text search without the database: how
// text becomes words, how a reader's query becomes terms and phrases, and how
// a result's snippet is cut and highlighted. It imports no SQL and no HTTP;
// the store turns words and queries into each engine's own index and query
// syntax, so both engines see exactly the same words.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxTokenBytes bounds one word. Longer runs of letters (pasted hashes, a
// hostile query) are cut at a character boundary, the same way in documents
// and queries, so they still match themselves.
const MaxTokenBytes = 120

// Token is one word of a text.
type Token struct {
	Text  string // normalised: format characters dropped, lower case, NFC
	Pos   int    // the word's position in the text, from 0
	Start int    // byte offset of the word in the original text
	End   int    // byte offset just past it; format characters inside the word are within Start:End
}

// Tokenize splits text into words. A word is a run of letters, combining
// marks and digits (Unicode L*, M*, N*, and private-use Co, the same classes
// the SQLite index is told to keep), so the vowel signs and virama of
// Sinhala and Tamil stay inside their words. Format characters (Cf: the
// zero-width joiner and non-joiner, soft hyphens) never split a word and
// are dropped from its text, so ශ්‍රී typed with or without the joiner is one
// and the same word. Everything else separates words; invalid UTF-8 is a
// separator too.
func Tokenize(text string) []Token {
	var out []Token
	start, end := -1, 0
	flush := func() {
		if start >= 0 {
			out = append(out, Token{Text: normalize(text[start:end]), Pos: len(out), Start: start, End: end})
			start = -1
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			flush()
		case isWordRune(r):
			if start < 0 {
				start = i
			}
			end = i + size
		case unicode.Is(unicode.Cf, r):
			// Inside a word it is skipped and the word goes on; between
			// words it is nothing at all.
		default:
			flush()
		}
		i += size
	}
	flush()
	return out
}

// Words returns the normalised words of text, in order.
func Words(text string) []string {
	toks := Tokenize(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.Co)
}

// normalize drops format characters, lower-cases and composes (NFC) one
// word, and bounds its length.
func normalize(word string) string {
	ascii := true
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return bound(strings.ToLower(word))
	}
	word = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, word)
	return bound(norm.NFC.String(strings.ToLower(word)))
}

func bound(word string) string {
	if len(word) <= MaxTokenBytes {
		return word
	}
	cut := MaxTokenBytes
	for cut > 0 && !utf8.RuneStart(word[cut]) {
		cut--
	}
	return word[:cut]
}
