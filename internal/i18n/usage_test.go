package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The public templates call the catalogue as {{.Text.T "key" ...}},
// {{$t.N "key" n}} and so on. Keys must be written out, so that this test
// can find every one of them.
var (
	templateCall    = regexp.MustCompile(`\.(T|N)\s+"([^"]*)"`)
	templateDynamic = regexp.MustCompile(`\.(T|N)\s+[^"\s}]`)
	// In Go code, keys are the first argument of T and N, the key argument
	// of the site's fail and failCount, and the comment service's
	// "comment.error.*" literals.
	goCalls = []struct {
		call string
		re   *regexp.Regexp
	}{
		{"T", regexp.MustCompile(`\.T\(\s*"([^"]*)"`)},
		{"N", regexp.MustCompile(`\.N\(\s*"([^"]*)"`)},
		{"T", regexp.MustCompile(`\bfail\(\s*http\.\w+,\s*"([^"]*)"`)},
		{"N", regexp.MustCompile(`\bfailCount\(\s*http\.\w+,\s*"([^"]*)"`)},
		{"T", regexp.MustCompile(`"(comment\.error\.[^"]*)"`)},
	}
)

// TestTemplatesUseKnownKeys reads the public site's templates (the newsroom's
// interface stays in English) and fails on a key that is not in the
// catalogues, which would show as "[key]" on the page.
func TestTemplatesUseKnownKeys(t *testing.T) {
	en := load(t).Get("en")
	found := 0
	for _, dir := range []string{"layouts", "partials", "pages"} {
		files, err := filepath.Glob(filepath.Join("..", "..", "ui", "templates", dir, "*.html"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no templates in ui/templates/%s (%v)", dir, err)
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range templateCall.FindAllStringSubmatch(string(src), -1) {
				found++
				checkKey(t, en, f, m[1], m[2])
			}
			for _, m := range templateDynamic.FindAllString(string(src), -1) {
				t.Errorf("%s: %q: write the catalogue key out in the template", f, m)
			}
		}
	}
	if found < 80 {
		t.Errorf("found only %d catalogue calls in the templates; is the pattern still right?", found)
	}
}

// TestGoCodeUsesKnownKeys does the same for the Go code that names keys:
// the public site's handlers and the comment service's reader-facing errors.
func TestGoCodeUsesKnownKeys(t *testing.T) {
	en := load(t).Get("en")
	found := 0
	for _, dir := range []string{"site", "comments"} {
		files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in internal/%s (%v)", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range goCalls {
				for _, m := range c.re.FindAllStringSubmatch(string(src), -1) {
					found++
					checkKey(t, en, f, c.call, m[1])
				}
			}
		}
	}
	if found < 30 {
		t.Errorf("found only %d catalogue keys in the Go code; is the pattern still right?", found)
	}
}

// checkKey accepts key for T, and for N (or a key handed on to N) the pair
// key.one and key.other.
func checkKey(t *testing.T, en *Catalogue, file, call, key string) {
	t.Helper()
	plural := en.Has(key+".one") && en.Has(key+".other")
	switch {
	case call == "N" && !plural:
		t.Errorf("%s: N %q, but the catalogues lack %s.one or %s.other", file, key, key, key)
	case call == "T" && !en.Has(key) && !plural:
		t.Errorf("%s: %q is not in the catalogues", file, key)
	}
}
