package moderation

import (
	"slices"
	"unicode"
)

// persons finds who the sentence ws[a:b] identifies: a title and a name
// ("Mr Perera", "Dr.Fernando", "திரு சுமந்திரன்"), a name and an honorific
// ("පෙරේරා මහතා"), two or more capitalised words ("Nimal Perera", "S. W.
// Perera"), a role ("the editor", "the police chief", "ඇමතිවරයා"), and when
// people is given, surnames from the article and "he" or "she" if the
// article names anyone.
func (c *Checker) persons(ws []dword, a, b int, people *articlePeople) []wspan {
	var out []wspan
	for k := a; k < b; k++ {
		w := ws[k]
		if c.lex.titles.has(w.low) && k+1 < b && ws[k+1].dotted {
			loose := w.low == "mr" || w.low == "mrs" || w.low == "ms" || w.low == "dr" || w.low == "hon" || w.low == "prof"
			e := k + 1
			for e < b && e-k <= 4 && ws[e].dotted && c.nameWord(ws[e], loose, ws[k].upper) {
				if caseless(ws[e]) && e-k > 2 {
					break // without capitals, two words after a title are as far as a name goes
				}
				e++
				loose = false
			}
			if e > k+1 {
				out = append(out, wspan{k, e})
			}
		}
		if c.lex.honorifics.has(w.low) && k > a && ws[k].spaced && caseless(ws[k-1]) {
			// "නිමල් පෙරේරා මහතා": one or two names before the honorific
			first := k - 1
			if first > a && ws[first].spaced && caseless(ws[first-1]) && !c.notName(ws[first-1].low) {
				first--
			}
			out = append(out, wspan{first, k + 1})
		}
		if c.lex.offices.has(w.low) {
			out = append(out, wspan{k, k + 1})
		}
		if determiner(w.low) {
			for e := k + 1; e < b && e <= k+3 && ws[e].spaced; e++ {
				if c.lex.roles.has(ws[e].low) {
					out = append(out, wspan{k, e + 1})
					break
				}
			}
		}
		if people != nil && (people.any && c.lex.pronouns.has(w.low) || people.names[w.low]) {
			out = append(out, wspan{k, k + 1})
		}
	}
	for k := a; k < b; {
		if !c.runWord(ws[k]) {
			k++
			continue
		}
		e := k + 1
		for e < b && c.runWord(ws[e]) && (ws[e].spaced || ws[e-1].initial && ws[e].dotted) {
			e++
		}
		if e-k >= 2 && e-k <= 5 && slices.ContainsFunc(ws[k:e], func(w dword) bool { return w.title }) {
			out = append(out, wspan{k, e})
		}
		k = e
	}
	return out
}

// mergePersons joins overlapping finds, and finds next to each other with
// only spaces between, so "Nimal Perera" wins over the "Perera" the article
// also names.
func mergePersons(ws []dword, ps []wspan) []wspan {
	if len(ps) < 2 {
		return ps
	}
	slices.SortFunc(ps, func(x, y wspan) int { return x.a - y.a })
	out := ps[:1]
	for _, p := range ps[1:] {
		last := &out[len(out)-1]
		if p.a < last.b || p.a == last.b && ws[p.a].spaced {
			last.b = max(last.b, p.b)
			continue
		}
		out = append(out, p)
	}
	return out
}

func determiner(w string) bool {
	return w == "the" || w == "this" || w == "that" || w == "our" || w == "your"
}

// nameWord reports whether w can be the name after a title. Capitalised
// words can; after Mr, Dr and the like (loose) so can a lower-case word, and
// after a title in capitals, a word in capitals. Sinhala and Tamil have no
// capitals, so any word of theirs can.
func (c *Checker) nameWord(w dword, loose, shouting bool) bool {
	if c.notName(w.low) {
		return false
	}
	return w.title || w.initial || caseless(w) || shouting && w.upper ||
		loose && len(w.low) >= 3 && isAlpha(w.low)
}

// runWord reports a word that can be part of a run of capitalised names.
func (c *Checker) runWord(w dword) bool {
	return (w.title || w.initial) && !c.notName(w.low)
}

// notName reports words that are never part of a person's name.
func (c *Checker) notName(low string) bool {
	return c.lex.notNames[low] || c.lex.titles.has(low) || c.lex.roles.has(low) ||
		c.lex.accuse.has(low) || c.lex.pronouns.has(low)
}

// caseless reports a word in a script without capitals, such as Sinhala
// or Tamil.
func caseless(w dword) bool {
	for _, r := range w.low {
		return isLetterOrMark(r) && r >= 0x0370 && !hasCase(r)
	}
	return false
}

func hasCase(r rune) bool { return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) }

func isAlpha(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// articlePeople is who the article names.
type articlePeople struct {
	any   bool            // the article names at least one person
	names map[string]bool // the words of their names, folded
}

// articlePeople finds the people article names, the way persons finds
// them in a comment.
func (c *Checker) articlePeople(article string) *articlePeople {
	ap := &articlePeople{names: map[string]bool{}}
	if article == "" {
		return ap
	}
	v := newView(article)
	ws := c.splitWords(&v)
	for a := 0; a < len(ws); {
		b := a + 1
		for b < len(ws) && !ws[b].breakBefore {
			b++
		}
		for _, p := range c.persons(ws, a, b, nil) {
			for _, w := range ws[p.a:p.b] {
				if c.lex.offices.has(w.low) || c.lex.honorifics.has(w.low) || determiner(w.low) || c.notName(w.low) {
					continue
				}
				ap.any = true
				if len([]rune(w.low)) >= 3 {
					ap.names[w.low] = true
				}
			}
		}
		a = b
	}
	return ap
}
