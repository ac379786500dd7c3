package news

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzSlugify checks the promises every caller of Slugify relies on: an
// article's Validate accepts a slug only when Slugify leaves it unchanged,
// so the output must be a fixed point, and it goes into URLs, so it must be
// short and made of lower-case letters, digits, marks and single hyphens.
func FuzzSlugify(f *testing.F) {
	for _, s := range []string{
		"Rains lash Colombo as monsoon arrives",
		"  Café owners' group: prices UP 12%!  ",
		"Don't panic", "'; DROP TABLE articles; --", "<script>alert(1)</script>",
		"!!!", "", "-", "a--b", "කොළඹ වැසි", "சென்னை மழை",
		"\u0dc1\u0dca\u200d\u0dbb\u0dd3 \u0dbd\u0d82\u0d9a\u0dcf",
		strings.Repeat("word ", 40), strings.Repeat("කොළඹ", 30), strings.Repeat("x", 81),
		"ǅemal İstanbul ΣΑΣ ß ﬁ ① Ⅻ ＡＢＣ", "\u0301a\u0301", "\u0bcd", "\xff\xfe", "\x00a\x7fb",
		"Ⅻ", "ﾀﾞ", "\u1e9e", "K\u212a", "\u0345",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		slug := Slugify(in)
		if slug == "" || len(slug) > MaxSlug || !utf8.ValidString(slug) {
			t.Fatalf("Slugify(%q) = %q: empty, over %d bytes or invalid UTF-8", in, slug, MaxSlug)
		}
		if strings.HasPrefix(slug, "-") || strings.HasSuffix(slug, "-") || strings.Contains(slug, "--") {
			t.Fatalf("Slugify(%q) = %q: a leading, trailing or double hyphen", in, slug)
		}
		for _, r := range slug {
			switch {
			case r == '-':
			case r < utf8.RuneSelf:
				if !('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
					t.Fatalf("Slugify(%q) = %q: ASCII %q is not a lower-case letter or digit", in, slug, r)
				}
			case r == '\u200c' || r == '\u200d':
				t.Fatalf("Slugify(%q) = %q keeps a joiner", in, slug)
			case unicode.Is(unicode.Mn, r) && r < 0x0370:
				t.Fatalf("Slugify(%q) = %q keeps the Latin accent %U", in, slug, r)
			case !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)):
				t.Fatalf("Slugify(%q) = %q holds %U, neither letter, digit nor mark", in, slug, r)
			case unicode.ToLower(r) != r:
				t.Fatalf("Slugify(%q) = %q holds %U, which has a lower case", in, slug, r)
			}
		}
		for _, r := range norm.NFKD.String(slug) {
			if unicode.Is(unicode.Mn, r) && r < 0x0370 {
				t.Fatalf("Slugify(%q) = %q keeps a Latin accent (%U) in a precomposed letter", in, slug, r)
			}
		}
		if again := Slugify(slug); again != slug {
			t.Fatalf("Slugify is not idempotent: %q -> %q -> %q", in, slug, again)
		}
	})
}

// FuzzItemPaths checks that the paths ArticlePath and VideoPath build for a
// slugified headline are the ones the site's router takes apart again: the
// same id and slug, and no redirect to a cleaned path.
func FuzzItemPaths(f *testing.F) {
	f.Add(int64(42), "Rains lash Colombo")
	f.Add(int64(1), "ශ්\u200dරී ලංකා")
	f.Add(int64(9223372036854775807), "100% / 50% ? # & .. .")
	f.Add(int64(7), "%2F%2e%2E")
	f.Fuzz(func(t *testing.T, id int64, headline string) {
		if id < 1 {
			return // ids come from the database and start at 1
		}
		slug := Slugify(headline)
		for _, tc := range []struct{ prefix, path string }{
			{"/news/", ArticlePath(id, slug)},
			{"/video/", VideoPath(id, slug)},
		} {
			var gotID, gotSlug string
			mux := http.NewServeMux()
			mux.HandleFunc("GET "+tc.prefix+"{id}/{slug}", func(w http.ResponseWriter, r *http.Request) {
				gotID, gotSlug = r.PathValue("id"), r.PathValue("slug")
			})
			req, err := http.NewRequest("GET", "https://dateline.lk"+tc.path, nil)
			if err != nil {
				t.Fatalf("%q is not a URL path: %v", tc.path, err)
			}
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, req)
			if w.Code != http.StatusOK || gotID != strconv.FormatInt(id, 10) || gotSlug != slug {
				t.Fatalf("%q (id %d, slug %q) routed with status %d to id %q, slug %q", tc.path, id, slug, w.Code, gotID, gotSlug)
			}
		}
	})
}

// FuzzNewEditions checks that any accepted edition list has one edition at
// the root and distinct, valid others, and that Path keeps every edition's
// pages under its own prefix.
func FuzzNewEditions(f *testing.F) {
	for _, s := range []string{"en,si,ta", "si,en,ta", "ta", "en,en", "", " si , ta", "fr", "en,,si", "EN"} {
		f.Add(s, "si", "/news/1/x")
	}
	f.Fuzz(func(t *testing.T, list, lang, p string) {
		langs := strings.Split(list, ",")
		e, err := NewEditions(langs)
		if err != nil {
			if len(e.All()) != 0 {
				t.Fatalf("NewEditions(%q) failed but returned %v", langs, e.All())
			}
			return
		}
		all := e.All()
		if len(all) != len(langs) || all[0] != e.Default() || all[0].Prefix != "" {
			t.Fatalf("NewEditions(%q) = %+v: the first must be the default, at the root", langs, all)
		}
		seen := map[string]bool{}
		for i, ed := range all {
			if !ValidLang(ed.Lang) || seen[ed.Lang] || ed.Lang != strings.TrimSpace(langs[i]) {
				t.Fatalf("NewEditions(%q) = %+v: edition %d", langs, all, i)
			}
			seen[ed.Lang] = true
			if i > 0 && ed.Prefix != "/"+ed.Lang {
				t.Fatalf("NewEditions(%q): %s has prefix %q", langs, ed.Lang, ed.Prefix)
			}
			if got, ok := e.Get(ed.Lang); !ok || got != ed {
				t.Fatalf("Get(%q) = %+v, %v", ed.Lang, got, ok)
			}
		}
		if !strings.HasPrefix(p, "/") {
			return
		}
		got := e.Path(lang, p)
		switch ed, ok := e.Get(lang); {
		case ok:
			if got != ed.Prefix+p {
				t.Fatalf("Path(%q, %q) = %q, want it under %q", lang, p, got, ed.Prefix)
			}
		case lang == "":
			if got != p {
				t.Fatalf("Path(\"\", %q) = %q, want the default edition's", p, got)
			}
		default:
			if got != "/"+lang+p {
				t.Fatalf("Path(%q, %q) = %q for a language without an edition", lang, p, got)
			}
		}
	})
}
