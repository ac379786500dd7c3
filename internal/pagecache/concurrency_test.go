package pagecache

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestConcurrentUseNeverServesStale runs readers, renderers, invalidators and
// a purger at once (run it with -race), and checks the promise that matters:
// once Invalidate for an article has returned, no Get returns a page showing
// an older version of that article.
func TestConcurrentUseNeverServesStale(t *testing.T) {
	const (
		articles = 8
		workers  = 8
		rounds   = 3000
	)
	// version[a] is the article's data; settled[a] the newest version whose
	// invalidation has finished.
	var version, settled [articles]atomic.Int64
	c := New(64 << 10) // small, so eviction runs too
	pad := strings.Repeat("x", 2000)
	key := func(a, variant int) string { return fmt.Sprintf("/news/%d?v=%d", a, variant) }
	render := func(a int) *Entry {
		v := version[a].Load()
		body := fmt.Sprintf("article %d version %d %s", a, v, pad)
		return c.NewEntry(200, http.Header{"Content-Type": {"text/plain"}}, []byte(body),
			"article:"+strconv.Itoa(a), "edition:en")
	}
	shown := func(e *Entry) int64 {
		f := strings.Fields(string(e.Body))
		v, _ := strconv.ParseInt(f[3], 10, 64)
		return v
	}

	var stale atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			for range rounds {
				a, variant := rng.IntN(articles), rng.IntN(6)
				switch r := rng.IntN(100); {
				case r < 70: // a reader
					floor := settled[a].Load()
					if e, ok := c.Get(key(a, variant)); ok {
						if shown(e) < floor {
							stale.Add(1)
						}
						// Serving shares the entry's header values across
						// goroutines; -race checks that this only reads them.
						rw := httptest.NewRecorder()
						req := httptest.NewRequest("GET", "/", nil)
						req.Header.Set("Accept-Encoding", "gzip")
						e.Serve(rw, req)
						rw.Header().Add("Vary", "Cookie") // a middleware appending must not write into the entry
					}
				case r < 95: // a miss that renders
					epoch := c.Epoch()
					c.Put(key(a, variant), render(a), epoch)
				case r < 99: // an edit
					v := version[a].Add(1)
					c.Invalidate("article:" + strconv.Itoa(a))
					for old := settled[a].Load(); old < v && !settled[a].CompareAndSwap(old, v); old = settled[a].Load() {
					}
				default:
					if rng.IntN(10) == 0 {
						c.Purge()
					} else {
						_ = c.Stats()
					}
				}
			}
		})
	}
	wg.Wait()
	checkInvariants(t, c)
	if n := stale.Load(); n > 0 {
		t.Errorf("%d reads returned a page older than a finished invalidation", n)
	}
	s := c.Stats()
	t.Logf("%+v", s)
	if s.Hits == 0 || s.Refused == 0 || s.Invalidations == 0 {
		t.Errorf("the run did not exercise hits, refusals and invalidations: %+v", s)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.probation.each(func(n *node) {
		if vs := n.e.Header["Vary"]; len(vs) != 0 {
			t.Errorf("entry header Vary = %q after serving", vs)
		}
		if vs := n.e.wire.full[len(n.e.wire.full)-1].values; len(vs) != 1 {
			t.Errorf("prepared Vary = %q after serving", vs)
		}
	})
}
