package moderation

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// trie holds the obscene-word lists of every language, folded the way
// newView folds a comment. An entry may be a phrase; its words are joined by
// ' ' edges.
type trie struct {
	nodes    []trieNode
	maxWords int // the most words in one entry
}

type trieNode struct {
	edges []trieEdge
	end   bool // an entry ends here; the comment's word must end here too
	stem  bool // an entry written "word*" ends here: any letters may follow
}

type trieEdge struct {
	r  rune
	to int32
}

// Limits that keep hostile input linear: a token longer than maxTokenRunes
// is not a word anyone reads (the spam rule catches it), and a wildcard-heavy
// token cannot spread the walk over more than maxStates nodes.
const (
	maxTokenRunes = 256
	maxStates     = 256
)

// add puts one list entry into the trie. A trailing * makes it a stem.
// Punctuation inside an entry separates words, so "son-of-a-bitch" is the
// phrase "son of a bitch" and matches however the comment punctuates it;
// digits and symbols read as the letters they imitate, so an admin who types
// "sh1t" adds "shit". Entries shorter than two letters are ignored: they
// would match initials and list markers.
func (t *trie) add(entry string) {
	stem := strings.HasSuffix(entry, "*")
	entry = strings.TrimRight(entry, "*")
	var words [][]rune
	var word []rune
	letters := 0
	for _, r := range foldString(entry) {
		if a, _ := leetAlts(r); a != r {
			r = a
		}
		if !isLetterOrMark(r) {
			if len(word) > 0 {
				words = append(words, word)
				word = nil
			}
			continue
		}
		if unicode.IsLetter(r) {
			letters++
		}
		word = append(word, r)
	}
	if len(word) > 0 {
		words = append(words, word)
	}
	if letters < 2 {
		return
	}
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, trieNode{})
	}
	n := int32(0)
	for k, w := range words {
		if k > 0 {
			n = t.child(n, ' ')
		}
		for _, r := range w {
			n = t.child(n, r)
		}
	}
	if stem {
		t.nodes[n].stem = true
	} else {
		t.nodes[n].end = true
	}
	t.maxWords = max(t.maxWords, len(words))
}

// child returns the node reached from n by r, creating it if needed.
func (t *trie) child(n int32, r rune) int32 {
	if to := t.next(n, r); to >= 0 {
		return to
	}
	t.nodes = append(t.nodes, trieNode{})
	to := int32(len(t.nodes) - 1)
	t.nodes[n].edges = append(t.nodes[n].edges, trieEdge{r, to})
	return to
}

func (t *trie) next(n int32, r rune) int32 {
	for _, e := range t.nodes[n].edges {
		if e.r == r {
			return e.to
		}
	}
	return -1
}

// leetAlts gives the letters a digit or symbol stands for in disguised
// spelling; b is 0 when there is only one. Other runes stand for themselves.
func leetAlts(r rune) (a, b rune) {
	switch r {
	case '0':
		return 'o', 0
	case '1', '!':
		return 'i', 'l'
	case '|':
		return 'l', 'i'
	case '3':
		return 'e', 0
	case '4', '@':
		return 'a', 0
	case '5', '$':
		return 's', 0
	case '7':
		return 't', 0
	}
	return r, 0
}

// isWildcard reports the masking symbols that stand for any one letter:
// "f*ck", "sh#t".
func isWildcard(r rune) bool { return r == '*' || r == '#' }

// matcher is the scratch space of one walk through the trie, reused between
// tokens of one comment.
type matcher struct{ cur, nxt []int32 }

