package pagecache

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"net/http"
	"regexp"
	"testing"
)

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestNewEntryETag(t *testing.T) {
	c := New(1 << 20)
	page := articlePage(10, 1)
	a := c.NewEntry(200, nil, page)
	b := c.NewEntry(200, nil, bytes.Clone(page))
	other := c.NewEntry(200, nil, articlePage(10, 2))
	strong := regexp.MustCompile(`^"[A-Za-z0-9_-]{22}"$`)
	if !strong.MatchString(a.ETag) {
		t.Errorf("ETag %s is not a quoted 22-character hash", a.ETag)
	}
	if a.ETag != b.ETag {
		t.Errorf("the same bytes got different tags: %s, %s", a.ETag, b.ETag)
	}
	if a.ETag == other.ETag {
		t.Errorf("different pages got the same tag %s", a.ETag)
	}
	if want := a.ETag[:23] + `-gzip"`; a.GzipETag != want {
		t.Errorf("GzipETag = %s, want %s", a.GzipETag, want)
	}
}

func TestNewEntryGzip(t *testing.T) {
	random := make([]byte, 64<<10)
	for i := range random {
		random[i] = byte(rand.Uint32())
	}
	page := articlePage(200, 1)
	tests := []struct {
		name   string
		header http.Header
		body   []byte
		gzip   bool
	}{
		{"an article page", nil, page, true},
		{"exactly MinGzipSize of text", nil, bytes.Repeat([]byte("a"), MinGzipSize), true},
		{"under MinGzipSize", nil, bytes.Repeat([]byte("a"), MinGzipSize-1), false},
		{"bytes that do not shrink", nil, random, false},
		{"already encoded by the handler", http.Header{"Content-Encoding": {"br"}}, page, false},
		{"identity encoding is no encoding", http.Header{"Content-Encoding": {"identity"}}, page, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := New(1<<20).NewEntry(200, tt.header, tt.body)
			if (e.Gzip != nil) != tt.gzip {
				t.Fatalf("gzip form made: %v, want %v", e.Gzip != nil, tt.gzip)
			}
			if e.Gzip == nil {
				if e.GzipETag != "" {
					t.Errorf("GzipETag %s with no gzip form", e.GzipETag)
				}
				return
			}
			if len(e.Gzip) >= len(e.Body) {
				t.Errorf("gzip form %d bytes, body %d", len(e.Gzip), len(e.Body))
			}
			if !bytes.Equal(gunzip(t, e.Gzip), tt.body) {
				t.Error("gzip form does not decompress to the body")
			}
		})
	}
	t.Run("reused writers make the same bytes", func(t *testing.T) {
		c := New(1 << 20)
		first := c.NewEntry(200, nil, page).Gzip
		c.NewEntry(200, nil, articlePage(50, 9))
		if again := c.NewEntry(200, nil, page).Gzip; !bytes.Equal(first, again) {
			t.Error("a reused writer compressed the same page differently")
		}
	})
}

func TestNewEntryHeader(t *testing.T) {
	in := http.Header{
		"Content-Type":      {"text/html; charset=utf-8"},
		"Cache-Control":     {"public, max-age=60, s-maxage=300"},
		"Surrogate-Key":     {"article:1 section:local edition:en"},
		"Content-Length":    {"999"},
		"Etag":              {`"handler-tag"`},
		"Date":              {"Tue, 03 May 2025 10:00:00 GMT"},
		"Connection":        {"keep-alive"},
		"Transfer-Encoding": {"chunked"},
	}
	e := New(1<<20).NewEntry(200, in, []byte("<p>hello</p>"))
	for _, k := range []string{"Content-Length", "Etag", "Date", "Connection", "Transfer-Encoding"} {
		if v, ok := e.Header[k]; ok {
			t.Errorf("kept %s: %v", k, v)
		}
	}
	for _, k := range []string{"Content-Type", "Cache-Control", "Surrogate-Key"} {
		if e.Header.Get(k) != in.Get(k) {
			t.Errorf("%s = %q, want %q", k, e.Header.Get(k), in.Get(k))
		}
	}
	in["Cache-Control"][0] = "no-store"
	if e.Header.Get("Cache-Control") == "no-store" {
		t.Error("the entry shares the caller's header values")
	}
	t.Run("a missing Content-Type is sniffed from the body", func(t *testing.T) {
		e := New(1<<20).NewEntry(200, nil, articlePage(0, 1))
		if got := e.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
			t.Errorf("Content-Type = %q", got)
		}
	})
	t.Run("spare capacity is not held", func(t *testing.T) {
		body := make([]byte, 100, 1000)
		// bytes.Clone rounds up to the allocator's size class, at most 1/8.
		if e := New(1<<20).NewEntry(200, nil, body); cap(e.Body)-len(e.Body) > len(e.Body)/8 {
			t.Errorf("body kept with capacity %d for %d bytes", cap(e.Body), len(e.Body))
		}
	})
}

func TestCacheable(t *testing.T) {
	tests := []struct {
		name   string
		status int
		header http.Header
		want   bool
	}{
		{"a public page", 200, http.Header{"Cache-Control": {"public, max-age=60"}}, true},
		{"no Cache-Control", 200, nil, true},
		{"no-cache is for downstream caches", 200, http.Header{"Cache-Control": {"no-cache"}}, true},
		{"Vary on Accept-Encoding", 200, http.Header{"Vary": {"accept-encoding"}}, true},
		{"not found", 404, nil, false},
		{"a redirect", 301, nil, false},
		{"no content", 204, nil, false},
		{"a server error", 500, nil, false},
		{"sets a cookie", 200, http.Header{"Set-Cookie": {"session=abc; HttpOnly"}}, false},
		{"private", 200, http.Header{"Cache-Control": {"private, max-age=0"}}, false},
		{"private in capitals", 200, http.Header{"Cache-Control": {"max-age=60, PRIVATE"}}, false},
		{"private for one field", 200, http.Header{"Cache-Control": {`private="Set-Cookie", max-age=60`}}, false},
		{"no-store", 200, http.Header{"Cache-Control": {"no-store"}}, false},
		{"no-store on a second line", 200, http.Header{"Cache-Control": {"max-age=60", "no-store"}}, false},
		{"Vary on Cookie", 200, http.Header{"Vary": {"Accept-Encoding, Cookie"}}, false},
		{"Vary *", 200, http.Header{"Vary": {"*"}}, false},
		{"encoded by the handler", 200, http.Header{"Content-Encoding": {"gzip"}}, false},
	}
	c := New(1 << 20)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Cacheable(c.NewEntry(tt.status, tt.header, []byte("x"))); got != tt.want {
				t.Errorf("Cacheable = %v, want %v", got, tt.want)
			}
		})
	}
	if Cacheable(nil) {
		t.Error("Cacheable(nil) = true")
	}
}

func TestGzipLevelOption(t *testing.T) {
	page := articlePage(200, 1)
	fast := New(8<<20).NewEntry(200, nil, page)
	small := NewWithOptions(Options{MaxBytes: 8 << 20, GzipLevel: gzip.BestCompression}).NewEntry(200, nil, page)
	if len(small.Gzip) >= len(fast.Gzip) {
		t.Errorf("level 9 made %d bytes, the default %d", len(small.Gzip), len(fast.Gzip))
	}
	if !bytes.Equal(gunzip(t, small.Gzip), page) {
		t.Error("level 9 form does not decompress to the page")
	}
	for _, bad := range []int{-2, 10} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("level %d accepted", bad)
				}
			}()
			NewWithOptions(Options{GzipLevel: bad})
		}()
	}
}
