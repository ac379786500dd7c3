package pagecache

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// cachedSite is the miss path a site would write: Get, else Record and Put.
func cachedSite(c *Cache, page http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.Path
		if e, ok := c.Get(key); ok {
			w.Header().Set("X-Cache", "hit")
			e.Serve(w, r)
			return
		}
		epoch := c.Epoch()
		w.Header().Set("X-Cache", "miss")
		if e := c.Record(page, w, r); e != nil {
			c.Put(key, e, epoch)
		}
	})
}

func articleHandler(calls *atomic.Int32) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=60")
		w.Header().Set("Surrogate-Key", "article:1 section:local edition:en")
		_, _ = w.Write(articlePage(200, 1))
	})
}

func waitForEntries(t *testing.T, c *Cache, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); c.Stats().Entries != n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d entries, want %d", c.Stats().Entries, n)
		}
	}
}

func TestRecordCachesAPage(t *testing.T) {
	c := New(8 << 20)
	var calls atomic.Int32
	srv := httptest.NewServer(cachedSite(c, articleHandler(&calls)))
	t.Cleanup(srv.Close)
	page := articlePage(200, 1)

	resp, body := fetch(t, srv, "GET", "Accept-Encoding: gzip")
	if resp.Header.Get("X-Cache") != "miss" || resp.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(gunzip(t, body), page) {
		t.Fatalf("first request: %s, Content-Encoding %q", resp.Header.Get("X-Cache"), resp.Header.Get("Content-Encoding"))
	}
	firstTag := resp.Header.Get("Etag")
	// The client has the page before the handler returns from Record and
	// Puts it.
	waitForEntries(t, c, 1)

	resp, body = fetch(t, srv, "GET")
	if resp.Header.Get("X-Cache") != "hit" || !bytes.Equal(body, page) {
		t.Fatalf("second request: %s, %d bytes", resp.Header.Get("X-Cache"), len(body))
	}
	resp, _ = fetch(t, srv, "GET", "Accept-Encoding: gzip", "If-None-Match: "+firstTag)
	if resp.StatusCode != 304 {
		t.Errorf("revalidation: status %d", resp.StatusCode)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the page was rendered %d times", n)
	}
	e, _ := c.Get("/news/1/x")
	if want := []string{"article:1", "section:local", "edition:en"}; !slices.Equal(e.Tags, want) {
		t.Errorf("Tags = %q, want %q from Surrogate-Key", e.Tags, want)
	}
	if c.Invalidate("section:local") != 1 {
		t.Error("invalidating the page's section did not remove it")
	}
	if resp, _ := fetch(t, srv, "GET"); resp.Header.Get("X-Cache") != "miss" || calls.Load() != 2 {
		t.Errorf("after invalidation: %s, %d renders", resp.Header.Get("X-Cache"), calls.Load())
	}
	t.Run("a conditional first request gets a 304 from the fresh render", func(t *testing.T) {
		c.Purge()
		resp, _ := fetch(t, srv, "GET", "If-None-Match: "+e.ETag)
		if resp.Header.Get("X-Cache") != "miss" || resp.StatusCode != 304 {
			t.Errorf("%s, status %d", resp.Header.Get("X-Cache"), resp.StatusCode)
		}
	})
}

func TestRecordPassesUncacheableResponsesThrough(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MB: over an eighth of the 4 MB budget
	tests := []struct {
		name    string
		handler http.HandlerFunc
		status  int
		header  map[string]string
		body    []byte
	}{
		{"a staff page", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Set-Cookie", "session=abc; HttpOnly")
			w.Header().Set("Cache-Control", "private, no-store")
			w.Write([]byte("<h1>Newsroom</h1>"))
		}, 200, map[string]string{"Set-Cookie": "session=abc; HttpOnly", "Cache-Control": "private, no-store"}, []byte("<h1>Newsroom</h1>")},
		{"not found", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(404)
			w.Write([]byte("<h1>Not found</h1>"))
		}, 404, map[string]string{"Content-Type": "text/html"}, []byte("<h1>Not found</h1>")},
		{"a redirect", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/news/1/right-slug", http.StatusMovedPermanently)
		}, 301, map[string]string{"Location": "/news/1/right-slug"}, nil},
		{"too large to cache", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(big[:1000])
			w.Write(big[1000:])
		}, 200, map[string]string{"Content-Type": "application/octet-stream"}, big},
		{"varies on a cookie", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Vary", "Cookie")
			io.WriteString(w, "hello, reader")
		}, 200, map[string]string{"Vary": "Cookie"}, []byte("hello, reader")},
		{"a no-store header written with no body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "no-store")
		}, 200, map[string]string{"Cache-Control": "no-store"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(4 << 20)
			var recorded *Entry
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				recorded = c.Record(tt.handler, w, r)
			}))
			t.Cleanup(srv.Close)
			client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			resp, err := client.Get(srv.URL + "/x")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if recorded != nil {
				t.Error("Record returned an entry")
			}
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			for k, v := range tt.header {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if tt.body != nil && !bytes.Equal(body, tt.body) {
				t.Errorf("body %d bytes, want %d", len(body), len(tt.body))
			}
			if resp.Header.Get("Etag") != "" {
				t.Error("an uncacheable response got an ETag")
			}
		})
	}
}