// match reports how many of toks, from the first, spell a listed entry, or 0
// when they do not. A token matches an entry when it spells it letter for
// letter, where a leet symbol may stand for its letter, a wildcard for any
// letter, and any letter may be repeated ("fuuuuck", "a$$$"); repeats are
// absorbed rather than collapsed, so "ass" needs two s's and "as" stays
// innocent. The whole token must match unless the entry is a stem.
func (t *trie) match(m *matcher, toks []otok) int {
	if len(t.nodes) == 0 {
		return 0
	}
	m.cur = append(m.cur[:0], 0)
	for k := 0; k < len(toks) && k < t.maxWords; k++ {
		if k > 0 {
			m.nxt = m.nxt[:0]
			for _, s := range m.cur {
				if to := t.next(s, ' '); to >= 0 {
					m.nxt = addState(m.nxt, to)
				}
			}
			m.cur, m.nxt = m.nxt, m.cur
			if len(m.cur) == 0 {
				return 0
			}
		}
		chars := toks[k].chars
		if len(chars) > maxTokenRunes {
			return 0
		}
		prev := rune(-1)
		for _, c := range chars {
			m.nxt = m.nxt[:0]
			for _, s := range m.cur {
				if c == prev {
					m.nxt = addState(m.nxt, s)
				}
				if isWildcard(c) {
					for _, e := range t.nodes[s].edges {
						if e.r != ' ' {
							m.nxt = addState(m.nxt, e.to)
						}
					}
					continue
				}
				a, b := leetAlts(c)
				if to := t.next(s, a); to >= 0 {
					m.nxt = addState(m.nxt, to)
				}
				if b != 0 {
					if to := t.next(s, b); to >= 0 {
						m.nxt = addState(m.nxt, to)
					}
				}
			}
			m.cur, m.nxt = m.nxt, m.cur
			if len(m.cur) == 0 {
				return 0
			}
			for _, s := range m.cur {
				if t.nodes[s].stem {
					return k + 1
				}
			}
			prev = c
		}
		for _, s := range m.cur {
			if t.nodes[s].end {
				return k + 1
			}
		}
	}
	return 0
}

func addState(set []int32, s int32) []int32 {
	if len(set) >= maxStates {
		return set
	}
	for _, x := range set {
		if x == s {
			return set
		}
	}
	return append(set, s)
}

// phraseList is a list of words or phrases looked up by a comment's words,
// used for accusations, roles, titles and pronouns. An entry ending in *
// matches any word starting with it, which suits Sinhala and Tamil, where
// one stem takes many endings.
type phraseList struct {
	exact map[string][]phrase // by first word
	stems map[rune][]phrase   // one-word stems, by first rune
}

type phrase struct {
	words []string // folded; the last may be a stem
	stem  bool     // the last word is a stem
	tag   string   // what the list file says about the entry, e.g. "verb"
}

// newPhraseList builds a list from entries of the form "words [| tag]".
func newPhraseList(entries ...[]string) phraseList {
	l := phraseList{exact: map[string][]phrase{}, stems: map[rune][]phrase{}}
	for _, list := range entries {
		for _, e := range list {
			tag := ""
			if i := strings.IndexByte(e, '|'); i >= 0 {
				e, tag = e[:i], strings.TrimSpace(e[i+1:])
			}
			e = strings.TrimSpace(e)
			stem := strings.HasSuffix(e, "*")
			e = strings.TrimRight(e, "*")
			var words []string
			for _, w := range strings.Fields(e) {
				words = append(words, string(foldString(w)))
			}
			if len(words) == 0 {
				continue
			}
			p := phrase{words: words, stem: stem, tag: tag}
			if stem && len(words) == 1 {
				r, _ := utf8.DecodeRuneInString(words[0])
				l.stems[r] = append(l.stems[r], p)
				continue
			}
			l.exact[words[0]] = append(l.exact[words[0]], p)
		}
	}
	return l
}

// at reports the longest entry that starts at words[i], with the number of
// words it covers (0 when none).
func (l *phraseList) at(words []dword, i int) (phrase, int) {
	var best phrase
	n := 0
	for _, p := range l.exact[words[i].low] {
		if k := p.matchAt(words, i); k > n {
			best, n = p, k
		}
	}
	if n > 0 {
		return best, n
	}
	if p, ok := l.stem(words[i].low); ok {
		return p, 1
	}
	return best, 0
}

func (p phrase) matchAt(words []dword, i int) int {
	if i+len(p.words) > len(words) {
		return 0
	}
	for k, w := range p.words {
		got := words[i+k].low
		last := k == len(p.words)-1
		if last && p.stem {
			if !strings.HasPrefix(got, w) {
				return 0
			}
		} else if got != w {
			return 0
		}
		if k > 0 && words[i+k].breakBefore {
			return 0
		}
	}
	return len(p.words)
}

// has reports whether a single word is on the list.
func (l *phraseList) has(low string) bool {
	for _, p := range l.exact[low] {
		if len(p.words) == 1 {
			return true
		}
	}
	_, ok := l.stem(low)
	return ok
}

// stem returns the one-word stem entry that low starts with.
func (l *phraseList) stem(low string) (phrase, bool) {
	r, _ := utf8.DecodeRuneInString(low)
	for _, p := range l.stems[r] {
		if strings.HasPrefix(low, p.words[0]) {
			return p, true
		}
	}
	return phrase{}, false
}
