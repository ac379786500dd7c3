package pagecache

import (
	"fmt"
	"net/http"
	"runtime"
	"testing"
)

// TestAccountingCoversHeap checks that what the cache counts against its
// budget is at least the heap it holds, for small pages, where the fixed
// per-entry estimate matters most: a budget is only a bound on memory if
// the count does not undershoot.
func TestAccountingCoversHeap(t *testing.T) {
	for _, tt := range []struct {
		name     string
		comments int
	}{
		{"bare pages of 2 KB", 0},
		{"pages of 24 KB", 50},
	} {
		t.Run(tt.name, func(t *testing.T) {
			const n = 2000
			pages := make([][]byte, 8)
			for i := range pages {
				pages[i] = articlePage(tt.comments, uint64(i))
			}
			c := New(1 << 30)
			heap := func() uint64 {
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				return m.HeapAlloc
			}
			// Warm the compressor so its kept writers are not counted.
			c.NewEntry(200, nil, pages[0])
			before := heap()
			for i := range n {
				key := fmt.Sprintf("/news/%d/kalu-ganga-bursts-its-banks", i)
				body := append([]byte(nil), pages[i%len(pages)]...)
				e := c.NewEntry(200, http.Header{
					"Content-Type":  {"text/html; charset=utf-8"},
					"Cache-Control": {"public, max-age=60, s-maxage=300, stale-while-revalidate=30, stale-if-error=86400"},
					"Surrogate-Key": {fmt.Sprintf("article:%d section:local edition:en", i)},
					"Link":          {fmt.Sprintf(`<https://news.example.lk/si/news/%d>; rel="alternate"; hreflang="si"`, i)},
				}, body, fmt.Sprint("article:", i), "section:local", "edition:en")
				if !c.Put(key, e, c.Epoch()) {
					t.Fatal("Put refused")
				}
				c.Get(key) // promote half of them, as reading does
				if i%2 == 0 {
					c.Get(key)
				}
			}
			held := int64(heap() - before)
			counted := c.Stats().Bytes
			t.Logf("%d entries: heap grew %d bytes (%d each), counted %d (%d each)", n, held, held/n, counted, counted/n)
			if held > counted {
				t.Errorf("the heap grew %d bytes, %d more than counted: raise entryOverhead", held, held-counted)
			}
			runtime.KeepAlive(c)
		})
	}
}
