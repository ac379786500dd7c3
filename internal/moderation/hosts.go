package moderation

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/publicsuffix"
)

// scanHosts finds host names written without a scheme: "example.com",
// "www.example.com/page", "news.example.co.uk", "someone@example.com",
// "203.0.113.9/login", and the shorteners. A bare word.word counts only when
// the last part is a real public suffix and the part before it looks like a
// name, which keeps "e.g.", "U.S.", "Rs.1,500", "3.5%" and "Mr.Smith" prose.
func (c *Checker) scanHosts(v *view, l []lrune, hits []span) []span {
	for i := 0; i < len(l); {
		if !hostRune(l[i].r) {
			i++
			continue
		}
		j := i
		for j < len(l) && hostRune(l[j].r) {
			j++
		}
		// "wait...what" and "etc..example.com": a run of dots splits a run
		for s := i; s < j; {
			e := s
			for e < j && !(l[e].r == '.' && e+1 < j && l[e+1].r == '.') {
				e++
			}
			if h, ok := c.bareHost(v, l, s, e); ok {
				hits = append(hits, h)
			}
			for e < j && l[e].r == '.' {
				e++
			}
			s = e
		}
		i = j
	}
	return hits
}

func hostRune(r rune) bool {
	return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '.' || r == '-'
}

// bareHost judges the run l[s:e] of letters, digits, dots and hyphens.
func (c *Checker) bareHost(v *view, l []lrune, s, e int) (span, bool) {
	for s < e && (l[s].r == '.' || l[s].r == '-') {
		s++
	}
	for e > s && (l[e-1].r == '.' || l[e-1].r == '-') {
		e--
	}
	var dots []int
	for k := s; k < e; k++ {
		if l[k].r == '.' {
			dots = append(dots, k)
		}
	}
	if len(dots) == 0 {
		return span{}, false
	}
	start := s
	email := false
	if s > 1 && l[s-1].r == '@' && localRune(l[s-2].r) {
		email = true
		start = s - 1
		for start > 0 && localRune(l[start-1].r) {
			start--
		}
	}
	// Try the whole run, then shorter hosts when the last dot may end a
	// sentence rather than join a host: "example.com.Then" or "example.com. next".
	for n := len(dots); n >= 1; n-- {
		end := e
		if n < len(dots) {
			end = dots[n]
		}
		full := end == e
		path := full && e < len(l) && (l[e].r == '/' || l[e].r == ':' && e+1 < len(l) && '0' <= l[e+1].r && l[e+1].r <= '9')
		host := runesOf(l[s:end])
		last := dots[n-1]
		weak := false
		for _, d := range dots[:n] {
			weak = weak || l[d].weak
		}
		labels := strings.Split(host, ".")
		evidence := email || path || labels[0] == "www" && len(labels) >= 3
		sentence := sentenceBreak(v, l, last)
		// "Great job. Net result": a full stop, a space and a capital start
		// a sentence, whatever the next word is.
		newSentence := sentence && l[last].weak && slices.Contains(v.fold[l[last].s:l[last].e], '.')
		if !newSentence && plausibleHost(labels, weak, sentence, evidence) {
			if !c.external(realText(v, l[s:end])) {
				return span{}, false
			}
			if path {
				end = urlEnd(l, start, e)
			}
			return span{start, end}, true
		}
		if n == 1 || !(l[last].weak || sentence) {
			break
		}
	}
	return span{}, false
}

// localRune reports the characters of the part of an e-mail address before @.
func localRune(r rune) bool {
	return hostRune(r) || r == '_' || r == '+' || r == '%'
}

// sentenceBreak reports a dot that reads as a missing space after a full
// stop: lower-case letter, dot, capital, lower-case ("stop.Like this").
func sentenceBreak(v *view, l []lrune, dot int) bool {
	if dot == 0 || dot+2 >= len(l) {
		return false
	}
	before, after, next := v.cased[l[dot-1].s], v.cased[l[dot+1].s], v.cased[l[dot+2].s]
	return unicode.IsLower(before) && unicode.IsUpper(after) && unicode.IsLower(next)
}

// plausibleHost decides whether labels name a host someone could visit.
// evidence is anything besides the name itself that says "link": a path or
// port, an @ before it, or a leading www.
func plausibleHost(labels []string, weak, sentence, evidence bool) bool {
	for _, lb := range labels {
		if lb == "" || len(lb) > 63 || lb[0] == '-' || lb[len(lb)-1] == '-' {
			return false
		}
	}
	host := strings.Join(labels, ".")
	if isIPv4(labels) {
		return evidence
	}
	tld := labels[len(labels)-1]
	if !strings.HasPrefix(tld, "xn--") && strings.IndexFunc(tld, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return false
	}
	if shortener(host) {
		return true
	}
	ps, icann := publicsuffix.PublicSuffix(host)
	if !(icann || strings.Contains(ps, ".")) || len(ps) >= len(host) {
		return false
	}
	name := labels[len(labels)-2-strings.Count(ps, ".")]
	if len(name) < 2 || strings.IndexFunc(name, func(r rune) bool { return 'a' <= r && r <= 'z' }) < 0 {
		return false
	}
	second := strings.Contains(ps, ".") // co.uk, com.lk
	switch {
	case weak && !disguiseTLD(tld) && !second:
		// "example dot com" yes, "big dot in" and "well done. me too" no
		return false
	case evidence:
		return true
	case !linkTLD(tld) && len(tld) != 2 && !second && !strings.HasPrefix(tld, "xn--"):
		// newer suffixes are often English words: "stop.like", "file.zip"
		return false
	case sentence && tld != "com" && tld != "lk" && tld != "net" && tld != "org":
		return false
	}
	return true
}

// linkTLD lists the generic suffixes that, written after a dot, almost
// always mean a website rather than the next word of a sentence.
func linkTLD(tld string) bool {
	switch tld {
	case "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "xyz", "top",
		"online", "site", "club", "shop", "store", "app", "dev", "blog", "news", "live",
		"link", "click", "icu", "vip", "pro", "tech", "website", "cloud", "lk", "io", "co",
		"me", "tv", "ly", "cc":
		return true
	}
	return false
}

// disguiseTLD lists the suffixes people spell out to get a link past a
// filter ("example dot com", "example . lk"). It is kept short because a
// spelled-out or spaced dot is also how sentences run together.
func disguiseTLD(tld string) bool {
	switch tld {
	case "com", "net", "org", "lk", "info", "biz", "xyz":
		return true
	}
	return false
}

// shortener reports URL shorteners, whose one-letter names would otherwise
// fail the plausibility test.
func shortener(host string) bool {
	switch host {
	case "bit.ly", "bitly.com", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "v.gd",
		"buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "s.id",
		"t.ly", "lnkd.in", "youtu.be", "wa.me", "t.me", "tr.im", "bl.ink", "short.io",
		"shorte.st", "adf.ly", "cli.re", "qr.ae":
		return true
	}
	return false
}

func isIPv4(labels []string) bool {
	if len(labels) != 4 {
		return false
	}
	for _, lb := range labels {
		n, err := strconv.Atoi(lb)
		if err != nil || n < 0 || n > 255 || len(lb) > 3 {
			return false
		}
	}
	return true
}
