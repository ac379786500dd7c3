package pagecache

import (
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// discard is a ResponseWriter that keeps nothing but a header map, cleared
// per request as net/http gives each request a fresh one.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) WriteHeader(int)             {}
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkGetHit is a cache hit's lookup from all CPUs at once, on 1,000
// protected pages.
func BenchmarkGetHit(b *testing.B) {
	c := New(256 << 20)
	const pages = 1000
	keys := make([]string, pages)
	for i := range keys {
		keys[i] = fmt.Sprintf("/news/%d/kalu-ganga-bursts-its-banks", i)
		c.Put(keys[i], &Entry{Status: 200, Body: make([]byte, 8<<10)}, c.Epoch())
		c.Get(keys[i])
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, ok := c.Get(keys[i%pages]); !ok {
				b.Fatal("miss")
			}
			i += 7
		}
	})
}

// BenchmarkServeGzip serves a cached article page of about 100 KB (200
// comments) in its gzip form, as a hit does after Get.
func BenchmarkServeGzip(b *testing.B) {
	for _, tt := range []struct {
		name string
		ae   string
	}{{"gzip", "gzip, deflate, br"}, {"identity", ""}} {
		b.Run(tt.name, func(b *testing.B) {
			e := pageEntry(New(8 << 20))
			r := httptest.NewRequest("GET", "/news/1/x", nil)
			if tt.ae != "" {
				r.Header.Set("Accept-Encoding", tt.ae)
			}
			w := &discard{h: http.Header{}}
			b.ReportAllocs()
			b.SetBytes(int64(len(e.Body)))
			for b.Loop() {
				clear(w.h)
				e.Serve(w, r)
			}
			if (w.h.Get("Content-Encoding") == "gzip") != (tt.ae != "") {
				b.Fatal("wrong form served")
			}
		})
	}
}

// BenchmarkPut stores prebuilt pages into a full cache, so every Put also
// evicts.
func BenchmarkPut(b *testing.B) {
	c := New(16 << 20)
	const pages = 4096
	entries := make([]*Entry, pages)
	keys := make([]string, pages)
	for i := range entries {
		keys[i] = fmt.Sprintf("/news/%d/kalu-ganga-bursts-its-banks", i)
		entries[i] = &Entry{Status: 200, Body: make([]byte, 24<<10), Tags: []string{fmt.Sprint("article:", i), "section:local", "edition:en"}}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Put(keys[i%pages], entries[i%pages], c.Epoch())
		i++
	}
}

// BenchmarkRecord is the cache's part of a miss on a 100 KB article page:
// record the handler's output, hash it, compress it once and serve it. The
// handler writes prepared bytes, so rendering is not counted.
func BenchmarkRecord(b *testing.B) {
	page := articlePage(200, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(page)
	})
	for _, level := range []int{gzip.BestSpeed, gzip.DefaultCompression} {
		b.Run(fmt.Sprint("level=", level), func(b *testing.B) {
			c := NewWithOptions(Options{MaxBytes: 64 << 20, GzipLevel: level})
			r := httptest.NewRequest("GET", "/news/1/x", nil)
			r.Header.Set("Accept-Encoding", "gzip")
			w := &discard{h: http.Header{}}
			b.ReportAllocs()
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				clear(w.h)
				if c.Record(h, w, r) == nil {
					b.Fatal("not recorded")
				}
			}
		})
	}
}

// BenchmarkGzipLevels compresses the 100 KB article page at each level, and
// reports the compressed size: the numbers behind Options.GzipLevel.
func BenchmarkGzipLevels(b *testing.B) {
	page := articlePage(200, 1)
	for _, level := range []int{1, 2, 4, 6, 9} {
		b.Run(fmt.Sprint("level=", level), func(b *testing.B) {
			gz := newCompressor(level, 1)
			var out []byte
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				out = gz.compress(page)
			}
			b.ReportMetric(float64(len(out)), "gzip-bytes")
			b.ReportMetric(100*float64(len(out))/float64(len(page)), "%-of-page")
		})
	}
}
