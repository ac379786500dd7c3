package news

import (
	"fmt"
	"strings"
)

// Edition is one language edition of the site: English at "/", Sinhala at
// "/si/", Tamil at "/ta/" in the default set. Which editions exist and which
// one is served at the root is configuration.
type Edition struct {
	Lang   string // "en", "si" or "ta"
	Prefix string // "" for the default edition, "/" + Lang for the others
}

// Path returns p (an absolute path inside the edition, such as "/news/1/x")
// as a path of the site.
func (e Edition) Path(p string) string { return e.Prefix + p }

// Home is the edition's front page.
func (e Edition) Home() string { return e.Prefix + "/" }

// Editions is the configured set of editions, the default first. It is a
// value: build it once with NewEditions and pass it down.
type Editions struct{ list []Edition }

// NewEditions builds the set from language codes, the first being the
// default edition served at the root.
func NewEditions(langs []string) (Editions, error) {
	var e Editions
	seen := map[string]bool{}
	for i, l := range langs {
		l = strings.TrimSpace(l)
		if !ValidLang(l) {
			return Editions{}, fmt.Errorf("%q is not a known language (known: %s)", l, strings.Join(Languages, ", "))
		}
		if seen[l] {
			return Editions{}, fmt.Errorf("%q is listed twice", l)
		}
		seen[l] = true
		ed := Edition{Lang: l}
		if i > 0 {
			ed.Prefix = "/" + l
		}
		e.list = append(e.list, ed)
	}
	if len(e.list) == 0 {
		return Editions{}, fmt.Errorf("at least one edition is needed")
	}
	return e, nil
}

// All lists the editions, the default first.
func (e Editions) All() []Edition { return append([]Edition(nil), e.list...) }

// Default is the edition served at the root.
func (e Editions) Default() Edition {
	if len(e.list) == 0 {
		return Edition{Lang: "en"}
	}
	return e.list[0]
}

// Get returns the edition of a language, if it is configured.
func (e Editions) Get(lang string) (Edition, bool) {
	for _, ed := range e.list {
		if ed.Lang == lang {
			return ed, true
		}
	}
	return Edition{}, false
}

// Path returns the site path of p inside lang's edition. A language that is
// not configured as an edition still gets its own prefix, so links to its
// pages stay distinct (and answer 404 until the edition is switched on).
func (e Editions) Path(lang, p string) string {
	if ed, ok := e.Get(lang); ok {
		return ed.Path(p)
	}
	if lang == "" {
		return e.Default().Path(p)
	}
	return "/" + lang + p
}

// Langs lists the configured language codes, the default first.
func (e Editions) Langs() []string {
	out := make([]string, len(e.list))
	for i, ed := range e.list {
		out[i] = ed.Lang
	}
	return out
}
