// Package i18n holds the public site's interface text in each language it
// publishes in: one plain-text catalogue per language, embedded in the
// binary, with the words for dates and times. It does no I/O after Load and
// knows nothing of HTTP; the site picks a Catalogue per page and templates
// call its methods ({{.Text.T "nav.home"}}, {{.Text.Dateline .PublishedAt}}).
package i18n

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// The catalogues are plain files so that a native speaker can correct them
// without touching Go; see the header of catalogues/en.txt.
//
//go:embed catalogues/*.txt
var files embed.FS

// fallback is the language used for an unknown language code. Its catalogue
// is the reference the others are checked against.
const fallback = "en"

// Bundle is every catalogue, loaded once at start-up and read-only after.
type Bundle struct {
	langs []string
	cats  map[string]*Catalogue
}

// Load parses every embedded catalogue (catalogues/<lang>.txt). Dates are
// shown in loc, the site's time zone. A syntax error or a key given twice in
// one file is an error, so a bad edit stops start-up rather than showing
// broken text; that every catalogue has the same keys is checked by tests.
func Load(loc *time.Location) (*Bundle, error) {
	if loc == nil {
		return nil, errors.New("i18n: no time zone given")
	}
	names, err := fs.Glob(files, "catalogues/*.txt")
	if err != nil {
		return nil, err
	}
	b := &Bundle{cats: map[string]*Catalogue{}}
	for _, name := range names {
		raw, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		lang := strings.TrimSuffix(path.Base(name), ".txt")
		text, err := parse(raw)
		if err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		b.cats[lang] = &Catalogue{lang: lang, text: text, loc: loc, plural: pluralRule(lang)}
		b.langs = append(b.langs, lang)
	}
	if b.cats[fallback] == nil {
		return nil, fmt.Errorf("i18n: no catalogue for %q, the fallback language", fallback)
	}
	slices.Sort(b.langs)
	return b, nil
}

// Get returns the catalogue of lang ("si", or with a region, "si-LK"); an
// unknown language gets English.
func (b *Bundle) Get(lang string) *Catalogue {
	if c, ok := b.cats[primary(lang)]; ok {
		return c
	}
	return b.cats[fallback]
}

// Langs lists the languages that have a catalogue, sorted by code.
func (b *Bundle) Langs() []string { return slices.Clone(b.langs) }

// primary is the language part of a tag: "si-LK" and "SI" are "si".
func primary(lang string) string {
	p, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(lang)), "-")
	return p
}