func TestRecordStreamsUncacheableResponses(t *testing.T) {
	// A handler that writes, flushes and then waits for the client to read
	// what it wrote: only a pass-through, not a buffer, lets it finish.
	c := New(8 << 20)
	read := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.Record(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "no-store")
			io.WriteString(w, "first line\n")
			http.NewResponseController(w).Flush()
			select {
			case <-read:
				io.WriteString(w, "second line\n")
			case <-time.After(5 * time.Second):
				io.WriteString(w, "timed out\n")
			}
		}), w, r)
	}))
	t.Cleanup(srv.Close)
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	first, err := br.ReadString('\n')
	if err != nil || first != "first line\n" {
		t.Fatalf("first line %q, %v", first, err)
	}
	close(read)
	if second, _ := br.ReadString('\n'); second != "second line\n" {
		t.Errorf("second line %q", second)
	}
}

func TestRecordOnlyRecordsGET(t *testing.T) {
	c := New(8 << 20)
	var calls atomic.Int32
	for _, method := range []string{"HEAD", "POST"} {
		r := httptest.NewRequest(method, "/news/1/x", nil)
		w := httptest.NewRecorder()
		if e := c.Record(articleHandler(&calls), w, r); e != nil {
			t.Errorf("%s recorded", method)
		}
		if w.Code != 200 || w.Body.Len() == 0 {
			t.Errorf("%s: the handler's response did not reach the client: %d, %d bytes", method, w.Code, w.Body.Len())
		}
	}
}

func TestRecorder(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		status  int
		header  http.Header
		body    string
	}{
		{"writes without WriteHeader", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, "one ")
			w.Write([]byte("two"))
		}, 200, http.Header{"Content-Type": {"text/plain"}}, "one two"},
		{"writes nothing", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Robots-Tag", "noindex")
		}, 200, http.Header{"X-Robots-Tag": {"noindex"}}, ""},
		{"header changes after WriteHeader are not sent", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "public")
			w.WriteHeader(201)
			w.Header().Set("Cache-Control", "private")
			w.WriteHeader(500)
			io.WriteString(w, "made")
		}, 201, http.Header{"Cache-Control": {"public"}}, "made"},
		{"an informational status is skipped", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Link", "</static/site.css>; rel=preload")
			w.WriteHeader(http.StatusEarlyHints)
			io.WriteString(w, "page")
		}, 200, http.Header{"Link": {"</static/site.css>; rel=preload"}}, "page"},
		{"no body with 204", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(204)
			if _, err := io.WriteString(w, "ignored"); err != http.ErrBodyNotAllowed {
				panic("write to a 204 allowed")
			}
		}, 204, http.Header{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := NewRecorder()
			tt.handler(rec, httptest.NewRequest("GET", "/", nil))
			rec.Flush() // harmless while recording
			status, header, body := rec.Result()
			if status != tt.status || string(body) != tt.body {
				t.Errorf("got %d %q, want %d %q", status, body, tt.status, tt.body)
			}
			for k := range tt.header {
				if header.Get(k) != tt.header.Get(k) {
					t.Errorf("%s = %q, want %q", k, header.Get(k), tt.header.Get(k))
				}
			}
			if len(header) != len(tt.header) {
				t.Errorf("header %v, want %v", header, tt.header)
			}
		})
	}
	t.Run("Result feeds NewEntry", func(t *testing.T) {
		rec := NewRecorder()
		var calls atomic.Int32
		articleHandler(&calls).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		e := New(8 << 20).NewEntry(rec.Result())
		if !Cacheable(e) || e.Gzip == nil || !strings.HasPrefix(e.Header.Get("Content-Type"), "text/html") {
			t.Errorf("entry: cacheable %v, gzip %d bytes, type %q", Cacheable(e), len(e.Gzip), e.Header.Get("Content-Type"))
		}
	})
}
