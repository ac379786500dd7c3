package moderation

import "unicode"

// lrune is one rune of the link view: the folded comment with disguised
// dots and colons, "hxxp" and spaced-out letters put back the way a browser
// would need them. Each rune remembers the view range [s, e) it stands for,
// so a link found here quotes the disguise in full.
type lrune struct {
	r    rune
	s, e int32
	weak bool // a dot written as the word "dot" or with spaces round it
}

// minSpacedRun is how many single characters separated by spaces make a
// spaced-out link ("h t t p s : / /"). Ordinary prose rarely has six
// one-letter words in a row.
const minSpacedRun = 6

// linkView undoes the usual ways of hiding a link from a filter.
func linkView(f []rune) []lrune {
	skip := spacedGaps(f)
	out := make([]lrune, 0, len(f))
	for i := 0; i < len(f); {
		if skip != nil && skip[i] {
			i++
			continue
		}
		if n, r := bracketed(f, i); n > 0 {
			if r == ':' && len(out) > 0 && isASCIILetter(out[len(out)-1].r) {
				out = append(out, lrune{r: ':', s: int32(i), e: int32(i + n)})
				i += n
				continue
			}
			if r == '.' {
				if o, next, ok := disguisedDot(f, out, i, i+n, false); ok {
					out, i = o, next
					continue
				}
			}
		}
		if hasWord(f, i, "dot") && i > 0 && isBlank(f[i-1]) && i+3 < len(f) && isBlank(f[i+3]) {
			if o, next, ok := disguisedDot(f, out, i, i+3, true); ok {
				out, i = o, next
				continue
			}
		}
		if f[i] == '.' && (i > 0 && isBlank(f[i-1]) || i+1 < len(f) && isBlank(f[i+1])) {
			if o, next, ok := disguisedDot(f, out, i, i+1, true); ok {
				out, i = o, next
				continue
			}
		}
		if hasPrefixAt(f, i, "hxxp") && (i == 0 || !isASCIIAlnum(f[i-1])) {
			for k, r := range "http" {
				out = append(out, lrune{r: r, s: int32(i + k), e: int32(i + k + 1)})
			}
			i += 4
			continue
		}
		out = append(out, lrune{r: f[i], s: int32(i), e: int32(i + 1)})
		i++
	}
	return out
}

// disguisedDot turns the disguise at f[i:j] into a dot when it sits between
// two parts of a host name, swallowing the spaces round it. A weak disguise
// (the word "dot", a spaced-out full stop) is refused after a common word, so
// "the dot on the i" and "the dot com bubble" stay prose.
func disguisedDot(f []rune, out []lrune, i, j int, weak bool) ([]lrune, int, bool) {
	k := len(out)
	for k > 0 && isBlank(out[k-1].r) {
		k--
	}
	if k == 0 || !isASCIIAlnum(out[k-1].r) {
		return out, i, false
	}
	next := j
	for next < len(f) && isBlank(f[next]) {
		next++
	}
	if next == len(f) || !isASCIIAlnum(f[next]) {
		return out, i, false
	}
	if weak {
		w := k
		for w > 0 && (isASCIIAlnum(out[w-1].r) || out[w-1].r == '-') {
			w--
		}
		word := make([]rune, 0, k-w)
		for _, lr := range out[w:k] {
			word = append(word, lr.r)
		}
		if proseWord(string(word)) {
			return out, i, false
		}
	}
	s := int32(i)
	if k < len(out) {
		s = out[k].s
	}
	out = append(out[:k], lrune{r: '.', s: s, e: int32(next), weak: weak})
	return out, next, true
}

// proseWord reports short words that come before "dot" in ordinary
// sentences but never as the name of a website.
func proseWord(w string) bool {
	switch w {
	case "the", "a", "an", "this", "that", "of", "on", "in", "at", "to", "and", "or",
		"my", "your", "his", "her", "its", "our", "their", "one", "no", "every", "each",
		"some", "any", "with", "for", "from", "by", "as", "is", "it", "big", "small",
		"red", "black", "white", "blue", "green", "tiny", "little":
		return true
	}
	return false
}

// bracketed recognises a dot or colon wrapped in brackets: "[.]", "(.)",
// "{.}", "[dot]", "(dot)", "< dot >", "[:]". It returns the length of the
// disguise and the rune it stands for.
func bracketed(f []rune, i int) (int, rune) {
	var closer rune
	switch f[i] {
	case '[':
		closer = ']'
	case '(':
		closer = ')'
	case '{':
		closer = '}'
	case '<':
		closer = '>'
	default:
		return 0, 0
	}
	j := i + 1
	for j < len(f) && f[j] == ' ' {
		j++
	}
	var r rune
	switch {
	case j < len(f) && f[j] == '.':
		r, j = '.', j+1
	case hasWord(f, j, "dot"):
		r, j = '.', j+3
	case j < len(f) && f[j] == ':':
		r, j = ':', j+1
	default:
		return 0, 0
	}
	for j < len(f) && f[j] == ' ' {
		j++
	}
	if j < len(f) && f[j] == closer {
		return j + 1 - i, r
	}
	return 0, 0
}

// spacedGaps finds links typed with a space after every character
// ("h t t p s : / / e x a m p l e . c o m") and marks the spaces to delete.
// It returns nil when there are none.
func spacedGaps(f []rune) []bool {
	var skip []bool
	closeGap := func(a, b int) {
		if skip == nil {
			skip = make([]bool, len(f))
		}
		for k := a; k < b; k++ {
			skip[k] = true
		}
	}
	// The current run of one-character tokens: where it starts, how many,
	// and where its last token is.
	runStart, runLen, last := -1, 0, -1
	finish := func(next int) {
		if runLen >= minSpacedRun {
			for k := runStart; k < last; k++ {
				if isBlank(f[k]) {
					closeGap(k, k+1)
				}
			}
			// "h t t p s : / / example.com": the host may follow unspaced
			if f[last] == '/' && next >= 0 && next-last-1 <= 2 {
				closeGap(last+1, next)
			}
		}
		runStart, runLen = -1, 0
	}
	for i := 0; i < len(f); {
		if isBlank(f[i]) {
			i++
			continue
		}
		if unicode.IsSpace(f[i]) { // a line break ends any run
			finish(-1)
			i++
			continue
		}
		j := i + 1
		for j < len(f) && !unicode.IsSpace(f[j]) {
			j++
		}
		single := j-i == 1
		near := runLen > 0 && i-last-1 <= 2
		switch {
		case single && near:
			runLen++
		case single:
			finish(i)
			runStart, runLen = i, 1
		default:
			finish(i)
		}
		if single {
			last = i
		}
		i = j
	}
	finish(-1)
	return skip
}

func isBlank(r rune) bool { return r == ' ' || r == '\t' || r == '\u00a0' }

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

func isASCIIAlnum(r rune) bool { return isASCIILetter(r) || '0' <= r && r <= '9' }

// hasWord reports whether f[i:] starts with w as a whole word.
func hasWord(f []rune, i int, w string) bool {
	k := i
	for _, r := range w {
		if k >= len(f) || f[k] != r {
			return false
		}
		k++
	}
	return k == len(f) || !isASCIIAlnum(f[k])
}

// hasPrefixAt reports whether f[i:] starts with p.
func hasPrefixAt(f []rune, i int, p string) bool {
	for _, r := range p {
		if i >= len(f) || f[i] != r {
			return false
		}
		i++
	}
	return true
}
