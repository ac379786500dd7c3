package moderation

import (
	"fmt"
	"time"
	"unicode"
)

// Spam thresholds.
const (
	minHumanTime  = 3 * time.Second // sent faster than this, a comment was not typed...
	minTypedRunes = 21              // ...unless it is this short ("Well said!")
	burstComments = 5               // earlier comments in ten minutes that make a burst
	repeatRunes   = 40              // a run of one character, or of a unit of up to maxRepeatUnit
	maxRepeatUnit = 4               // "haha", "lol "
	repeatWords   = 10              // the same word this many times in a row
	maxLinkShare  = 0.5             // share of the comment inside links
)

// spamSignal is a finding about how the comment was sent, with no span.
type spamSignal struct {
	match, reason string
}

// spamSignals turns what the caller measured into signals. linkShare is the
// part of the body's visible characters that lie inside outside links.
func spamSignals(in Input, bodyRunes int, linkShare float64) []spamSignal {
	var out []spamSignal
	if in.Honeypot != "" {
		out = append(out, spamSignal{"hidden field filled",
			"A form field that people cannot see was filled in, which only automated programs do."})
	}
	if in.Elapsed > 0 && in.Elapsed < minHumanTime && bodyRunes >= minTypedRunes {
		out = append(out, spamSignal{fmt.Sprintf("sent %.1f s after the form opened", in.Elapsed.Seconds()),
			"The comment was sent too soon after the form opened to have been typed."})
	}
	if in.DuplicateRecent {
		out = append(out, spamSignal{"same text posted in the last 10 minutes",
			"The same comment was posted a few minutes ago."})
	}
	if in.RecentFromVisitor >= burstComments {
		out = append(out, spamSignal{fmt.Sprintf("%d earlier comments from this visitor in the last 10 minutes", in.RecentFromVisitor),
			"Too many comments from the same visitor in a short time."})
	}
	if linkShare > maxLinkShare {
		out = append(out, spamSignal{fmt.Sprintf("%.0f%% of the comment is links", linkShare*100),
			"The comment is mostly links."})
	}
	return out
}

// linkShare is the part of the body's words (runs of non-space characters)
// that start inside a link. Counting words, not characters, keeps one long
// source URL under a short remark from making the comment "mostly links".
func linkShare(v *view, links []span) float64 {
	if len(links) == 0 {
		return 0
	}
	words, inside := 0, 0
	k := 0
	for i := 0; i < len(v.cased); i++ {
		if unicode.IsSpace(v.cased[i]) || i > 0 && !unicode.IsSpace(v.cased[i-1]) {
			continue
		}
		words++
		for k < len(links) && links[k].e <= i {
			k++
		}
		if k < len(links) && links[k].s <= i {
			inside++
		}
	}
	return float64(inside) / float64(max(words, 1))
}

// repeatedRuns finds stretches of at least repeatRunes characters made of
// one short unit over and over: "!!!!!!…", "aaaa…", "hahahaha…". Runs of
// spaces are layout, not spam.
func repeatedRuns(v *view) []span {
	cs := v.cased
	var out []span
	for k := 1; k <= maxRepeatUnit; k++ {
		run := 0
		for i := k; i <= len(cs); i++ {
			if i < len(cs) && cs[i] == cs[i-k] {
				run++
				continue
			}
			if start := i - run - k; run+k >= repeatRunes && !allSpace(cs[start:start+k]) {
				out = append(out, span{start, i})
			}
			run = 0
		}
	}
	if len(out) == 0 {
		return nil
	}
	return mergeSpans(out)
}

func allSpace(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// repeatedWords finds the same word written repeatWords or more times in a
// row, whatever the punctuation between.
func repeatedWords(ws []dword) []span {
	var out []span
	for a := 0; a < len(ws); {
		b := a + 1
		for b < len(ws) && ws[b].low == ws[a].low {
			b++
		}
		if b-a >= repeatWords {
			out = append(out, span{ws[a].s, ws[b-1].e})
		}
		a = b
	}
	return out
}
