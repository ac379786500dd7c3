package video

import (
	"html"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxURLLength bounds what ParseURL reads, embed codes included; real video
// links are a small fraction of it.
const MaxURLLength = 2000

// maxStart bounds a start offset; nothing the site embeds runs a day.
const maxStart = 24 * time.Hour

// ParseURL reads a video link as producers paste it: any of the usual forms
// of a YouTube or Vimeo address, with or without scheme or "www.", with
// surrounding whitespace, quotes or punctuation, or a whole <iframe> embed
// code. Anything else gets an error wrapping ErrBadURL whose message is a
// sentence telling the producer what to paste instead.
//
// Hosts are matched exactly, so look-alikes ("youtube.com.evil.example")
// are refused, and the Source carries only the validated id, hash and start.
func ParseURL(raw string) (Source, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return Source{}, refuse(ErrBadURL, "Paste the link of a YouTube or Vimeo video.")
	}
	if len(s) > MaxURLLength {
		return Source{}, refuse(ErrBadURL, "That is longer than 2,000 characters, far more than a video link; paste just the video's address.")
	}
	if strings.Contains(asciiLower(s), "<iframe") {
		src, err := iframeSrc(s)
		if err != nil {
			return Source{}, err
		}
		s = strings.TrimSpace(src)
	}
	s = trimWrapping(s)
	if s == "" {
		return Source{}, refuse(ErrBadURL, "Paste the link of a YouTube or Vimeo video.")
	}
	if err := checkCharacters(s); err != nil {
		return Source{}, err
	}
	u, err := parseWebURL(s)
	if err != nil {
		return Source{}, err
	}
	host := strings.TrimSuffix(asciiLower(u.Hostname()), ".")
	segs := pathSegments(u.Path)
	switch host {
	case "youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com":
		return parseYouTube(u, segs)
	case "youtu.be", "www.youtu.be":
		return parseYoutuBe(u, segs)
	case "youtube-nocookie.com", "www.youtube-nocookie.com":
		return parseYouTubeNoCookie(u, segs)
	case "vimeo.com", "www.vimeo.com":
		return parseVimeo(u, segs)
	case "player.vimeo.com":
		return parseVimeoPlayer(u, segs)
	case "":
		return Source{}, notAnAddress()
	}
	if looksLikeVideoHost(host) {
		return Source{}, refuse(ErrBadURL, "The address %s only looks like YouTube or Vimeo; copy the link again from the real site.", quote(host))
	}
	return Source{}, refuse(ErrBadURL, "Links to %s cannot be played here; paste a YouTube or Vimeo link, or upload an MP4 file.", quote(host))
}

func notAnAddress() error {
	return refuse(ErrBadURL, "That does not look like a web address; copy the video's link from your browser's address bar.")
}

// trimWrapping removes what a link picks up when it is copied out of a
// sentence, an e-mail or Markdown: quotes, angle brackets and brackets around
// it, and a full stop, comma or slash after it. No YouTube or Vimeo id, hash or
// start time ends in any of these, so nothing of value is cut.
func trimWrapping(s string) string {
	for {
		t := strings.TrimSpace(s)
		t = strings.TrimLeft(t, "\"'<([")
		t = strings.TrimRight(t, "\"'>)].,;:!?/")
		if t == s {
			return s
		}
		s = t
	}
}

// checkCharacters refuses text that cannot be one link: words around it,
// two links, hidden characters, or a backslash (which browsers read as "/",
// so it is a classic way to make a link mean two things).
func checkCharacters(s string) error {
	if !utf8.ValidString(s) {
		return refuse(ErrBadURL, "That link has broken characters in it; copy it again from your browser's address bar.")
	}
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			return refuse(ErrBadURL, "That has spaces in it; paste only the video's link.")
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return refuse(ErrBadURL, "That link has hidden characters in it; copy it again from your browser's address bar.")
		case r == '\\' || r == '<' || r == '>':
			return notAnAddress()
		}
	}
	return nil
}

