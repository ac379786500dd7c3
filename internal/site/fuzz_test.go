package site

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"dateline/internal/config"
	"dateline/internal/news"
	"dateline/internal/search"
	"dateline/internal/web"
)

// segments decodes an escaped path segment by segment, as the router does.
func segments(escaped string) []string {
	segs := strings.Split(escaped, "/")
	for i, s := range segs {
		if raw, err := url.PathUnescape(s); err == nil {
			segs[i] = raw
		}
	}
	return segs
}

// spelledOut escapes every byte of every segment ("/news/1/abc" becomes
// "/%6e%65%77%73/%31/%61%62%63"): the same page, written another way.
func spelledOut(escaped string) string {
	segs := segments(escaped)
	for i, s := range segs {
		var b strings.Builder
		for j := 0; j < len(s); j++ {
			fmt.Fprintf(&b, "%%%02x", s[j])
		}
		segs[i] = b.String()
	}
	return strings.Join(segs, "/")
}

// FuzzCacheKey checks the page cache's key: personal and absurd requests
// are not cached; the key is bounded; every spelling of one page (escapes,
// parameter order, tracking parameters) gets the same key; and the key
// still tells apart everything the page depends on.
func FuzzCacheKey(f *testing.F) {
	for _, s := range []string{
		"/", "/si/", "/news/1/rains-lash-colombo", "/news/1/rains-lash-colombo?utm_source=x&page=2",
		"/section/local?page=2&lang=si", "/video?programme=news-1st&page=3&lang=ta&cb=123",
		"/news/1/%E0%B6%9A%E0%B7%9C", "/news/1/%61bc", "/a%2Fb", "/a/b", "/news/1/x?comment=5", "/news/1/x?reply=",
		"/news/1/x?page=" + strings.Repeat("9", 65), "/x?page=1&page=2", "/x?page=%32", "/a;b,c:d@e(f)!", "/%2e%2e/x",
		"http://other.example/news/1/x?lang=en", "/x?a=%zz&page=2", "/x?page=2;lang=si",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil || !strings.HasPrefix(u.EscapedPath(), "/") {
			return // the server answers 400 before any handler runs
		}
		key, ok := cacheKey(&http.Request{Method: "GET", URL: u})
		q := u.Query()
		personal := slices.ContainsFunc(personalParams, q.Has)
		long := slices.ContainsFunc(cacheParams, func(p string) bool { return len(q.Get(p)) > 64 })
		if ok == (personal || long) {
			t.Fatalf("cacheKey(%q) cacheable = %v, with personal parameters %v and overlong values %v", target, ok, personal, long)
		}
		if !ok {
			return
		}
		path, query, _ := strings.Cut(key, "?")
		if len(path) > 3*len(u.EscapedPath()) || len(query) > len(cacheParams)*(len("programme=")+3*64+1) {
			t.Fatalf("cacheKey(%q) = %q: longer than the request allows", target, key)
		}
		if !slices.Equal(segments(path), segments(u.EscapedPath())) {
			t.Fatalf("cacheKey(%q) = %q names the path %q, the router %q", target, key, segments(path), segments(u.EscapedPath()))
		}
		kept, err := url.ParseQuery(query)
		if err != nil {
			t.Fatalf("cacheKey(%q) = %q: %v", target, key, err)
		}
		for _, p := range cacheParams {
			if kept.Get(p) != q.Get(p) {
				t.Fatalf("cacheKey(%q) = %q: %s is %q, the handler reads %q", target, key, p, kept.Get(p), q.Get(p))
			}
		}
		other := spelledOut(u.EscapedPath()) + "?utm_source=fuzz&" + q.Encode() + "&cb=1"
		ou, err := url.ParseRequestURI(other)
		if err != nil {
			t.Fatalf("%q: %v", other, err)
		}
		if key2, ok2 := cacheKey(&http.Request{Method: "GET", URL: ou}); key2 != key || !ok2 {
			t.Fatalf("the same page has two keys: %q for %q, %q (cacheable %v) for %q", key, target, key2, ok2, other)
		}
	})
}

// FuzzPathParams checks the id and slug read from article, video, section
// and tag addresses: an id is accepted only as the site writes ids, and
// every slug Slugify makes is accepted.
func FuzzPathParams(f *testing.F) {
	for _, s := range []string{"1", "42", "0", "-1", "+5", "05", "9223372036854775807", "9223372036854775808", "1e3", " 1", "0x1", ""} {
		f.Add(s, int64(7), "Rains lash Colombo")
	}
	f.Add("x", int64(-3), "ශ්\u200dරී ලංකා \xff")
	f.Fuzz(func(t *testing.T, raw string, id int64, headline string) {
		r := &http.Request{}
		r.SetPathValue("id", raw)
		got, err := pathID(r, "id")
		if err == nil && (got < 1 || strconv.FormatInt(got, 10) != raw) {
			t.Fatalf("pathID(%q) = %d", raw, got)
		}
		if err != nil && got != 0 {
			t.Fatalf("pathID(%q) refused it but gave %d", raw, got)
		}
		if id >= 1 {
			r.SetPathValue("id", strconv.FormatInt(id, 10))
			if got, err := pathID(r, "id"); err != nil || got != id {
				t.Fatalf("pathID of the site's own %d = %d, %v", id, got, err)
			}
		}
		r.SetPathValue("slug", raw)
		if slug, err := pathSlug(r, "slug"); err == nil && (slug != raw || raw == "" || len(raw) > 200 || !utf8.ValidString(raw)) {
			t.Fatalf("pathSlug(%q) = %q", raw, slug)
		}
		slug := news.Slugify(headline)
		r.SetPathValue("slug", slug)
		if got, err := pathSlug(r, "slug"); err != nil || got != slug {
			t.Fatalf("pathSlug refuses the slug %q Slugify made of %q: %v", slug, headline, err)
		}
	})
}

