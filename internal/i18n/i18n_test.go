package i18n

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func colombo(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Colombo")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func load(t *testing.T) *Bundle {
	t.Helper()
	b, err := Load(colombo(t))
	if err != nil {
		t.Fatalf("the embedded catalogues do not load: %v", err)
	}
	return b
}

func TestCataloguesParse(t *testing.T) {
	b := load(t)
	if got, want := b.Langs(), []string{"en", "si", "ta"}; !slices.Equal(got, want) {
		t.Errorf("Langs() = %v, want %v", got, want)
	}
	for _, l := range b.Langs() {
		if c := b.Get(l); c.Lang() != l || len(c.text) < 100 {
			t.Errorf("catalogue %s: Lang() %q with %d texts", l, c.Lang(), len(c.text))
		}
	}
	if _, err := Load(nil); err == nil {
		t.Error("Load(nil) succeeded; a missing time zone must be an error")
	}
}

// TestEveryKeyInEveryCatalogue: English is the reference; every other
// catalogue has exactly its keys, no fewer and no more.
func TestEveryKeyInEveryCatalogue(t *testing.T) {
	b := load(t)
	en := b.Get("en").text
	for _, l := range b.Langs() {
		c := b.Get(l).text
		for k := range en {
			if _, ok := c[k]; !ok {
				t.Errorf("%s.txt lacks %s (English: %q)", l, k, en[k])
			}
		}
		for k := range c {
			if _, ok := en[k]; !ok {
				t.Errorf("%s.txt has %s, which en.txt does not", l, k)
			}
		}
	}
}

// TestPlaceholdersMatchEnglish: a translation that drops {name} would lose
// the name; one that adds or misspells a placeholder would show it raw.
func TestPlaceholdersMatchEnglish(t *testing.T) {
	b := load(t)
	en := b.Get("en").text
	for _, l := range b.Langs() {
		for k, text := range b.Get(l).text {
			want := placeholders(en[k])
			got := placeholders(text)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s.txt %s uses placeholders %v, English uses %v: %q", l, k, got, want, text)
			}
		}
	}
}

func TestNoEmptyOrUntranslatedValues(t *testing.T) {
	b := load(t)
	for _, l := range b.Langs() {
		for k, text := range b.Get(l).text {
			if strings.TrimSpace(text) == "" {
				t.Errorf("%s.txt %s is empty", l, k)
			}
			if strings.Contains(text, "[") && strings.Contains(text, "]") {
				t.Errorf("%s.txt %s looks like a missing-key marker: %q", l, k, text)
			}
		}
	}
	// Sinhala and Tamil pages must not fall back to English words where a
	// translation is due. Keys whose text is legitimately the same in every
	// language (the feed format's name, the copyright line of symbols and
	// placeholders, a heading that only arranges placeholders) are listed.
	same := map[string]bool{"footer.rss": true, "footer.copyright": true, "videos.heading_lang": true}
	en := b.Get("en").text
	for _, l := range []string{"si", "ta"} {
		for k, text := range b.Get(l).text {
			if text == en[k] && !same[k] {
				t.Errorf("%s.txt %s is the English text %q", l, k, text)
			}
		}
	}
}

func TestParseRefusesBadFiles(t *testing.T) {
	cases := []struct {
		name, file, want string
	}{
		{"no equals sign", "nav.home Home\n", "line 1"},
		{"empty text", "# note\nnav.home =   \n", "line 2: nav.home has no text"},
		{"duplicate key", "nav.home = Home\n\nnav.home = Front\n", "line 3: nav.home is given twice"},
		{"upper-case key", "Nav.Home = Home\n", "not a key"},
		{"key with a space", "nav home = Home\n", "not a key"},
		{"empty key", " = Home\n", "not a key"},
		{"double dot", "nav..home = Home\n", "not a key"},
		{"invalid UTF-8", "nav.home = \xff\xfe\n", "UTF-8"},
	}
	for _, tc := range cases {
		_, err := parse([]byte(tc.file))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: parse error %v, want one mentioning %q", tc.name, err, tc.want)
		}
	}
}

func TestParseReadsWhatEditorsWrite(t *testing.T) {
	file := "\ufeff# a note\r\n\r\n  nav.home =  මුල් පිටුව \r\nsource.agency = Source: {name} = wire\n#nav.video = Video\n"
	got, err := parse([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"nav.home": "මුල් පිටුව", "source.agency": "Source: {name} = wire"}
	if len(got) != len(want) || got["nav.home"] != want["nav.home"] || got["source.agency"] != want["source.agency"] {
		t.Errorf("parse = %q, want %q", got, want)
	}
}

func TestPlaceholdersFindsNamesOnly(t *testing.T) {
	cases := map[string][]string{
		"Source: {name} -Agencies":          {"name"},
		"{month} {day}, {year} {day}":       {"month", "day", "year"},
		"a {brace without end":              nil,
		"{Not a name} {} { spaced } {ok_1}": {"ok_1"},
	}
	for text, want := range cases {
		if got := placeholders(text); !slices.Equal(got, want) {
			t.Errorf("placeholders(%q) = %q, want %q", text, got, want)
		}
	}
}
