package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dateline/internal/pagecache"
)

// TestCachedMissesRenderOnce: many readers asking at once for a page that
// is not cached cause one render, and all get the page.
func TestCachedMissesRenderOnce(t *testing.T) {
	s := &Site{cache: pagecache.New(8 << 20), now: time.Now}
	var renders, arrived atomic.Int32
	gate := make(chan struct{})
	page := "<!doctype html><p>The story</p>" + strings.Repeat("<p>more</p>", 300)
	cached := s.cached(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders.Add(1)
		<-gate
		shared(w, "article:1")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	}))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived.Add(1)
		cached.ServeHTTP(w, r)
	}))
	defer srv.Close()

	const readers = 20
	bodies := make([]string, readers)
	var wg sync.WaitGroup
	for i := range readers {
		wg.Go(func() {
			resp, err := http.Get(srv.URL + "/news/1/the-story?utm_source=x")
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 {
				t.Errorf("reader %d: %d", i, resp.StatusCode)
			}
			bodies[i] = string(b)
		})
	}
	// Every request is in before the render may finish; the pause lets the
	// last ones reach the wait for the render in progress.
	for arrived.Load() < readers {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	close(gate)
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("%d concurrent misses rendered the page %d times, want once", readers, n)
	}
	for i, b := range bodies {
		if b != page {
			t.Errorf("reader %d got %d bytes, not the page", i, len(b))
		}
	}
}

// TestCachedMissesOfUnkeptPages: when the page cannot be kept (here, it is
// personal: no-store), every reader renders its own.
func TestCachedMissesOfUnkeptPages(t *testing.T) {
	s := &Site{cache: pagecache.New(8 << 20), now: time.Now}
	var renders atomic.Int32
	h := s.cached(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders.Add(1)
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, "for you only")
	}))
	for range 3 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/news/2/x", nil))
		if rec.Body.String() != "for you only" {
			t.Fatalf("body %q", rec.Body.String())
		}
	}
	if n := renders.Load(); n != 3 {
		t.Errorf("an unkept page was rendered %d times for 3 requests, want 3", n)
	}
}
