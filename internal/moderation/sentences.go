package moderation

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// dword is one word of a comment or article, as the defamation and spam
// rules see it.
type dword struct {
	s, e        int    // view positions [s, e)
	low         string // folded, without a possessive 's
	title       bool   // capitalised: "Perera", "McDonald"
	initial     bool   // one capital letter followed by a full stop: "S."
	upper       bool   // two or more letters, all capitals: "MP", "NIMAL"
	breakBefore bool   // a sentence ends between the previous word and this one
	spaced      bool   // only spaces since the previous word, in the same sentence
	dotted      bool   // only spaces and full stops since the previous word ("Dr.Perera", "S. W.")
}

func dwordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return isLetterOrMark(r) || unicode.IsDigit(r)
}

// splitWords cuts v into words and marks sentence breaks. A full stop ends
// a sentence unless it follows an abbreviation ("Mr.", "Rs."), an initial or
// a single letter ("e.g.", "U.S."), or has no space after it ("Dr.Perera",
// "3.5").
func (c *Checker) splitWords(v *view) []dword {
	cs := v.cased
	// One string of the folded text, sliced for every word, saves an
	// allocation per word.
	var sb strings.Builder
	sb.Grow(len(v.fold))
	off := make([]int32, len(v.fold)+1)
	for i, r := range v.fold {
		off[i] = int32(sb.Len())
		sb.WriteRune(r)
	}
	off[len(v.fold)] = int32(sb.Len())
	folded := sb.String()
	out := make([]dword, 0, len(cs)/6+1)
	prevEnd := 0
	for i := 0; i < len(cs); {
		if !dwordRune(cs[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(cs) {
			if dwordRune(cs[j]) {
				j++
				continue
			}
			// "D'Souza", "Wickremesinghe-Perera", "minister's"
			if (cs[j] == '\'' || cs[j] == '’' || cs[j] == '-') && j+1 < len(cs) && isLetterOrMark(cs[j+1]) {
				j++
				continue
			}
			break
		}
		w := dword{s: i, e: j}
		k := j
		if k-i > 2 && (cs[k-2] == '\'' || cs[k-2] == '’') && (cs[k-1] == 's' || cs[k-1] == 'S') {
			k -= 2
		}
		w.low = folded[off[i]:off[k]]
		letters, lower, upper := 0, 0, 0
		for _, r := range cs[i:k] {
			if unicode.IsLetter(r) {
				letters++
			}
			if unicode.IsLower(r) {
				lower++
			}
			if unicode.IsUpper(r) {
				upper++
			}
		}
		w.title = unicode.IsUpper(cs[i]) && lower > 0
		w.upper = letters >= 2 && lower == 0 && upper == letters
		w.initial = letters == 1 && upper == 1 && j < len(cs) && cs[j] == '.'
		if len(out) > 0 {
			prev := &out[len(out)-1]
			gap := cs[prevEnd:i]
			w.breakBefore = c.sentenceEnds(gap, prev)
			w.spaced = !w.breakBefore && onlyBlanks(gap, false)
			w.dotted = !w.breakBefore && onlyBlanks(gap, true)
		}
		out = append(out, w)
		prevEnd = j
		i = j
	}
	return out
}

func (c *Checker) sentenceEnds(gap []rune, prev *dword) bool {
	stop, space := false, false
	for _, r := range gap {
		switch {
		case r == '!' || r == '?' || r == '\n' || r == '।':
			return true
		case r == '.':
			stop = true
		case unicode.IsSpace(r):
			space = true
		}
	}
	if !stop || !space {
		return false
	}
	return !(prev.initial || utf8.RuneCountInString(prev.low) == 1 || c.lex.abbreviations[prev.low])
}

// onlyBlanks reports a gap of spaces, and full stops if dots is set.
func onlyBlanks(gap []rune, dots bool) bool {
	for _, r := range gap {
		if r == '.' && dots {
			continue
		}
		if !isBlank(r) {
			return false
		}
	}
	return true
}

// wordSet builds a set from space- or line-separated words.
func wordSet(lists ...string) map[string]bool {
	set := map[string]bool{}
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			set[string(foldString(w))] = true
		}
	}
	return set
}
