package moderation

import "unicode"

// All-caps thresholds: shorter comments ("NO WAY") are not judged, and a
// comment is shouting when this share of its counted letters are capitals.
const (
	minCasedLetters = 12
	capsShare       = 0.70
)

// allCaps reports whether the comment is written mostly in capitals.
// Sinhala and Tamil have no case, so their letters are not counted at all.
// An all-capital word of two to five letters standing among lower-case words
// is an acronym ("the US and UN and NATO said") and counts for neither side;
// runs of them ("I AGREE WITH THE MP") are shouting and count as capitals.
func allCaps(v *view) bool {
	// Walk the words keeping the one before and the one after the word
	// being counted, since an acronym is judged by its neighbours.
	type word struct{ upper, lower int }
	shouted := func(w word) bool { return w.lower == 0 && w.upper >= 2 }
	var prev, cur word
	total, upper, counted := 0, 0, 0
	have := 0 // words seen so far, up to 2
	count := func(next word) {
		acronym := cur.lower == 0 && cur.upper >= 2 && cur.upper <= 5 && !shouted(prev) && !shouted(next)
		if !acronym {
			upper += cur.upper
			counted += cur.upper + cur.lower
		}
		prev, cur = cur, next
	}
	cs := v.cased
	for i := 0; i < len(cs); {
		if i == 0 || unicode.IsSpace(cs[i-1]) {
			if end := addressEnd(cs, i); end > i {
				i = end // links and e-mail addresses are written in lower case
				continue
			}
		}
		if !isLetterOrMark(cs[i]) {
			i++
			continue
		}
		var w word
		for i < len(cs) && isLetterOrMark(cs[i]) {
			r := cs[i]
			switch {
			case unicode.IsUpper(r) || unicode.IsTitle(r):
				w.upper++
			case unicode.IsLower(r):
				w.lower++
			}
			i++
		}
		if w.upper+w.lower == 0 {
			continue // Sinhala, Tamil: no case to judge
		}
		total += w.upper + w.lower
		if have == 0 {
			cur, have = w, 1
			continue
		}
		count(w)
	}
	if have == 0 || total < minCasedLetters {
		return false
	}
	count(word{})
	return counted > 0 && float64(upper) >= capsShare*float64(counted)
}

// addressEnd returns the end of the chunk starting at i (up to the next
// space) if it is a URL, a path or an e-mail address, or i if it is not.
func addressEnd(cs []rune, i int) int {
	e := i
	address := false
	for e < len(cs) && !unicode.IsSpace(cs[e]) {
		if cs[e] == '/' || cs[e] == '@' {
			address = true
		}
		e++
	}
	if address {
		return e
	}
	return i
}
