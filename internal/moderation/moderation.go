// Package moderation checks reader comments against the site's posted
// guidelines: nothing obscene, no links to other websites, no comments in
// capital letters, nothing that accuses a named person of a crime, no spam.
//
// The checks are deliberately mechanical and explainable: each problem is a
// Finding that quotes the text that triggered it, so a moderator can see why
// a comment was held, and a reader why it was refused. The package does no
// I/O; the caller measures what only it can (time on the form, duplicates,
// the visitor's recent comments) and passes it in.
//
// Comments are normalised before matching: compatibility forms (fullwidth,
// mathematical and circled letters), accents, zero-width characters, bidi
// controls and Cyrillic or Greek look-alikes are undone, so disguises do not
// slip past. Offsets still refer to the comment as written, counted in
// runes; invalid UTF-8 counts as one U+FFFD rune per bad byte, as in
// []rune(body).
package moderation

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Rule names one of the guidelines.
type Rule string

// The guidelines a comment is checked against.
const (
	Obscene        Rule = "obscene"
	OutsideLink    Rule = "outside-link"
	AllCaps        Rule = "all-caps"
	DefamationRisk Rule = "defamation-risk"
	Spam           Rule = "spam"
)

// Rules lists every rule, in the order the moderator screens show them.
var Rules = []Rule{Obscene, OutsideLink, AllCaps, DefamationRisk, Spam}

// Action is what happens to a comment.
type Action string

// Actions, weakest first.
const (
	Allow  Action = "allow"  // publish
	Hold   Action = "hold"   // wait for a moderator
	Reject Action = "reject" // refuse, telling the reader why
)

func (a Action) strength() int {
	switch a {
	case Allow:
		return 0
	case Reject:
		return 2
	}
	return 1
}

// Finding is one guideline problem in a comment.
type Finding struct {
	Rule   Rule   `json:"rule"`
	Match  string `json:"match"`  // the text that triggered it, as written
	Start  int    `json:"start"`  // offsets in Unicode code points (runes) into the body; for spam signals without a span, 0 and 0
	End    int    `json:"end"`    //
	Action Action `json:"action"` // what the policy does about it
	Reason string `json:"reason"` // a sentence for the reader or moderator
}

// Policy says what each rule does.
type Policy struct {
	Actions map[Rule]Action
}

// DefaultPolicy rejects obscenity and spam and holds everything else for a
// moderator: a link or a comment in capitals may be fine, and whether a
// comment defames someone is for a person to judge.
func DefaultPolicy() Policy {
	return Policy{Actions: map[Rule]Action{
		Obscene:        Reject,
		OutsideLink:    Hold,
		AllCaps:        Hold,
		DefamationRisk: Hold,
		Spam:           Reject,
	}}
}

// action returns what p does about r. A rule missing from p takes the
// default; an unknown action holds, so a typo in a policy never publishes.
func (p Policy) action(r Rule) Action {
	a, ok := p.Actions[r]
	if !ok {
		return DefaultPolicy().Actions[r]
	}
	switch a {
	case Allow, Hold, Reject:
		return a
	}
	return Hold
}

// Input is a comment and the signals about it that the caller measured.
type Input struct {
	Body              string
	Name              string        // display name, also checked for obscenity and links
	Lang              string        // "en", "si", "ta"; every language's lists apply to every edition, since readers mix them
	ArticleText       string        // headline + body of the article, to know which people it names
	Honeypot          string        // a hidden form field; anything in it is spam
	Elapsed           time.Duration // from form shown to sent; 0 = unknown (API clients); under 3 s for a body over 20 characters is spam
	DuplicateRecent   bool          // the same text was posted in the last 10 minutes (caller checks the store)
	RecentFromVisitor int           // comments from this visitor/IP in the last 10 minutes, not counting this one; 5 or more is a burst (spam)
}

// Checker holds compiled word lists. Safe for concurrent use after New.
type Checker struct {
	site  string // the site's own host, lower case, without "www."
	words trie   // obscene words of every language
	lex   defamationLex
}

// New builds a Checker for a site whose own host is siteHost (links to it,
// or its subdomains, are fine). extra adds obscene words per language
// (admins extend the lists in the newsroom); an entry ending in * also
// matches every word that starts with it.
func New(siteHost string, extra map[string][]string) *Checker {
	c := &Checker{site: siteName(siteHost), lex: newDefamationLex()}
	for _, list := range []string{obsceneEnglish, obsceneSinhala, obsceneTamil} {
		for _, w := range lexWords(list) {
			c.words.add(w)
		}
	}
	langs := make([]string, 0, len(extra))
	for lang := range extra {
		langs = append(langs, lang)
	}
	slices.Sort(langs) // the trie is the same whatever the map order
	for _, lang := range langs {
		for _, w := range extra[lang] {
			c.words.add(strings.TrimSpace(w))
		}
	}
	return c
}

