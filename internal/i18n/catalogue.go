package i18n

import (
	"fmt"
	"strings"
	"time"
)

// Catalogue is the interface text of one language.
type Catalogue struct {
	lang   string
	text   map[string]string
	loc    *time.Location
	plural func(n int) string
}

// Lang is the catalogue's language code, such as "si"; pages put it in
// their lang attribute.
func (c *Catalogue) Lang() string { return c.lang }

// Has reports whether the catalogue has a text for key.
func (c *Catalogue) Has(key string) bool { _, ok := c.text[key]; return ok }

// T returns the text of key with its {name} placeholders filled from args,
// which are name/value pairs: T("source.agency", "name", "Reuters"). Values
// are written with fmt's %v. A missing key comes back as "[key]", visible on
// the page rather than silently blank; tests keep every key present.
func (c *Catalogue) T(key string, args ...any) string {
	text, ok := c.text[key]
	if !ok {
		return "[" + key + "]"
	}
	return fill(text, args)
}

// N is T for a text that depends on a count: it picks "key.one" or
// "key.other" by the language's plural rule and fills {n} with n as well as
// the other placeholders.
func (c *Catalogue) N(key string, n int, args ...any) string {
	return c.T(key+"."+c.plural(n), append([]any{"n", n}, args...)...)
}

// LangName names a language in this catalogue's language: in English,
// "si" is "Sinhala"; in Sinhala it is "සිංහල". A language switcher shows
// each language in its own words, b.Get(l).LangName(l); a label such as
// "(English)" uses the page's catalogue. An unknown language gives "".
func (c *Catalogue) LangName(lang string) string {
	return c.text["lang."+primary(lang)]
}

// fill replaces each {name} in text whose name is among args.
func fill(text string, args []any) string {
	if len(args) < 2 || !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	expand(&b, text, func(part string) {
		if v, ok := lookup(args, part[1:len(part)-1]); ok {
			fmt.Fprint(&b, v)
		} else {
			b.WriteString(part)
		}
	})
	return b.String()
}

// expand writes text to b with each "{name}" in it replaced by what value
// writes to b for that part (braces included). value reaches b through its
// closure, not as an argument, so a caller's Builder can stay on the stack.
func expand(b *strings.Builder, text string, value func(part string)) {
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(text[:i])
		value(text[i : i+j+1])
		text = text[i+j+1:]
	}
	b.WriteString(text)
}

func lookup(args []any, name string) (any, bool) {
	for k := 0; k+1 < len(args); k += 2 {
		if s, ok := args[k].(string); ok && s == name {
			return args[k+1], true
		}
	}
	return nil, false
}

// pluralRule returns how lang picks between the "one" and "other" forms of
// a count (after CLDR, for whole numbers): Sinhala uses "one" for 0 and 1;
// English and Tamil for 1 only.
func pluralRule(lang string) func(n int) string {
	if lang == "si" {
		return func(n int) string {
			if n == 0 || n == 1 {
				return "one"
			}
			return "other"
		}
	}
	return func(n int) string {
		if n == 1 {
			return "one"
		}
		return "other"
	}
}
