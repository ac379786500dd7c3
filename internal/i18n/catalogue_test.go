package i18n

import "testing"

func TestTFillsPlaceholders(t *testing.T) {
	en := load(t).Get("en")
	cases := []struct {
		got, want string
	}{
		{en.T("nav.home"), "Home"},
		{en.T("source.agency", "name", "Reuters"), "Source: Reuters -Agencies"},
		{en.T("pager.page", "page", 2, "last", 7), "Page 2 of 7"},
		{en.T("article.more_from", "section", "{year}"), "More from {year}"}, // a value is never filled again
		{en.T("source.agency"), "Source: {name} -Agencies"},                  // nothing given: left as written
		{en.T("source.agency", "name"), "Source: {name} -Agencies"},          // a name without a value
		{en.T("source.agency", 7, "Reuters"), "Source: {name} -Agencies"},    // a name that is not a string
		{en.T("no.such.key"), "[no.such.key]"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestNPicksTheFormForTheCount(t *testing.T) {
	b := load(t)
	en, si, ta := b.Get("en"), b.Get("si"), b.Get("ta")
	cases := []struct {
		got, want string
	}{
		{en.N("error.past_end", 1, "page", 2), "This list has 1 page; page 2 does not exist."},
		{en.N("error.past_end", 3, "page", 9), "This list has 3 pages; page 9 does not exist."},
		{en.N("error.past_end", 0, "page", 9), "This list has 0 pages; page 9 does not exist."},
		{ta.N("search.results", 1, "query", "மழை"), "“மழை” தேடலுக்கு 1 முடிவு"},
		{ta.N("search.results", 4, "query", "மழை"), "“மழை” தேடலுக்கு 4 முடிவுகள்"},
		// Sinhala counts zero with the "one" form.
		{si.N("error.past_end", 0, "page", 2), si.T("error.past_end.one", "n", 0, "page", 2)},
		{si.N("error.past_end", 5, "page", 9), si.T("error.past_end.other", "n", 5, "page", 9)},
		{en.N("no.such", 2), "[no.such.other]"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestLangNames(t *testing.T) {
	b := load(t)
	cases := []struct {
		in, lang, want string
	}{
		// Each language in its own words: what a language switcher shows.
		{"en", "en", "English"},
		{"si", "si", "සිංහල"},
		{"ta", "ta", "தமிழ்"},
		// Labels such as "(English)" in the page's language.
		{"en", "si", "Sinhala"},
		{"en", "ta", "Tamil"},
		{"si", "ta", "දෙමළ"},
		{"ta", "si", "சிங்களம்"},
		{"ta", "en", "ஆங்கிலம்"},
		{"si", "EN-gb", "ඉංග\u0dca\u200dරීසි"},
		{"en", "fr", ""},
		{"en", "", ""},
	}
	for _, tc := range cases {
		if got := b.Get(tc.in).LangName(tc.lang); got != tc.want {
			t.Errorf("Get(%q).LangName(%q) = %q, want %q", tc.in, tc.lang, got, tc.want)
		}
	}
}

func TestGetFallsBackToEnglish(t *testing.T) {
	b := load(t)
	for in, want := range map[string]string{"si": "si", "si-LK": "si", "TA": "ta", "fr": "en", "": "en", "../en": "en"} {
		if got := b.Get(in).Lang(); got != want {
			t.Errorf("Get(%q) is %q, want %q", in, got, want)
		}
	}
}
