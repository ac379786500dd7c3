package textdiff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a run of text that an edit script keeps (Equal), takes out of the
// old text (Delete) or puts into the new one (Insert).
type Span struct {
	Op   Op
	Text string
}

// Blank says how to make a span of white space alone visible on a page:
// "break" when it holds a line break, "space" when it does not, and "" when
// the span has something visible to show.
func (s Span) Blank() string {
	switch {
	case strings.TrimSpace(s.Text) != "":
		return ""
	case strings.Contains(s.Text, "\n"):
		return "break"
	}
	return "space"
}

// The budgets bound the steps (see differ.budget) Words may take, so that
// no pair of texts, however long or unlike, holds up a request: a step is
// about ten nanoseconds, so even two unrelated 50,000-word bodies take about
// a tenth of a second, where an unbounded diff would take minutes.
const (
	wordBudget = 4 << 20 // the whole texts, word by word
	lineBudget = 1 << 20 // the fallback: paragraph by paragraph
	hunkBudget = 2 << 20 // the fallback's word diffs of changed paragraphs, together
)

// Words diffs a and b word by word and returns the edit script as spans in
// order: text kept, and each change as the text deleted from a followed by
// the text inserted from b. Keeping the Equal and Delete spans gives back a;
// keeping Equal and Insert gives back b ("\r\n" read as "\n" in both).
//
// A word is a run of letters, combining marks (so Sinhala and Tamil words
// stay whole) and digits; each run of white space and each other character
// is a token of its own, so a changed comma shows as a changed comma. A
// short stretch kept between two changes is shown inside one change, which
// reads better than a patchwork of single words.
//
// When the texts differ too much for the word-by-word budget, Words compares
// them paragraph by paragraph and then word by word within each changed
// paragraph, as far as a second budget goes; past that a changed paragraph
// is shown as deleted and inserted whole.
func Words(a, b string) []Span {
	a, b = strings.ReplaceAll(a, "\r\n", "\n"), strings.ReplaceAll(b, "\r\n", "\n")
	if a == b {
		if a == "" {
			return nil
		}
		return []Span{{Equal, a}}
	}
	regions, _, ok := diff(a, b, wordEnds, wordBudget)
	if !ok {
		regions = coarse(a, b, lineBudget, hunkBudget)
	}
	return spans(a, b, fold(a, regions))
}

// WordStats counts the words in the inserted and the deleted spans of a
// script, so a change of punctuation or spacing alone counts for nothing.
func WordStats(spans []Span) (inserted, deleted int) {
	for _, s := range spans {
		n, start := 0, 0
		for _, end := range wordEnds(s.Text) {
			if r, _ := utf8.DecodeRuneInString(s.Text[start:]); isWordRune(r) {
				n++
			}
			start = end
		}
		switch s.Op {
		case Insert:
			inserted += n
		case Delete:
			deleted += n
		}
	}
	return inserted, deleted
}

// region is a stretch of an edit script, as byte offsets into the two
// texts: text both keep (a[a0:a1] equals b[b0:b1]), or a change that deletes
// a[a0:a1] and inserts b[b0:b1], either possibly empty. Offsets rather than
// strings let regions grow and join without copying text.
type region struct {
	a0, a1, b0, b1 int
	changed        bool
}

// appendRegion adds r to rs, joining it to the last region when both are
// kept text or both are changes, so that kept text and changes alternate.
// Regions are appended in order, so r starts where the last one ends.
func appendRegion(rs []region, r region) []region {
	if r.a0 == r.a1 && r.b0 == r.b1 {
		return rs
	}
	if n := len(rs); n > 0 && rs[n-1].changed == r.changed {
		rs[n-1].a1, rs[n-1].b1 = r.a1, r.b1
		return rs
	}
	return append(rs, r)
}

// diff compares the tokens of a and b within budget steps and returns the
// script as regions and the steps it spent. ok is false when the budget ran
// out; the regions are then still a correct script, but not a minimal one.
func diff(a, b string, split func(string) []int, budget int) (rs []region, spent int, ok bool) {
	ae, be := split(a), split(b)
	ids := interner{}
	d := newDiffer(ids.ofPieces(a, ae), ids.ofPieces(b, be), budget)
	d.compare(0, len(ae), 0, len(be))
	i, j, ai, bi := 0, 0, 0, 0
	for i < len(ae) || j < len(be) {
		r := region{a0: ai, b0: bi}
		for i < len(ae) && j < len(be) && !d.deleted[i] && !d.inserted[j] {
			ai, bi, i, j = ae[i], be[j], i+1, j+1
		}
		r.a1, r.b1 = ai, bi
		rs = appendRegion(rs, r)
		r = region{a0: ai, b0: bi, changed: true}
		for ; i < len(ae) && d.deleted[i]; i++ {
			ai = ae[i]
		}
		for ; j < len(be) && d.inserted[j]; j++ {
			bi = be[j]
		}
		r.a1, r.b1 = ai, bi
		rs = appendRegion(rs, r)
	}
	return rs, budget - d.budget, !d.exhausted
}

