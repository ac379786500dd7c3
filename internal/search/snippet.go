package search

import (
	"html"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SnippetRunes is about how many characters a snippet shows.
const SnippetRunes = 200

// A snippet starts at the beginning of the sentence holding its first
// match when that is at most sentenceLead characters back, else about
// snippetLead characters before the match.
const (
	snippetLead  = 40
	sentenceLead = 90
)

// maxAnchors bounds the windows tried in one text, so a body where a common
// word appears thousands of times costs no more than one where it is rare.
const maxAnchors = 500

// Fragment is a piece of a snippet or title: a matched word (Hit) or the
// text between matches. Text is the original text, joiners and all, not yet
// escaped.
type Fragment struct {
	Text string
	Hit  bool
}

// Highlight marks the words of text that match the query's words, keeping
// all of the text.
func Highlight(q Query, text string) []Fragment {
	toks := Tokenize(text)
	return fragments(text, toks, 0, len(text), matcher(q), false, false)
}

// Snippet cuts a window of about SnippetRunes characters from the text
// that best shows the query (the most different query words, then the most
// matches; earlier texts win ties, so pass the summary before the body) and
// marks the matching words. A text without matches gives its beginning.
func Snippet(q Query, texts ...string) []Fragment {
	match := matcher(q)
	best := window{distinct: -1}
	for i, text := range texts {
		if strings.TrimSpace(text) == "" {
			continue
		}
		w := bestWindow(text, match)
		w.text = i
		if w.distinct > best.distinct || (w.distinct == best.distinct && w.hits > best.hits) {
			best = w
		}
	}
	if best.distinct < 0 {
		return nil
	}
	text := texts[best.text]
	return fragments(text, best.toks, best.start, best.end, match, best.start > 0, best.end < len(strings.TrimRightFunc(text, unicode.IsSpace)))
}

// HTML writes fragments as HTML: every fragment's text escaped with
// html.EscapeString, matches wrapped in <mark>. It is the only place search
// makes a template.HTML, and it holds no text it has not escaped itself.
func HTML(frags []Fragment) template.HTML {
	var b strings.Builder
	for _, f := range frags {
		if f.Hit {
			b.WriteString("<mark>")
			b.WriteString(html.EscapeString(f.Text))
			b.WriteString("</mark>")
			continue
		}
		b.WriteString(html.EscapeString(f.Text))
	}
	return template.HTML(b.String())
}

func matcher(q Query) map[string]bool {
	m := map[string]bool{}
	for _, w := range q.Words() {
		m[w] = true
	}
	return m
}

// window is a candidate snippet: bytes start:end of one text.
type window struct {
	text           int
	toks           []Token
	start, end     int
	distinct, hits int
}

// bestWindow tries a window anchored at each match (at most maxAnchors)
// and keeps the one showing the most different query words.
func bestWindow(text string, match map[string]bool) window {
	toks := Tokenize(text)
	// runeAt[i] is the rune offset of token i's start; runeEnd its end.
	runeAt, runeEnd := make([]int, len(toks)), make([]int, len(toks))
	pos, n := 0, 0
	for i, t := range toks {
		n += utf8.RuneCountInString(text[pos:t.Start])
		runeAt[i] = n
		n += utf8.RuneCountInString(text[t.Start:t.End])
		runeEnd[i] = n
		pos = t.End
	}
	best := window{toks: toks, distinct: 0, start: 0, end: cutAt(text, toks, runeEnd, SnippetRunes)}
	anchors := 0
	seen := map[string]int{}
	for h, t := range toks {
		if !match[t.Text] {
			continue
		}
		if anchors++; anchors > maxAnchors {
			break
		}
		first := windowStart(text, toks, runeAt, h)
		last := h
		for last+1 < len(toks) && runeEnd[last+1]-runeAt[first] <= SnippetRunes {
			last++
		}
		clear(seen)
		hits := 0
		for i := first; i <= last; i++ {
			if match[toks[i].Text] {
				seen[toks[i].Text]++
				hits++
			}
		}
		if len(seen) > best.distinct || (len(seen) == best.distinct && hits > best.hits) {
			start := toks[first].Start
			if first == 0 {
				start = 0
			}
			end := toks[last].End
			if last == len(toks)-1 {
				end = len(text) // the window reaches the end: keep the closing punctuation
			}
			best = window{toks: toks, start: start, end: end, distinct: len(seen), hits: hits}
		}
	}
	return best
}

// windowStart picks the first word of a window whose match is word h: the
// start of h's sentence if it is near, else a word about snippetLead
// characters back.
func windowStart(text string, toks []Token, runeAt []int, h int) int {
	for i := h; i >= 0 && runeAt[h]-runeAt[i] <= sentenceLead; i-- {
		if i == 0 || strings.ContainsAny(text[toks[i-1].End:toks[i].Start], ".!?") {
			return i
		}
	}
	first := h
	for first > 0 && runeAt[h]-runeAt[first-1] <= snippetLead {
		first--
	}
	return first
}

// cutAt is where a window of width runes from the start of text ends: after
// the last whole word that fits, or at width runes if no word does.
func cutAt(text string, toks []Token, runeEnd []int, width int) int {
	end := 0
	for i, t := range toks {
		if runeEnd[i] > width {
			break
		}
		end = t.End
	}
	if end == 0 {
		n := 0
		for i := range text {
			if n == width {
				return i
			}
			n++
		}
		return len(text)
	}
	if len(toks) > 0 && end == toks[len(toks)-1].End {
		return len(text) // the whole text fits: keep its closing punctuation
	}
	return end
}

// fragments turns bytes start:end of text into fragments, matched words
// apart, runs of white space folded into one space, with "…" where the
// window cuts the text.
func fragments(text string, toks []Token, start, end int, match map[string]bool, before, after bool) []Fragment {
	var out []Fragment
	var plain strings.Builder
	if before {
		plain.WriteString("…")
	}
	pos := start
	for _, t := range toks {
		if t.Start < start || t.End > end || !match[t.Text] {
			continue
		}
		plain.WriteString(text[pos:t.Start])
		if plain.Len() > 0 {
			out = append(out, Fragment{Text: foldSpace(plain.String())})
			plain.Reset()
		}
		out = append(out, Fragment{Text: text[t.Start:t.End], Hit: true})
		pos = t.End
	}
	plain.WriteString(text[pos:end])
	if after {
		plain.WriteString("…")
	}
	if plain.Len() > 0 {
		out = append(out, Fragment{Text: foldSpace(plain.String())})
	}
	if len(out) > 0 && !out[0].Hit {
		out[0].Text = strings.TrimLeftFunc(out[0].Text, unicode.IsSpace)
	}
	if n := len(out) - 1; n >= 0 && !out[n].Hit {
		out[n].Text = strings.TrimRightFunc(out[n].Text, unicode.IsSpace)
	}
	return out
}

// foldSpace replaces each run of white space with one space, so a body's
// paragraph breaks read as a line of text.
func foldSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
