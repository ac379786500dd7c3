package pagecache

import "strings"

// acceptsGzip reports whether a request with these Accept-Encoding values
// should get the gzip form (RFC 9110, 12.5.3). gzip (or its alias x-gzip)
// must be acceptable, by name or through "*", with a weight above 0, and
// weigh at least as much as identity; "identity" not listed, nor "*",
// leaves identity acceptable but least preferred. A coding listed twice
// takes its lower weight, so a refusal anywhere stands. Elements with a
// malformed weight are ignored.
//
// With no Accept-Encoding at all the answer is no, although the RFC would
// allow any coding: clients that can decode gzip say so, and tools that send
// nothing (curl without --compressed) expect plain bytes.
func acceptsGzip(values []string) bool {
	const unlisted = -1
	gzipQ, identityQ, anyQ := unlisted, unlisted, unlisted
	take := func(q *int, w int) {
		if *q == unlisted || w < *q {
			*q = w
		}
	}
	for _, v := range values {
		for v != "" {
			var elem string
			elem, v, _ = strings.Cut(v, ",")
			coding, params, _ := strings.Cut(elem, ";")
			coding = strings.Trim(coding, " \t")
			w, ok := weight(params)
			if !ok {
				continue
			}
			switch {
			case strings.EqualFold(coding, "gzip"), strings.EqualFold(coding, "x-gzip"):
				take(&gzipQ, w)
			case strings.EqualFold(coding, "identity"):
				take(&identityQ, w)
			case coding == "*":
				take(&anyQ, w)
			}
		}
	}
	if gzipQ == unlisted {
		gzipQ = anyQ
	}
	if identityQ == unlisted {
		identityQ = anyQ
	}
	return gzipQ > 0 && gzipQ >= identityQ
}

// weight parses the parameters after a coding (";q=0.5") into thousandths:
// 1000 when there is no q, ok false when the q is not a valid qvalue.
func weight(params string) (w int, ok bool) {
	w = 1000
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		p = strings.Trim(p, " \t")
		if len(p) < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=' {
			continue // not a weight: Accept-Encoding defines no other parameter
		}
		if w, ok = qvalue(p[2:]); !ok {
			return 0, false
		}
	}
	return w, true
}

// qvalue parses "0", "0.5", "0.125", "1", "1.000" (at most three decimals)
// into thousandths.
func qvalue(s string) (int, bool) {
	if s == "" || (s[0] != '0' && s[0] != '1') {
		return 0, false
	}
	whole := int(s[0]-'0') * 1000
	s = s[1:]
	if s == "" {
		return whole, true
	}
	if s[0] != '.' || len(s) > 4 {
		return 0, false
	}
	frac, scale := 0, 100
	for i := 1; i < len(s); i++ {
		d := s[i]
		if d < '0' || d > '9' || (whole == 1000 && d != '0') {
			return 0, false
		}
		frac += int(d-'0') * scale
		scale /= 10
	}
	return whole + frac, true
}

// noneMatch reports whether an If-None-Match field lists etag, by weak
// comparison (W/ ignored on either side), or is "*" (RFC 9110, 13.1.2).
// Entity tags may contain commas, so the list is scanned quote to quote
// rather than split. A malformed value stops the scan of that field line.
func noneMatch(values []string, etag string) bool {
	etag = strings.TrimPrefix(etag, "W/")
	for _, v := range values {
		for {
			v = strings.TrimLeft(v, " \t,")
			if v == "" {
				break
			}
			if v[0] == '*' {
				return true
			}
			v = strings.TrimPrefix(v, "W/")
			if v == "" || v[0] != '"' {
				break
			}
			end := strings.IndexByte(v[1:], '"')
			if end < 0 {
				break
			}
			if v[:end+2] == etag {
				return true
			}
			v = v[end+2:]
		}
	}
	return false
}
