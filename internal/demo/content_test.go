package demo

import (
	"bytes"
	"errors"
	"image/png"
	"slices"
	"strings"
	"testing"
	"unicode"

	"dateline/internal/news"
)

func TestSectionsAndAuthorsAreWellFormed(t *testing.T) {
	wantSections := map[string]string{"local": "Local", "world": "World", "business": "Business", "sport": "Sport"}
	if len(Sections) != len(wantSections) {
		t.Fatalf("got %d sections, want %d", len(Sections), len(wantSections))
	}
	for _, s := range Sections {
		if wantSections[s.Slug] != s.Name {
			t.Errorf("section %q named %q, want %q", s.Slug, s.Name, wantSections[s.Slug])
		}
		if s.Description == "" {
			t.Errorf("section %q has no description", s.Slug)
		}
	}
	if len(Authors) != 5 {
		t.Errorf("got %d authors, want 5", len(Authors))
	}
	seen := map[string]bool{}
	for _, a := range Authors {
		if seen[a.Slug] {
			t.Errorf("author slug %q repeats", a.Slug)
		}
		seen[a.Slug] = true
		if a.Name == "" || a.Bio == "" || !strings.HasSuffix(a.Email, "@dateline.example") {
			t.Errorf("author %q incomplete: %+v", a.Slug, a)
		}
	}
}

func TestStories(t *testing.T) {
	if len(Stories) < 30 {
		t.Fatalf("got %d stories, want at least 30", len(Stories))
	}
	sections := map[string]int{}
	for _, s := range Sections {
		sections[s.Slug] = 0
	}
	authors := map[string]bool{}
	for _, a := range Authors {
		authors[a.Slug] = true
	}
	hours := map[int]string{}
	headlines := map[string]bool{}

	for _, s := range Stories {
		t.Run(s.Headline, func(t *testing.T) {
			if _, ok := sections[s.Section]; !ok {
				t.Errorf("unknown section %q", s.Section)
			}
			sections[s.Section]++
			if s.Headline == "" || s.Summary == "" {
				t.Error("missing headline or summary")
			}
			if len(s.Headline) > news.MaxHeadline {
				t.Errorf("headline is %d bytes, more than news.MaxHeadline", len(s.Headline))
			}
			if headlines[s.Headline] {
				t.Error("headline repeats")
			}
			headlines[s.Headline] = true
			if s.HoursAgo < 1 || s.HoursAgo > 238 {
				t.Errorf("HoursAgo %d outside 1..238", s.HoursAgo)
			}
			if other, dup := hours[s.HoursAgo]; dup {
				t.Errorf("HoursAgo %d also used by %q", s.HoursAgo, other)
			}
			hours[s.HoursAgo] = s.Headline
			for _, a := range s.Authors {
				if !authors[a] {
					t.Errorf("unknown author %q", a)
				}
			}
			if len(s.Authors) > 2 {
				t.Errorf("%d authors, want at most 2", len(s.Authors))
			}
			if s.Agency && s.Source == "" {
				t.Error("agency story without a Source")
			}
			if !s.Agency && (s.Source != "" || len(s.Authors) == 0) {
				t.Errorf("staff story needs authors and no Source; got %v, %q", s.Authors, s.Source)
			}
			if words := len(strings.Fields(s.Body)); words < 100 {
				t.Errorf("body has %d words, want at least 100", words)
			}
			if len(s.Tags) == 0 {
				t.Error("no tags")
			}
			if s.Image != "" && (s.ImageCaption == "" || s.ImageCredit == "") {
				t.Error("image without caption or credit")
			}
		})
	}
	for slug, n := range sections {
		if n < 6 {
			t.Errorf("section %q has %d stories, want at least 6", slug, n)
		}
	}
}

