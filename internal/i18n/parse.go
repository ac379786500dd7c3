package i18n

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// parse reads a catalogue: "key = text" lines, "#" comment lines and blank
// lines. The text runs to the end of the line, trimmed; it may itself
// contain "=". Keys are lower-case ASCII words joined by dots, such as
// "nav.home" or "month.short.9", so a typo in a template is easy to spot.
func parse(raw []byte) (map[string]string, error) {
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("not valid UTF-8 (save the file as UTF-8)")
	}
	raw = bytes.TrimPrefix(raw, []byte("\ufeff")) // a byte-order mark some editors add
	out := map[string]string{}
	for i, line := range strings.Split(string(raw), "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, text, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("line %d: want \"key = text\", got %q", n, line)
		}
		key, text = strings.TrimSpace(key), strings.TrimSpace(text)
		if !validKey(key) {
			return nil, fmt.Errorf("line %d: %q is not a key (lower-case letters, digits, _ and -, joined by dots)", n, key)
		}
		if text == "" {
			return nil, fmt.Errorf("line %d: %s has no text", n, key)
		}
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("line %d: %s is given twice", n, key)
		}
		out[key] = text
	}
	return out, nil
}

func validKey(k string) bool {
	if k == "" || strings.HasPrefix(k, ".") || strings.HasSuffix(k, ".") || strings.Contains(k, "..") {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

// placeholders lists the {name} placeholders of a text, in order of
// appearance, each once. A brace that does not open a placeholder name is
// ordinary text.
func placeholders(text string) []string {
	var names []string
	seen := map[string]bool{}
	for rest := text; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			return names
		}
		rest = rest[i+1:]
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			return names
		}
		if name := rest[:j]; isName(name) {
			if !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
			rest = rest[j+1:]
		}
	}
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}
