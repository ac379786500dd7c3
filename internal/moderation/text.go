package moderation

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// view is a text prepared for matching. The rules match on cased and fold,
// which have invisible characters removed and compatibility forms (fullwidth,
// mathematical, circled letters, ligatures) decomposed; from maps every
// position back to the rune of the original text it came from, so a finding
// can quote the text exactly as the reader wrote it.
type view struct {
	runes []rune  // the text as []rune(s); finding offsets index this
	cased []rune  // NFKD, with invisible characters and Latin accents removed
	fold  []rune  // cased, lower-cased, with look-alike letters mapped to Latin
	from  []int32 // from[i] is the index in runes that cased[i] and fold[i] came from
	// rtl marks positions inside a right-to-left override (U+202E), where
	// "kcuf" is displayed as "fuck". Nil when the text has no override.
	rtl []bool
}

func newView(s string) view {
	runes := []rune(s)
	v := view{
		runes: runes,
		cased: make([]rune, 0, len(runes)),
		fold:  make([]rune, 0, len(runes)),
		from:  make([]int32, 0, len(runes)),
	}
	var one [utf8.UTFMax]byte
	var dec []byte
	override := 0
	for i, r := range runes {
		switch r {
		case '\u202E':
			override++
			if v.rtl == nil {
				v.rtl = make([]bool, len(v.cased), len(runes))
			}
		case '\u202C', '\n':
			override = 0
		}
		if r < utf8.RuneSelf {
			if r >= ' ' && r != 0x7f || r == '\n' || r == '\t' || r == '\r' {
				v.add(r, i, override > 0)
			}
			continue
		}
		if invisible(r) {
			continue
		}
		n := utf8.EncodeRune(one[:], r)
		dec = norm.NFKD.Append(dec[:0], one[:n]...)
		for len(dec) > 0 {
			d, size := utf8.DecodeRune(dec)
			dec = dec[size:]
			if !invisible(d) && !latinAccent(d) {
				v.add(d, i, override > 0)
			}
		}
	}
	return v
}

func (v *view) add(r rune, from int, rtl bool) {
	v.cased = append(v.cased, r)
	v.fold = append(v.fold, foldRune(r))
	v.from = append(v.from, int32(from))
	if v.rtl != nil {
		v.rtl = append(v.rtl, rtl)
	}
}

// inRTL reports whether view position i is inside a right-to-left override.
func (v *view) inRTL(i int) bool { return v.rtl != nil && v.rtl[i] }

// span turns the view range [s, e) into rune offsets of the original text
// and the text found there. Invisible characters inside the range are part of
// the quote; the range must not be empty.
func (v *view) span(s, e int) (start, end int, text string) {
	start, end = int(v.from[s]), int(v.from[e-1])+1
	return start, end, string(v.runes[start:end])
}

// invisible reports characters that draw nothing but can split a word so a
// filter misses it: control characters, zero-width spaces and joiners, bidi
// controls, soft hyphens, variation selectors, tag characters and blank
// fillers. Sinhala
// writes some conjuncts with a zero-width joiner; dropping it from both the
// comment and the word lists keeps them comparable.
func invisible(r rune) bool {
	switch {
	case unicode.Is(unicode.Cf, r):
		return true
	case unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r':
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	case r == 0x034F, r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0, r == 0x2800:
		return true
	}
	return false
}

// latinAccent reports combining marks used on Latin, Greek and Cyrillic
// letters ("fück", zalgo text). Sinhala and Tamil vowel signs are combining
// marks too, but live in their own blocks and are kept.
func latinAccent(r rune) bool {
	return r >= 0x0300 && r <= 0x036F || r >= 0x1AB0 && r <= 0x1AFF ||
		r >= 0x1DC0 && r <= 0x1DFF || r >= 0x20D0 && r <= 0x20FF || r >= 0xFE20 && r <= 0xFE2F
}

// foldRune lower-cases r and maps Cyrillic and Greek look-alikes to the
// Latin letter they imitate, so "ѕһіt" reads as "shit" and "ехаmple.com" as
// "example.com". The mapping is one rune to one rune, keeping fold aligned
// with cased.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	r = unicode.ToLower(r)
	switch r {
	case 'а', 'α':
		return 'a'
	case 'в', 'β', 'ь':
		return 'b'
	case 'с', 'ϲ':
		return 'c'
	case 'ԁ':
		return 'd'
	case 'е', 'ε', 'ё':
		return 'e'
	case 'ƒ':
		return 'f'
	case 'ɡ':
		return 'g'
	case 'һ', 'н':
		return 'h'
	case 'і', 'ι', 'ı', 'ӏ':
		return 'i'
	case 'ј':
		return 'j'
	case 'к', 'κ':
		return 'k'
	case 'м':
		return 'm'
	case 'η', 'п':
		return 'n'
	case 'о', 'ο', 'σ':
		return 'o'
	case 'р', 'ρ':
		return 'p'
	case 'ԛ':
		return 'q'
	case 'ѕ':
		return 's'
	case 'т', 'τ':
		return 't'
	case 'υ', 'μ':
		return 'u'
	case 'ν':
		return 'v'
	case 'ԝ', 'ω':
		return 'w'
	case 'х', 'χ':
		return 'x'
	case 'у', 'γ':
		return 'y'
	case '。', '｡':
		// ideographic full stops: browsers accept them as dots in host names
		return '.'
	}
	return r
}

// isLetterOrMark reports the runes that make up words in every script the
// site publishes in: Sinhala and Tamil vowel signs and the virama are marks.
func isLetterOrMark(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

// lexWords splits a word-list constant into entries: one per line, blank
// lines and lines starting with # skipped, surrounding spaces trimmed.
func lexWords(list string) []string {
	var out []string
	for _, line := range strings.Split(list, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && line[0] != '#' {
			out = append(out, line)
		}
	}
	return out
}

// foldString normalises a word-list entry the way newView normalises a
// comment, so list and comment compare equal.
func foldString(s string) []rune {
	v := newView(s)
	return v.fold
}
