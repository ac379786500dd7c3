package moderation

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/publicsuffix"
)

// findLinks returns the view spans of links to other websites in v: URLs
// with a scheme, www. and bare domains, e-mail addresses, IP addresses with a
// path, HTML anchors, Markdown and BBCode links, each however disguised.
func (c *Checker) findLinks(v *view) []span {
	l := linkView(v.fold)
	var hits []span // ranges of l
	hits = c.scanMarkup(v, l, hits)
	hits = c.scanSchemes(v, l, hits)
	hits = c.scanHosts(v, l, hits)
	if len(hits) == 0 {
		return nil
	}
	out := make([]span, len(hits))
	for k, h := range hits {
		out[k] = span{int(l[h.s].s), int(l[h.e-1].e)}
	}
	return mergeSpans(out)
}

// mergeSpans sorts spans and joins the ones that overlap.
func mergeSpans(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int { return a.s - b.s })
	out := spans[:1]
	for _, sp := range spans[1:] {
		last := &out[len(out)-1]
		if sp.s < last.e {
			last.e = max(last.e, sp.e)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// external reports whether host belongs to another website. A host without
// a letter or digit ("//" alone, "http://-/") names no website at all.
func (c *Checker) external(host string) bool {
	host = strings.TrimSuffix(host, ".")
	if !hasAlnum(host) {
		return false
	}
	if c.site == "" {
		return true
	}
	return host != c.site && !strings.HasSuffix(host, "."+c.site)
}

// scanSchemes finds "scheme://host" URLs. Every "://" is tried, so a link
// hidden in the query string of one of the site's own URLs is still found.
func (c *Checker) scanSchemes(v *view, l []lrune, hits []span) []span {
	for p := 0; p+2 < len(l); p++ {
		if l[p].r != ':' || !isSlash(l[p+1].r) || !isSlash(l[p+2].r) {
			continue
		}
		s := p
		for s > 0 && p-s < 16 && isSchemeRune(l[s-1].r) {
			s--
		}
		h := p + 3
		for h < len(l) && isSlash(l[h].r) {
			h++
		}
		a := h
		for a < len(l) && !authorityEnd(l[a].r) {
			a++
		}
		host := hostOf(realText(v, l[h:a]))
		if !hasAlnum(host) {
			continue
		}
		if c.external(host) {
			hits = append(hits, span{s, urlEnd(l, s, a)})
		}
	}
	return hits
}

func isSlash(r rune) bool { return r == '/' || r == '\\' }

func isSchemeRune(r rune) bool {
	return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '+' || r == '-' || r == '.'
}

func authorityEnd(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("/?#\\<>\"'`()[]{}|", r)
}

// hostOf takes the host out of a URL authority: no user, no port.
func hostOf(auth string) string {
	if i := strings.LastIndexByte(auth, '@'); i >= 0 {
		auth = auth[i+1:]
	}
	if i := strings.IndexByte(auth, ':'); i >= 0 {
		auth = auth[:i]
	}
	return strings.TrimSuffix(auth, ".")
}

// urlEnd returns where a URL starting at s, whose authority ends at a, ends:
// at a space, quote or angle bracket, less trailing punctuation and any
// closing bracket that the URL did not open.
func urlEnd(l []lrune, s, a int) int {
	e := a
	for e < len(l) && !unicode.IsSpace(l[e].r) && !strings.ContainsRune("<>\"'`[]", l[e].r) {
		e++
	}
	for e > a {
		r := l[e-1].r
		switch {
		case strings.ContainsRune(".,;:!?", r):
			e--
			continue
		case r == ')' && count(l[s:e], '(') < count(l[s:e], ')'):
			e--
			continue
		case r == '}':
			e--
			continue
		}
		break
	}
	return e
}

func count(l []lrune, r rune) int {
	n := 0
	for _, x := range l {
		if x.r == r {
			n++
		}
	}
	return n
}

// realText is the link-view text with letters as the comment wrote them,
// lower-cased but with look-alikes left alone: "dаteline.lk" with a Cyrillic
// а is somebody else's site, not ours. Undone disguises stay undone.
func realText(v *view, l []lrune) string {
	rs := make([]rune, len(l))
	for k, x := range l {
		rs[k] = x.r
		if x.e-x.s == 1 && x.r == v.fold[x.s] && unicode.IsLetter(x.r) {
			rs[k] = unicode.ToLower(v.cased[x.s])
		}
	}
	return string(rs)
}

func runesOf(l []lrune) string {
	rs := make([]rune, len(l))
	for k, x := range l {
		rs[k] = x.r
	}
	return string(rs)
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// scanMarkup finds links written as markup: HTML anchors, Markdown links
// and images, and BBCode [url] tags. The whole construct is the match.
func (c *Checker) scanMarkup(v *view, l []lrune, hits []span) []span {
	for i := 0; i < len(l); i++ {
		switch {
		case l[i].r == '<' && i+2 < len(l) && l[i+1].r == 'a' && unicode.IsSpace(l[i+2].r):
			if e, ok := c.anchor(v, l, i); ok {
				hits = append(hits, span{i, e})
			}
		case l[i].r == '[' && hasLPrefix(l, i+1, "url"):
			if e, ok := c.bbcode(v, l, i); ok {
				hits = append(hits, span{i, e})
			}
		case l[i].r == ']' && i+1 < len(l) && l[i+1].r == '(':
			if s, e, ok := c.markdown(v, l, i); ok {
				hits = append(hits, span{s, e})
			}
		}
	}
	return hits
}

// anchor reads <a ... href=...>...</a> starting at l[i].
func (c *Checker) anchor(v *view, l []lrune, i int) (int, bool) {
	gt := indexL(l, i, i+1024, '>')
	if gt < 0 {
		return 0, false
	}
	tag := realText(v, l[i:gt])
	k := strings.Index(tag, "href")
	if k < 0 {
		return 0, false
	}
	val := strings.TrimLeft(tag[k+4:], " \t\n")
	if !strings.HasPrefix(val, "=") {
		return 0, false
	}
	val = strings.TrimLeft(val[1:], " \t\n")
	if val != "" && (val[0] == '"' || val[0] == '\'') {
		if q := strings.IndexByte(val[1:], val[0]); q >= 0 {
			val = val[1 : q+1]
		} else {
			val = val[1:]
		}
	} else if f := strings.Fields(val); len(f) > 0 {
		val = f[0]
	}
	if !c.externalTarget(val) {
		return 0, false
	}
	end := gt + 1
	for k := end; k+3 < len(l) && k < end+2048; k++ {
		if hasLPrefix(l, k, "</a>") {
			return k + 4, true
		}
	}
	return end, true
}

// bbcode reads [url=X]text[/url] or [url]X[/url] starting at l[i].
func (c *Checker) bbcode(v *view, l []lrune, i int) (int, bool) {
	close := indexL(l, i, i+2048, ']')
	if close < 0 {
		return 0, false
	}
	end := close + 1
	var target string
	for k := end; k < len(l) && k < end+2048; k++ {
		if hasLPrefix(l, k, "[/url]") {
			if i+4 == close {
				target = realText(v, l[close+1:k])
			}
			end = k + 6
			break
		}
	}
	if i+4 < close && l[i+4].r == '=' {
		target = realText(v, l[i+5:close])
	}
	if !c.externalTarget(target) {
		return 0, false
	}
	return end, true
}

// markdown reads [text](url) or ![alt](url) whose "](" is at l[i].
func (c *Checker) markdown(v *view, l []lrune, i int) (s, e int, ok bool) {
	s = -1
	for k := i - 1; k >= 0 && k >= i-500; k-- {
		if l[k].r == '[' {
			s = k
			break
		}
		if l[k].r == '\n' || l[k].r == ']' {
			break
		}
	}
	closing := indexL(l, i+2, i+2+2048, ')')
	if s < 0 || closing < 0 {
		return 0, 0, false
	}
	target := strings.TrimSpace(realText(v, l[i+2:closing]))
	if f := strings.Fields(target); len(f) > 0 {
		target = f[0] // [text](url "title")
	}
	if !c.externalTarget(target) {
		return 0, 0, false
	}
	if s > 0 && l[s-1].r == '!' {
		s--
	}
	return s, closing + 1, true
}

// externalTarget reports whether the target of a markup link leaves the
// site. Relative links stay; scripts and data URLs count as outside links,
// since they are never an honest part of a comment.
func (c *Checker) externalTarget(t string) bool {
	t = strings.Trim(strings.TrimSpace(t), "\"'")
	switch {
	case t == "":
		return false
	case strings.HasPrefix(t, "//") || strings.HasPrefix(t, `\\`):
		return c.external(hostOf(authority(t[2:])))
	case t[0] == '/' || t[0] == '#' || t[0] == '?' || t[0] == '.':
		return false
	}
	if i := strings.IndexByte(t, ':'); i > 0 && !strings.Contains(t[:i], ".") {
		scheme, rest := t[:i], t[i+1:]
		if !isSchemeName(scheme) {
			return false
		}
		if scheme == "mailto" {
			if at := strings.LastIndexByte(rest, '@'); at >= 0 {
				return c.external(hostOf(authority(rest[at+1:])))
			}
			return true
		}
		if strings.HasPrefix(rest, "//") || strings.HasPrefix(rest, `\\`) {
			return c.external(hostOf(authority(rest[2:])))
		}
		return true // javascript:, data:, tel: and the like
	}
	// no scheme: "example.com/page" is a host, "page.html" is relative
	host := hostOf(authority(t))
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return false
	}
	ps, icann := publicsuffix.PublicSuffix(host)
	if !(icann || strings.Contains(ps, ".")) || len(ps) >= len(host) {
		return false
	}
	return c.external(host)
}

func isSchemeName(s string) bool {
	for k, r := range s {
		if !('a' <= r && r <= 'z' || k > 0 && ('0' <= r && r <= '9' || r == '+' || r == '-')) {
			return false
		}
	}
	return s != ""
}

// authority cuts a URL after its host part.
func authority(s string) string {
	s = strings.TrimLeft(s, `/\`)
	if i := strings.IndexAny(s, `/?#\`); i >= 0 {
		s = s[:i]
	}
	return s
}

func indexL(l []lrune, from, to int, r rune) int {
	for k := from; k < len(l) && k < to; k++ {
		if l[k].r == r {
			return k
		}
	}
	return -1
}

func hasLPrefix(l []lrune, i int, p string) bool {
	for _, r := range p {
		if i >= len(l) || l[i].r != r {
			return false
		}
		i++
	}
	return true
}
