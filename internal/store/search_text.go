package store

import (
	"slices"
	"strconv"
	"strings"

	"dateline/internal/search"
)

// searchFields are the words of one document, field by field, as
// internal/search normalises them for both engines.
type searchFields struct {
	title, tags, summary, body []string
}

func newSearchFields(title string, tags []string, summary, body string) searchFields {
	var tagWords []string
	for _, t := range tags {
		tagWords = append(tagWords, search.Words(t)...)
	}
	return searchFields{title: search.Words(title), tags: tagWords, summary: search.Words(summary), body: search.Words(body)}
}

// ftsColumn is one field as the SQLite index gets it: the words, one space
// apart. The words hold only letters, marks and digits, so the FTS5
// tokenizer finds exactly these words again.
func ftsColumn(words []string) string { return strings.Join(words, " ") }

// ftsMatch writes a query as an FTS5 MATCH expression made only of quoted
// strings (a quote inside one is doubled), so nothing a reader types can
// become FTS5 syntax: every term must match in the text columns, and lang,
// when set, must match the language column.
func ftsMatch(q search.Query, lang string) string {
	terms := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		terms[i] = ftsQuote(strings.Join(t, " ")) // a quoted string of several words is a phrase
	}
	expr := "{title tags summary body} : (" + strings.Join(terms, " AND ") + ")"
	if lang != "" {
		expr = "lang : " + ftsQuote(lang) + " AND " + expr
	}
	return expr
}

func ftsQuote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// tsQuery writes a query as a PostgreSQL tsquery literal: quoted lexemes
// and & between terms. It is cast with ::tsquery, never given to
// to_tsquery, so no dictionary touches it. A phrase is written with the
// word pairs tsVector indexes: "central bank" is the one lexeme
// 'central bank', found in the index without reading any document, and
// "bank of ceylon" is 'bank of' <-> 'of ceylon', which the index narrows
// to the documents holding both pairs before positions are checked.
func tsQuery(q search.Query) string {
	terms := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		if !t.Phrase() {
			terms[i] = tsQuote(t[0])
			continue
		}
		pairs := make([]string, len(t)-1)
		for j := range pairs {
			pairs[j] = tsQuote(t[j] + " " + t[j+1])
		}
		terms[i] = strings.Join(pairs, " <-> ")
		if len(pairs) > 1 {
			terms[i] = "(" + terms[i] + ")"
		}
	}
	return strings.Join(terms, " & ")
}

// tsQuote quotes a lexeme; quotes and backslashes inside are doubled, as
// the tsvector and tsquery input syntax asks.
func tsQuote(s string) string {
	return "'" + strings.NewReplacer(`'`, `''`, `\`, `\\`).Replace(s) + "'"
}

// PostgreSQL keeps positions up to 16383, at most 256 of them per lexeme,
// and lexemes of less than 1 MB in all per tsvector.
const (
	tsMaxPos         = 16383
	tsMaxPositions   = 256
	tsMaxLexemeBytes = 768 << 10 // well inside the 1 MB, for the quoting and positions around it
	tsFieldDistance  = 2         // a gap between fields, so a phrase never spans two
)

// tsVector writes the fields as a tsvector literal: each word with its
// positions, weighted A (title), B (tags), C (summary) or D (body), and
// each pair of adjacent words in a field as one more lexeme ('central
// bank', at the first word's position), so phrase searches are index
// lookups (see tsQuery). A pair cannot be mistaken for a word: words never
// hold a space. Positions run on through the fields with a gap between
// them, so phrases match within a field only, as they do in SQLite. Words
// come before pairs, so a body too long for PostgreSQL's limits loses
// pairs first.
func tsVector(f searchFields) string {
	type place struct {
		pos    int
		weight byte
	}
	lexemes := map[string][]place{}
	size := 0
	add := func(lexeme string, pos int, weight byte) {
		list, seen := lexemes[lexeme]
		if !seen {
			if size+len(lexeme) > tsMaxLexemeBytes {
				return
			}
			size += len(lexeme)
		}
		p := min(pos, tsMaxPos)
		if len(list) < tsMaxPositions && (len(list) == 0 || list[len(list)-1].pos != p) {
			lexemes[lexeme] = append(list, place{p, weight})
		}
	}
	fields := [][]string{f.title, f.tags, f.summary, f.body}
	for pairs := range 2 {
		pos := 1
		for i, words := range fields {
			for j, w := range words {
				if pairs == 0 {
					add(w, pos+j, "ABCD"[i])
				} else if j+1 < len(words) {
					add(w+" "+words[j+1], pos+j, "ABCD"[i])
				}
			}
			pos += len(words) + tsFieldDistance - 1
		}
	}
	words := make([]string, 0, len(lexemes))
	for w := range lexemes {
		words = append(words, w)
	}
	slices.Sort(words)
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tsQuote(w))
		for j, p := range lexemes[w] {
			if j == 0 {
				b.WriteByte(':')
			} else {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p.pos))
			b.WriteByte(p.weight)
		}
	}
	return b.String()
}
