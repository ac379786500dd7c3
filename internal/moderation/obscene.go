package moderation

import (
	"slices"
	"unicode"
)

// otok is one word of a comment as the obscenity rule sees it: letters and
// marks, plus the digits and symbols people use to disguise letters.
type otok struct {
	s, e    int    // view positions [s, e), after trimming
	chars   []rune // folded runes, reversed inside a right-to-left override
	letters int    // how many of chars are letters
	wild    bool   // contains a wildcard (* or #)
}

// span is a range [s, e) of view positions.
type span struct{ s, e int }

func obsceneRune(r rune) bool {
	switch r {
	case '$', '@', '*', '!', '|', '#':
		return true
	}
	return isLetterOrMark(r) || unicode.IsDigit(r)
}

// trimmable are symbols that frame a word without disguising it: markdown
// emphasis (**word**), hashtags, exclamation marks, table bars.
func trimmable(r rune) bool { return r == '*' || r == '#' || r == '!' || r == '|' }

func obsceneTokens(v *view) []otok {
	f := v.fold
	toks := make([]otok, 0, len(f)/5+1)
	for i := 0; i < len(f); {
		if !obsceneRune(f[i]) {
			i++
			continue
		}
		j := i
		for j < len(f) && obsceneRune(f[j]) {
			j++
		}
		s, e := i, j
		i = j
		if e-s > 1 {
			for s < e && trimmable(f[s]) {
				s++
			}
			for e > s && trimmable(f[e-1]) {
				e--
			}
			if s == e {
				continue
			}
		}
		t := otok{s: s, e: e, chars: f[s:e]}
		for _, r := range t.chars {
			if unicode.IsLetter(r) {
				t.letters++
			}
			if isWildcard(r) {
				t.wild = true
			}
		}
		if v.inRTL(s) {
			t.chars = slices.Clone(t.chars)
			slices.Reverse(t.chars)
		}
		toks = append(toks, t)
	}
	return toks
}

// worthMatching rejects tokens that cannot be a disguised word: numbers, and
// masks with too little left to read ("a**", "****").
func (t otok) worthMatching() bool {
	if t.letters == 0 {
		return false
	}
	if t.wild {
		return t.letters >= 2 && !isWildcard(t.chars[0])
	}
	return true
}

// maxSpelled bounds how many spaced-out letters are tried as one word.
const maxSpelled = 20

// findObscene returns the view spans of listed words in v.
func (c *Checker) findObscene(v *view) []span {
	toks := obsceneTokens(v)
	var out []span
	var m matcher
	for i := 0; i < len(toks); {
		if j := spelledRun(v, toks, i); j-i >= 3 {
			out = c.matchSpelled(v, &m, toks[i:j], out)
			i = j
			continue
		}
		if !toks[i].worthMatching() {
			i++
			continue
		}
		if n := c.words.match(&m, toks[i:]); n > 0 {
			out = append(out, span{toks[i].s, toks[i+n-1].e})
			i += n
			continue
		}
		i++
	}
	return out
}

// spelledRun returns the end of the run of one-letter tokens starting at
// toks[i] ("f u c k", "f.u.c.k"): each separated from the last by at most
// three spaces or punctuation marks.
func spelledRun(v *view, toks []otok, i int) int {
	j := i
	for j < len(toks) && len(toks[j].chars) == 1 {
		if j > i && toks[j].s-toks[j-1].e > 3 {
			break
		}
		j++
	}
	return j
}

// matchSpelled looks for listed words spelled out letter by letter inside a
// run of one-letter tokens, longest first, and appends their spans.
func (c *Checker) matchSpelled(v *view, m *matcher, run []otok, out []span) []span {
	if initials(v, run) {
		return out
	}
	chars := make([]rune, len(run))
	for k, t := range run {
		chars[k] = t.chars[0]
	}
	for a := 0; a+3 <= len(run); {
		matched := false
		for b := min(len(run), a+maxSpelled); b >= a+3; b-- {
			t := otok{chars: chars[a:b]}
			for _, r := range t.chars {
				if unicode.IsLetter(r) {
					t.letters++
				}
				t.wild = t.wild || isWildcard(r)
			}
			if !t.worthMatching() || t.letters < 2 {
				continue
			}
			if c.words.match(m, []otok{t}) == 1 {
				out = append(out, span{run[a].s, run[b-1].e})
				a, matched = b, true
				break
			}
		}
		if !matched {
			a++
		}
	}
	return out
}

// initials reports a run that reads as a person's initials, "A. S. S.
// Perera": capitals each followed by a full stop, then a capitalised word.
// Sri Lankan names are often written this way.
func initials(v *view, run []otok) bool {
	for _, t := range run {
		if !unicode.IsUpper(v.cased[t.s]) || t.e >= len(v.cased) || v.cased[t.e] != '.' {
			return false
		}
	}
	// the name follows the last initial after a space or directly
	k := run[len(run)-1].e + 1
	for k < len(v.cased) && v.cased[k] == ' ' {
		k++
	}
	return k+1 < len(v.cased) && unicode.IsUpper(v.cased[k]) && unicode.IsLower(v.cased[k+1])
}
