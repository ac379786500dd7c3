package news

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxSlug bounds slug length in bytes; long headlines are cut at a word break.
const MaxSlug = 80

// Slugify turns a headline or name into a URL slug: lower case letters and
// digits joined by single hyphens. Latin accents are dropped; letters of other
// scripts (Sinhala, Tamil) are kept, so slugs stay readable in every edition.
// Invalid UTF-8 separates words like punctuation does.
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false
	// The normaliser copies the text after an invalid byte as it is, so an
	// accented capital there would keep its accent and Slugify would not be
	// idempotent; a hyphen in its place is a word break like any other.
	for _, r := range norm.NFKD.String(strings.ToValidUTF8(s, "-")) {
		switch {
		case unicode.Is(unicode.Mn, r) && r < 0x0370:
			// combining accents on Latin letters: drop, so "Café" becomes "cafe"
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\u200d' || r == '\u200c':
			// joiners shape Sinhala conjuncts (ශ්‍රී); they are not word breaks
		case r == '\'' || r == '’':
			// "Don't" reads better as "dont" than "don-t"
		default:
			hyphen = true
		}
	}
	slug := norm.NFC.String(b.String())
	if len(slug) > MaxSlug {
		cut := strings.LastIndexByte(slug[:MaxSlug], '-')
		if cut <= 0 {
			cut = MaxSlug
			for cut > 0 && !utf8RuneStart(slug[cut]) {
				cut--
			}
		}
		slug = slug[:cut]
	}
	if slug == "" {
		return "story"
	}
	return slug
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