// FuzzArticleSitemapNumber checks that the names the sitemap index writes
// are read back, and that each article sitemap has only that one name.
func FuzzArticleSitemapNumber(f *testing.F) {
	for _, s := range []string{"articles-1.xml", "articles-10000.xml", "articles-10001.xml", "articles-0.xml", "articles-01.xml",
		"articles-+1.xml", "articles--1.xml", "articles-1.xml.xml", "articles-.xml", "sections.xml", "articles-1"} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, file string, n int) {
		if got, ok := articleSitemapNumber(file); ok && (got < 1 || got > maxArticleSitemaps || articleSitemapName(got) != file) {
			t.Fatalf("articleSitemapNumber(%q) = %d", file, got)
		}
		if n >= 1 && n <= maxArticleSitemaps {
			if got, ok := articleSitemapNumber(articleSitemapName(n)); !ok || got != n {
				t.Fatalf("articleSitemapNumber(%q) = %d, %v", articleSitemapName(n), got, ok)
			}
		}
	})
}

// FuzzListURLs checks the addresses the site writes for pages of searches
// and video lists: whatever the reader typed, the handlers read back the
// same query, language, programme and page; and the search form shows the
// query again as text a form can hold.
func FuzzListURLs(f *testing.F) {
	f.Add("Sri Lanka cricket", "si", "news-1st", 2)
	f.Add("a&page=3#x?y", "", "", 1)
	f.Add("\xff\x00\u0085 \u2028", "ta", "a b", 100000)
	f.Add(strings.Repeat("ශ්\u200dරී ", 60), "en\x00", "", 0)
	f.Fuzz(func(t *testing.T, q, lang, programme string, page int) {
		for _, addr := range []string{searchURL(q, page), videoListURL(lang, programme, page)} {
			u, err := url.ParseRequestURI(addr)
			if err != nil {
				t.Fatalf("%q: %v", addr, err)
			}
			r := &http.Request{Method: "GET", URL: u}
			got, err := web.PageNumber(r)
			if want := max(page, 1); page <= web.MaxPage && (err != nil || got != want) {
				t.Fatalf("%q: page %d, %v; want %d", addr, got, err, want)
			}
			vals := u.Query()
			if strings.HasPrefix(addr, "/search") && vals.Get("q") != q {
				t.Fatalf("%q: q is %q, want %q", addr, vals.Get("q"), q)
			}
			if strings.HasPrefix(addr, "/video") && (vals.Get("lang") != lang || vals.Get("programme") != programme) {
				t.Fatalf("%q: lang %q, programme %q", addr, vals.Get("lang"), vals.Get("programme"))
			}
		}
		shown := formValue(q)
		if !utf8.ValidString(shown) || len(shown) > search.MaxQueryBytes || strings.ContainsFunc(shown, unicode.IsControl) {
			t.Fatalf("formValue(%q) = %q", q, shown)
		}
	})
}

// FuzzEditionPrefix checks that byPrefix, which picks the edition of a page
// the router did not match, and Edition.Path agree: a page's path inside
// an edition is always read back as that edition.
func FuzzEditionPrefix(f *testing.F) {
	for _, s := range []string{"/", "/news/1/x", "/section/local", "/no-such-page", "/sites", "/s", "//x", "/tamil"} {
		f.Add("en,si,ta", s)
		f.Add("si,ta,en", s)
	}
	f.Fuzz(func(t *testing.T, list, p string) {
		eds, err := news.NewEditions(strings.Split(list, ","))
		if err != nil || !strings.HasPrefix(p, "/") {
			return
		}
		for _, ed := range eds.All() {
			if ed.Prefix != "" && (p == ed.Prefix || strings.HasPrefix(p, ed.Prefix+"/")) {
				return // no page of an edition starts with a language code
			}
		}
		s := &Site{cfg: config.Config{Editions: eds}}
		for _, ed := range eds.All() {
			var got news.Edition
			h := s.byPrefix(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = s.edition(r) }))
			h.ServeHTTP(nil, &http.Request{URL: &url.URL{Path: ed.Path(p)}})
			if got != ed {
				t.Fatalf("editions %q: %q is read as %+v, want %+v", list, ed.Path(p), got, ed)
			}
		}
	})
}