// coarse is the fallback of Words for texts too unlike to diff word by word
// within budget: paragraphs (lines) first, then the words of each changed
// stretch while the shared budget (pool) lasts.
func coarse(a, b string, budget, pool int) []region {
	lines, _, _ := diff(a, b, lineEnds, budget)
	var out []region
	for _, r := range lines {
		if !r.changed || r.a0 == r.a1 || r.b0 == r.b1 || pool == 0 {
			out = appendRegion(out, r)
			continue
		}
		words, spent, ok := diff(a[r.a0:r.a1], b[r.b0:r.b1], wordEnds, pool)
		pool -= spent
		if !ok {
			out = appendRegion(out, r)
			continue
		}
		for _, w := range words {
			out = appendRegion(out, region{a0: r.a0 + w.a0, a1: r.a0 + w.a1, b0: r.b0 + w.b0, b1: r.b0 + w.b1, changed: w.changed})
		}
	}
	return out
}

// fold shows a short stretch of kept text between two changes as part of
// one change ("-the cat +a dog" rather than "-the +a, kept space, -cat
// +dog"). The stretch must be on one line and no longer than the changes on
// either side (spaces alone always fold), and the joined change must delete
// and insert something besides it. Since the stretch lies between the two
// changes in both texts, the joined change is again one range of each.
func fold(a string, rs []region) []region {
	out := make([]region, 0, len(rs))
	for _, r := range rs {
		out = append(out, r)
		for n := len(out); n >= 3 && out[n-1].changed && !out[n-2].changed && out[n-3].changed; n = len(out) {
			before, kept, after := out[n-3], out[n-2], out[n-1]
			if !foldable(before, a[kept.a0:kept.a1], after) {
				break
			}
			out = append(out[:n-3], region{a0: before.a0, a1: after.a1, b0: before.b0, b1: after.b1, changed: true})
		}
	}
	return out
}

// foldable decides whether kept text between two changes joins them. The
// lengths are checked before the text is read, which keeps the work linear
// however many changes join up.
func foldable(before region, kept string, after region) bool {
	if (before.a0 == before.a1 && after.a0 == after.a1) || (before.b0 == before.b1 && after.b0 == after.b1) {
		return false
	}
	longest := func(r region) int { return max(r.a1-r.a0, r.b1-r.b0) }
	if len(kept) > longest(before) || len(kept) > longest(after) {
		return len(kept) <= 64 && strings.Trim(kept, " \t\u00a0") == ""
	}
	return !strings.Contains(kept, "\n")
}

func spans(a, b string, rs []region) []Span {
	out := make([]Span, 0, len(rs)+len(rs)/2)
	for _, r := range rs {
		switch {
		case !r.changed:
			out = append(out, Span{Equal, a[r.a0:r.a1]})
		default:
			if r.a0 < r.a1 {
				out = append(out, Span{Delete, a[r.a0:r.a1]})
			}
			if r.b0 < r.b1 {
				out = append(out, Span{Insert, b[r.b0:r.b1]})
			}
		}
	}
	return out
}

// lineEnds returns where each line of s ends, just after its "\n".
func lineEnds(s string) []int {
	var ends []int
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			i = len(s)
		} else {
			i += j + 1
		}
		ends = append(ends, i)
	}
	return ends
}

// wordEnds cuts s into tokens and returns where each ends: words, runs of
// white space, and single other characters (with any marks that follow
// them). Offsets rather than strings keep a long text's tokens out of the
// garbage collector's way.
func wordEnds(s string) []int {
	ends := make([]int, 0, len(s)/4+1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch {
		case isWordRune(r):
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += n
					continue
				}
				// An apostrophe between letters belongs to the word: "don't".
				if r2 == '\'' || r2 == '’' {
					if r3, m := utf8.DecodeRuneInString(s[j+n:]); j+n < len(s) && isWordRune(r3) {
						j += n + m
						continue
					}
				}
				break
			}
		case unicode.IsSpace(r):
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n
			}
		default:
			// Keep an emoji with its modifiers and joined parts together.
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsMark(r2) && r2 != zwj && !isSkinTone(r2) {
					break
				}
				j += n
				if r2 == zwj && j < len(s) {
					_, m := utf8.DecodeRuneInString(s[j:])
					j += m
				}
			}
		}
		ends = append(ends, j)
		i = j
	}
	return ends
}

const (
	zwnj = '\u200c'
	zwj  = '\u200d' // joins Sinhala conjuncts, as in ශ්‍රී (Sri)
)

// isSkinTone reports whether r is one of the emoji modifiers that colour
// the emoji before it.
func isSkinTone(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }

// isWordRune reports whether r can be part of a word. Combining marks and
// the zero-width joiners are, since Sinhala and Tamil letters carry them.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || r == zwj || r == zwnj
}