// parseWebURL parses s as an http or https address, adding https:// when the
// producer left the scheme off.
func parseWebURL(s string) (*url.URL, error) {
	if i := strings.IndexByte(s, ':'); i > 0 && isScheme(asciiLower(s[:i])) && !startsWithDigit(s[i+1:]) {
		switch asciiLower(s[:i]) {
		case "http", "https":
		case "javascript", "data", "vbscript", "file", "blob", "about", "filesystem":
			return nil, refuse(ErrBadURL, "That is not a web address; paste a link that starts with https://.")
		default:
			return nil, refuse(ErrBadURL, "Only http and https links can be used; paste the video's https:// address.")
		}
	} else if strings.HasPrefix(s, "//") {
		s = "https:" + s
	} else {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" || u.Host == "" {
		return nil, notAnAddress()
	}
	if u.User != nil {
		return nil, refuse(ErrBadURL, "Video links do not carry a user name; copy the link again from the video's page.")
	}
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		return nil, refuse(ErrBadURL, "That link names port %s, which video sites do not use; copy the link again from the video's page.", quote(p))
	}
	return u, nil
}

// isScheme reports whether s can be a URL scheme. A dot rules it out here,
// as does a port number after the colon (checked by the caller):
// "youtube.com:443/watch" is a host and port with the scheme left off.
func isScheme(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
		case i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-'):
		default:
			return false
		}
	}
	return s != ""
}

// asciiLower lower-cases ASCII letters only. Unlike strings.ToLower it keeps
// every byte where it was, so indexes found in its result hold in s, and no
// other script's letter can fold into an ASCII keyword (the Kelvin sign K
// into k).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// pathSegments splits a path into its non-empty parts, so trailing and
// doubled slashes do not matter.
func pathSegments(p string) []string {
	var segs []string
	for seg := range strings.SplitSeq(p, "/") {
		if seg != "" {
			segs = append(segs, seg)
		}
	}
	return segs
}

// looksLikeVideoHost reports whether host was probably meant to pass for one
// of the video sites, so the message can say so.
func looksLikeVideoHost(host string) bool {
	if strings.HasPrefix(host, "xn--") || strings.Contains(host, ".xn--") {
		return true
	}
	for _, r := range host {
		if r >= utf8.RuneSelf {
			return true
		}
	}
	for _, name := range []string{"youtu", "vimeo", "ytimg"} {
		if strings.Contains(host, name) {
			return true
		}
	}
	return false
}

// iframeSrc finds the src attribute of the first <iframe> in an embed code.
// Attributes are scanned one by one, so data-src= or a src inside another
// attribute's value is not mistaken for it.
func iframeSrc(s string) (string, error) {
	i := strings.Index(asciiLower(s), "<iframe")
	tag := s[i+len("<iframe"):]
	const space = " \t\r\n\f"
	for {
		tag = strings.TrimLeft(tag, space+"/")
		if tag == "" || tag[0] == '>' {
			break
		}
		n := strings.IndexAny(tag, space+"/=>")
		if n < 0 {
			break
		}
		name := asciiLower(tag[:n])
		tag = strings.TrimLeft(tag[n:], space)
		if tag == "" || tag[0] != '=' {
			continue // an attribute without a value: allowfullscreen
		}
		tag = strings.TrimLeft(tag[1:], space)
		var val string
		if tag != "" && (tag[0] == '"' || tag[0] == '\'') {
			end := strings.IndexByte(tag[1:], tag[0])
			if end < 0 {
				val, tag = tag[1:], ""
			} else {
				val, tag = tag[1:1+end], tag[2+end:]
			}
		} else {
			end := strings.IndexAny(tag, space+">")
			if end < 0 {
				end = len(tag)
			}
			val, tag = tag[:end], tag[end:]
		}
		if name == "src" {
			// Embed codes write & in the query as &amp;.
			return html.UnescapeString(val), nil
		}
	}
	return "", refuse(ErrBadURL, "That embed code has no video address in it; paste the video's link instead.")
}

// startOffset reads the start time from the query keys given, then from a
// t= in the fragment (#t=1m30s), as both YouTube and Vimeo write it there.
func startOffset(u *url.URL, keys ...string) (time.Duration, error) {
	q := u.Query()
	for _, k := range keys {
		if v := q.Get(k); v != "" {
			return parseStart(v)
		}
	}
	if frag, err := url.ParseQuery(u.EscapedFragment()); err == nil {
		if v := frag.Get("t"); v != "" {
			return parseStart(v)
		}
	}
	return 0, nil
}

func parseStart(v string) (time.Duration, error) {
	d, ok := parseUnits(v)
	if !ok {
		return 0, refuse(ErrBadURL, "The start time %s in that link is not valid; use seconds (90) or a form like 1m30s, or remove it.", quote(v))
	}
	if d > maxStart {
		return 0, refuse(ErrBadURL, "The start time %s in that link is more than 24 hours in; check it, or remove it.", quote(v))
	}
	return d, nil
}
