package ui

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestTemplatesNeedNoUnsafeInline checks every template against what the
// Content-Security-Policy (internal/server/headers.go) forbids, so a page
// that would break under it, or need 'unsafe-inline' to work, fails here
// rather than in a reader's browser: no inline script (only files from
// /static/ and the JSON-LD data block), no inline event handler, no style
// element or attribute, no javascript: URL.
func TestTemplatesNeedNoUnsafeInline(t *testing.T) {
	tagRE := regexp.MustCompile(`(?is)<[a-z][^>]*>`)
	handlerRE := regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	styleAttrRE := regexp.MustCompile(`(?i)\sstyle\s*=`)
	scriptRE := regexp.MustCompile(`(?is)<script\b([^>]*)>`)
	checked := 0
	err := fs.WalkDir(files, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		raw, err := fs.ReadFile(files, path)
		if err != nil {
			return err
		}
		checked++
		text := string(raw)
		for _, tag := range tagRE.FindAllString(text, -1) {
			if handlerRE.MatchString(tag) {
				t.Errorf("%s: inline event handler in %s", path, tag)
			}
			if styleAttrRE.MatchString(tag) {
				t.Errorf("%s: style attribute in %s", path, tag)
			}
		}
		for _, m := range scriptRE.FindAllStringSubmatch(text, -1) {
			attrs := m[1]
			if !strings.Contains(attrs, "src=") && !strings.Contains(attrs, `type="application/ld+json"`) {
				t.Errorf("%s: inline script %s", path, m[0])
			}
		}
		if regexp.MustCompile(`(?i)<style\b`).MatchString(text) {
			t.Errorf("%s: a <style> element (put the rules in static/css)", path)
		}
		if strings.Contains(strings.ToLower(text), "javascript:") {
			t.Errorf("%s: a javascript: URL", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Fatalf("checked %d templates; the walk is missing some", checked)
	}
}
