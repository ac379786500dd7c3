package news

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata"
)

func TestSlugify(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Rains lash Colombo as monsoon arrives", "rains-lash-colombo-as-monsoon-arrives"},
		{"  Café owners' group: prices UP 12%!  ", "cafe-owners-group-prices-up-12"},
		{"Don't panic", "dont-panic"},
		{"'; DROP TABLE articles; --", "drop-table-articles"},
		{"<script>alert(1)</script>", "script-alert-1-script"},
		{"!!!", "story"},
		{"", "story"},
		{"කොළඹ වැසි", "කොළඹ-වැසි"},
		{"சென்னை மழை", "சென்னை-மழை"},
		// A zero-width joiner shapes a Sinhala conjunct; it must not split the word.
		{"\u0dc1\u0dca\u200d\u0dbb\u0dd3 \u0dbd\u0d82\u0d9a\u0dcf", "\u0dc1\u0dca\u0dbb\u0dd3-\u0dbd\u0d82\u0d9a\u0dcf"},
		// Found by FuzzSlugify: text after an invalid byte kept its accent.
		{"\xf6\u012a", "i"},
		{"caf\xffÉ", "caf-e"},
		{strings.Repeat("word ", 40), strings.TrimSuffix(strings.Repeat("word-", 16), "-")},
	}
	for _, tc := range cases {
		if got := Slugify(tc.in); got != tc.want {
			t.Errorf("Slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := Slugify(tc.in); len(got) > MaxSlug {
			t.Errorf("Slugify(%q) longer than %d", tc.in, MaxSlug)
		}
	}
}

func TestSlugifyLongScriptCutsOnRuneBoundary(t *testing.T) {
	s := Slugify(strings.Repeat("කොළඹ", 30))
	if len(s) > MaxSlug || !strings.HasPrefix(strings.Repeat("කොළඹ", 30), s) {
		t.Fatalf("bad cut %q", s)
	}
}

func TestFormatDateline(t *testing.T) {
	colombo, _ := time.LoadLocation("Asia/Colombo")
	at := time.Date(2023, 9, 23, 2, 54, 0, 0, time.UTC)
	if got := FormatDateline(at, colombo); got != "September 23, 2023 08:24 am" {
		t.Fatalf("got %q", got)
	}
	if got := FormatDateline(time.Date(2023, 9, 22, 13, 5, 0, 0, time.UTC), colombo); got != "September 22, 2023 06:35 pm" {
		t.Fatalf("got %q", got)
	}
	if FormatDateline(time.Time{}, colombo) != "" {
		t.Fatal("zero time should be empty")
	}
}

func TestSourceLine(t *testing.T) {
	cases := []struct {
		src  Source
		want string
	}{
		{Source{Agency: true, Name: "Reuters"}, "Source: Reuters -Agencies"},
		{Source{Agency: true, Name: " Reuters, AFP "}, "Source: Reuters, AFP -Agencies"},
		{Source{}, "Source: Staff"},
		{Source{Agency: true}, "Source: Staff"},
	}
	for _, tc := range cases {
		if got := tc.src.Line(); got != tc.want {
			t.Errorf("%+v: got %q want %q", tc.src, got, tc.want)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := Article{Headline: "Port expands", Lang: "en", Status: StatusDraft, Section: Section{ID: 1}}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := Article{Headline: " ", Lang: "fr", Status: "live", Source: Source{Agency: true}}
	err := bad.Validate()
	for _, want := range []string{"headline", "language", "status", "agency", "section"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %s", err, want)
		}
	}
}