// siteName reduces a configured host ("https://www.Dateline.lk:443/") to
// the name links are compared with ("dateline.lk").
func siteName(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if i := strings.Index(h, "://"); i >= 0 {
		h = h[i+3:]
	}
	h = hostOf(authority(h))
	return strings.TrimPrefix(h, "www.")
}

// Reasons shown to readers and moderators.
const (
	reasonObscene     = "Obscene or abusive language is not allowed."
	reasonLink        = "Links to other websites are not allowed."
	reasonCaps        = "Comments written in capital letters are not allowed."
	reasonNameObscene = "The display name contains obscene or abusive language."
	reasonNameLink    = "The display name contains a link to another website."
	reasonRepeatRun   = "The comment repeats the same characters over and over."
	reasonRepeatWord  = "The comment repeats the same word over and over."
)

// found is a finding on its way out; signals have no span and sort last.
type found struct {
	Finding
	signal bool
}

// Check runs every rule and returns the findings in order of position
// (signals last) and the strongest action among them (Allow when none).
func (c *Checker) Check(in Input, p Policy) (Action, []Finding) {
	v := newView(in.Body)
	var fs []found
	at := func(rule Rule, sp span, reason string) {
		start, end, text := v.span(sp.s, sp.e)
		fs = append(fs, found{Finding: Finding{Rule: rule, Match: text, Start: start, End: end, Reason: reason}})
	}
	signal := func(rule Rule, match, reason string) {
		fs = append(fs, found{Finding: Finding{Rule: rule, Match: match, Reason: reason}, signal: true})
	}

	for _, sp := range c.findObscene(&v) {
		at(Obscene, sp, reasonObscene)
	}
	links := c.findLinks(&v)
	for _, sp := range links {
		at(OutsideLink, sp, reasonLink)
	}
	if allCaps(&v) {
		fs = append(fs, found{Finding: Finding{Rule: AllCaps, Match: string(v.runes), Start: 0, End: len(v.runes), Reason: reasonCaps}})
	}
	words := c.splitWords(&v)
	for _, acc := range c.findDefamation(words, in.ArticleText) {
		_, _, who := v.span(acc.person.s, acc.person.e)
		_, _, what := v.span(acc.term.s, acc.term.e)
		at(DefamationRisk, acc.sp, "legal risk: the comment appears to accuse "+quote(who)+" of a crime ("+quote(what)+"); a moderator must check it before it is published.")
	}
	repeats := repeatedWords(words)
	for _, sp := range repeats {
		at(Spam, sp, reasonRepeatWord)
	}
	for _, sp := range repeatedRuns(&v) {
		if !slices.ContainsFunc(repeats, func(r span) bool { return r.s < sp.e && sp.s < r.e }) {
			at(Spam, sp, reasonRepeatRun)
		}
	}
	for _, s := range spamSignals(in, len(v.runes), linkShare(&v, links)) {
		signal(Spam, s.match, s.reason)
	}
	if in.Name != "" {
		name := newView(in.Name)
		for _, sp := range c.findObscene(&name) {
			_, _, text := name.span(sp.s, sp.e)
			signal(Obscene, text, reasonNameObscene)
		}
		for _, sp := range c.findLinks(&name) {
			_, _, text := name.span(sp.s, sp.e)
			signal(OutsideLink, text, reasonNameLink)
		}
	}

	rank := func(r Rule) int { return slices.Index(Rules, r) }
	slices.SortStableFunc(fs, func(a, b found) int {
		if a.signal != b.signal {
			if a.signal {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(rank(a.Rule), rank(b.Rule)))
	})
	action := Allow
	out := make([]Finding, len(fs))
	for k, f := range fs {
		f.Action = p.action(f.Rule)
		if f.Action.strength() > action.strength() {
			action = f.Action
		}
		out[k] = f.Finding
	}
	if len(out) == 0 {
		return Allow, nil
	}
	return action, out
}

// quote puts a short piece of the comment in quotation marks for a reason,
// cutting long ones.
func quote(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "…"
	}
	return "“" + s + "”"
}