func TestStoryImagesDraw(t *testing.T) {
	used := map[string]bool{}
	for _, s := range Stories {
		if s.Image != "" {
			used[s.Image] = true
		}
	}
	if len(used) < 6 {
		t.Errorf("stories use %d distinct images, want at least 6", len(used))
	}
	for _, name := range ImageNames() {
		t.Run(name, func(t *testing.T) {
			b, err := DrawImage(name)
			if err != nil {
				t.Fatal(err)
			}
			// Flat illustrations should stay small enough to seed quickly.
			if len(b) > 150_000 {
				t.Errorf("PNG is %d bytes, want at most 150000", len(b))
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if got := img.Bounds().Size(); got.X != 1200 || got.Y != 675 {
				t.Errorf("size %v, want 1200x675", got)
			}
			delete(used, name)
		})
	}
	for name := range used {
		t.Errorf("story image %q is not drawable", name)
	}
}

func TestDrawImageUnknownName(t *testing.T) {
	for _, name := range []string{"", "Harbour", "volcano", "../rain"} {
		if _, err := DrawImage(name); !errors.Is(err, ErrUnknownImage) {
			t.Errorf("DrawImage(%q) error = %v, want ErrUnknownImage", name, err)
		}
	}
}

// editionScript is the Unicode script an edition's text is written in.
func editionScript(lang string) *unicode.RangeTable {
	switch lang {
	case "si":
		return unicode.Sinhala
	case "ta":
		return unicode.Tamil
	}
	return unicode.Latin
}

// scriptShare is the fraction of text's letters and combining marks (vowel
// signs count: they are marks, not letters, in Sinhala and Tamil) that belong
// to script. Digits, punctuation and joiners are left out of both counts.
func scriptShare(text string, script *unicode.RangeTable) float64 {
	in, all := 0, 0
	for _, r := range text {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			continue
		}
		all++
		if unicode.Is(script, r) {
			in++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(in) / float64(all)
}

func TestStoryLanguages(t *testing.T) {
	perSection := map[string]map[string]int{"si": {}, "ta": {}}
	agency := map[string]int{}
	for _, s := range Stories {
		switch s.Lang {
		case "":
			if s.Translates != "" {
				t.Errorf("English story %q says it translates %q", s.Headline, s.Translates)
			}
		case "si", "ta":
			perSection[s.Lang][s.Section]++
			if s.Agency {
				agency[s.Lang]++
			}
		default:
			t.Errorf("story %q has Lang %q, want \"\", \"si\" or \"ta\"", s.Headline, s.Lang)
		}
	}
	for lang, counts := range perSection {
		for _, sec := range Sections {
			if counts[sec.Slug] < 2 {
				t.Errorf("%s edition has %d %s stories, want at least 2", lang, counts[sec.Slug], sec.Slug)
			}
		}
		if agency[lang] == 0 {
			t.Errorf("%s edition has no agency copy", lang)
		}
	}
}

func TestTranslations(t *testing.T) {
	english := map[string]Story{}
	for _, s := range Stories {
		if s.Lang == "" {
			english[s.Headline] = s
		}
	}
	translated := map[[2]string]string{} // {lang, English headline} -> translation's headline
	perLang := map[string]int{}
	for _, s := range Stories {
		if s.Translates == "" {
			continue
		}
		orig, ok := english[s.Translates]
		if !ok {
			t.Errorf("%q translates %q, which is not an English demo headline", s.Headline, s.Translates)
			continue
		}
		key := [2]string{s.Lang, s.Translates}
		if other, dup := translated[key]; dup {
			t.Errorf("%q is translated into %s twice: %q and %q", s.Translates, s.Lang, other, s.Headline)
		}
		translated[key] = s.Headline
		perLang[s.Lang]++
		// A version of a story keeps its desk, byline and source.
		if s.Section != orig.Section || s.Agency != orig.Agency || s.Source != orig.Source || !slices.Equal(s.Authors, orig.Authors) {
			t.Errorf("%q differs from its original in section, byline or source", s.Headline)
		}
	}
	for _, lang := range []string{"si", "ta"} {
		if perLang[lang] < 4 {
			t.Errorf("%d %s translations, want at least 4", perLang[lang], lang)
		}
	}
}

func TestEditionTextIsInItsScript(t *testing.T) {
	check := func(t *testing.T, lang, what, text string) {
		t.Helper()
		if share := scriptShare(text, editionScript(lang)); share <= 0.6 {
			t.Errorf("%s: %.0f%% of letters in the %s script, want more than 60%%", what, 100*share, lang)
		}
	}
	for _, s := range Stories {
		if s.Lang == "" {
			continue
		}
		t.Run(s.Headline, func(t *testing.T) {
			check(t, s.Lang, "text", strings.Join([]string{s.Headline, s.Summary, s.Body, s.Place, s.ImageCaption}, " "))
			// Tags are found by name across editions, so a tag in the
			// edition's own script never lands on an English tag page.
			for _, tag := range s.Tags {
				check(t, s.Lang, "tag "+tag, tag)
			}
		})
	}
	for _, v := range demoVideos {
		if v.Lang == "en" {
			continue
		}
		t.Run(v.Title, func(t *testing.T) {
			check(t, v.Lang, "video", v.Title+" "+v.Summary+" "+strings.Join(v.Tags, " "))
		})
	}
}

func TestTagSlugsAreDistinct(t *testing.T) {
	names := map[string]string{} // slug -> tag name
	add := func(name string) {
		slug := news.Slugify(name)
		if slug == "" {
			t.Errorf("tag %q has an empty slug", name)
		}
		// The store finds tags by slug, so two names with one slug would
		// silently become one tag.
		if other, ok := names[slug]; ok && other != name {
			t.Errorf("tags %q and %q share the slug %q", other, name, slug)
		}
		names[slug] = name
	}
	for _, s := range Stories {
		for _, tag := range s.Tags {
			add(tag)
		}
	}
	for _, v := range demoVideos {
		for _, tag := range v.Tags {
			add(tag)
		}
	}
}

func TestEditionWordsRecurForSearch(t *testing.T) {
	// Search tests may rely on these words finding several stories; the
	// Sinhala one has a zero-width joiner inside a word.
	for _, tc := range []struct {
		lang, word string
		min        int
	}{
		{"si", "ශ්\u200dරී ලංකා", 4},
		{"si", "වැසි", 3},
		{"ta", "பருவமழை", 4},
		{"ta", "யாழ்ப்பாண", 3},
	} {
		n := 0
		for _, s := range Stories {
			text := strings.Join(append([]string{s.Headline, s.Summary, s.Body}, s.Tags...), " ")
			if s.Lang == tc.lang && strings.Contains(text, tc.word) {
				n++
			}
		}
		if n < tc.min {
			t.Errorf("%q is in %d %s stories, want at least %d", tc.word, n, tc.lang, tc.min)
		}
	}
}

func TestSectionNames(t *testing.T) {
	if len(SectionNames) != 2 {
		t.Errorf("SectionNames has %d languages, want si and ta", len(SectionNames))
	}
	for _, lang := range []string{"si", "ta"} {
		names := SectionNames[lang]
		if len(names) != len(Sections) {
			t.Errorf("%s: %d section names, want %d", lang, len(names), len(Sections))
		}
		seen := map[string]bool{}
		for _, sec := range Sections {
			nd, ok := names[sec.Slug]
			if !ok {
				t.Errorf("%s: no name for section %q", lang, sec.Slug)
				continue
			}
			for _, text := range nd {
				if scriptShare(text, editionScript(lang)) <= 0.6 {
					t.Errorf("%s %s: %q is not in the %s script", lang, sec.Slug, text, lang)
				}
			}
			if seen[nd[0]] {
				t.Errorf("%s: section name %q repeats", lang, nd[0])
			}
			seen[nd[0]] = true
		}
	}
}
