package pagecache

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestRecencyOrder(t *testing.T) {
	// A budget of ten one-unit pages: probation is guaranteed two, protected
	// may take eight.
	ah := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	fullProtected := putGet(1, ah...) // each hit once: all promoted while there is room
	tests := []struct {
		name      string
		ops       []string
		probation []string
		protected []string
	}{
		{"probation alone evicts its least recent", putGet(0, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"),
			[]string{"k", "j", "i", "h", "g", "f", "e", "d", "c", "b"}, nil},
		{"a hit promotes to protected", []string{"+a", "+b", "?a"},
			[]string{"b"}, []string{"a"}},
		{"a hit in protected makes the page most recent", append(putGet(1, "a", "b", "c"), "?a"),
			nil, []string{"a", "c", "b"}},
		{"protected fills to its share", fullProtected,
			nil, []string{"h", "g", "f", "e", "d", "c", "b", "a"}},
		{"an equally busy page does not displace a protected one", append(slices.Clone(fullProtected), "+x", "?x"),
			[]string{"x"}, []string{"h", "g", "f", "e", "d", "c", "b", "a"}},
		{"a busier page displaces the least recent protected page to probation",
			append(slices.Clone(fullProtected), "?a", "+x", "?x", "?x"),
			[]string{"b"}, []string{"x", "a", "h", "g", "f", "e", "d", "c"}},
		{"one more hit saves a displaced page",
			append(slices.Clone(fullProtected), "?a", "+x", "?x", "?x", "?b"),
			[]string{"c"}, []string{"b", "x", "a", "h", "g", "f", "e", "d"}},
		{"pages asked for once churn probation only",
			append(slices.Clone(fullProtected), putGet(0, seq("p", 1, 50)...)...),
			[]string{"p50", "p49"}, []string{"h", "g", "f", "e", "d", "c", "b", "a"}},
		{"a re-rendered page keeps its protected place", append(slices.Clone(fullProtected), "+c"),
			nil, []string{"c", "h", "g", "f", "e", "d", "b", "a"}},
		{"a re-rendered page in probation stays there", []string{"+a", "+b", "+a"},
			[]string{"a", "b"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(10 * unit)
			run(t, c, tt.ops)
			if got := keys(&c.probation); !slices.Equal(got, tt.probation) {
				t.Errorf("probation = %v, want %v", got, tt.probation)
			}
			if got := keys(&c.protected); !slices.Equal(got, tt.protected) {
				t.Errorf("protected = %v, want %v", got, tt.protected)
			}
		})
	}
}

func TestBudgetHoldsUnderRandomLoad(t *testing.T) {
	const budget = 1 << 20
	c := New(budget)
	rng := rand.New(rand.NewPCG(8, 2026))
	tags := []string{"edition:en", "edition:si", "section:1", "section:2", "section:3", "article:1", "article:2"}
	maxSeen := int64(0)
	for i := range 20000 {
		key := fmt.Sprint("/news/", rng.IntN(400))
		switch r := rng.IntN(1000); {
		case r < 550:
			c.Get(key)
		case r < 970:
			// Mostly pages of 1–40 KB, now and then one over the entry limit.
			size := int64(1024 + rng.IntN(40<<10))
			if rng.IntN(50) == 0 {
				size = budget/8 + int64(rng.IntN(budget/4))
			}
			var et []string
			for range rng.IntN(4) {
				et = append(et, tags[rng.IntN(len(tags))])
			}
			e := &Entry{Status: 200, Body: make([]byte, size), Tags: et}
			c.Put(key, e, c.Epoch())
		case r < 999:
			c.Invalidate(tags[rng.IntN(len(tags))])
		default:
			c.Purge()
		}
		if s := c.Stats(); s.Bytes > budget {
			t.Fatalf("op %d: %d bytes held, budget %d", i, s.Bytes, budget)
		} else {
			maxSeen = max(maxSeen, s.Bytes)
		}
		if i%500 == 0 {
			checkInvariants(t, c)
		}
	}
	checkInvariants(t, c)
	s := c.Stats()
	t.Logf("peak %d of %d bytes; %+v", maxSeen, budget, s)
	if s.Evictions == 0 || s.Refused == 0 || s.Invalidations == 0 {
		t.Errorf("the load did not exercise eviction, refusal and invalidation: %+v", s)
	}
}

func TestFloodCannotEvictHotPages(t *testing.T) {
	const (
		budget  = 4 << 20
		page    = 8 << 10
		hot     = 50
		flood   = 100_000
		hotHits = 2
	)
	tests := []struct {
		name      string
		floodHits int
		// readHot: between flood pages, readers read one hot page in turn,
		// as they do during a real flood.
		readHot bool
	}{
		{"flood pages asked for once", 0, false},
		{"flood pages hit once each", 1, false},
		{"flood pages hit twice each", 2, false},
		{"flood pages hit three times each while readers read the hot pages", 3, true},
	}
	for _, tt := range tests {
		floodHits := tt.floodHits
		t.Run(tt.name, func(t *testing.T) {
			c := New(budget)
			hotKeys := seq("/news/", 1, hot)
			for _, k := range hotKeys {
				c.Put(k, &Entry{Status: 200, Body: make([]byte, page)}, c.Epoch())
				for range hotHits {
					if _, ok := c.Get(k); !ok {
						t.Fatalf("hot page %s missing right after Put", k)
					}
				}
			}
			// One body shared by all flood entries: the test is about the
			// cache's bookkeeping, not about allocating 800 MB.
			body := make([]byte, page)
			for i := range flood {
				k := fmt.Sprintf("/search?q=%d", i)
				c.Put(k, &Entry{Status: 200, Body: body}, c.Epoch())
				for range floodHits {
					c.Get(k)
				}
				if tt.readHot {
					if _, ok := c.Get(hotKeys[i%hot]); !ok {
						t.Fatalf("after %d flood pages: hot page %s evicted", i, hotKeys[i%hot])
					}
				}
				if i%10_000 == 0 {
					if s := c.Stats(); s.Bytes > budget {
						t.Fatalf("after %d flood pages: %d bytes, budget %d", i, s.Bytes, budget)
					}
				}
			}
			checkInvariants(t, c)
			c.mu.Lock()
			var lost []string
			for _, k := range hotKeys {
				if c.items[k] == nil {
					lost = append(lost, k)
				}
			}
			c.mu.Unlock()
			if len(lost) > 0 {
				t.Errorf("the flood evicted %d hot pages: %v", len(lost), lost)
			}
			s := c.Stats()
			if s.Evictions < flood/2 {
				t.Errorf("only %d evictions: the flood did not fill the cache", s.Evictions)
			}
		})
	}
}

func TestNewBusyPageDisplacesYesterdays(t *testing.T) {
	// Protected is full of pages that were very busy; traffic moves to a new
	// page. Counts halve as protected pages are read, and the new page's
	// count climbs with every hit, so it gets in after a few hundred hits
	// rather than never.
	c := New(10 * unit)
	ah := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	run(t, c, putGet(1, ah...))
	for range 1000 {
		for _, k := range ah {
			c.Get(k)
		}
	}
	c.mu.Lock()
	busiest := uint32(0)
	c.protected.each(func(n *node) { busiest = max(busiest, n.hits) })
	c.mu.Unlock()
	run(t, c, []string{"+x"})
	n := 0
	for ; n < 10_000 && c.items["x"].seg != &c.protected; n++ {
		c.Get("x")
	}
	t.Logf("x promoted after %d hits; the busiest old page counted %d after 8000 hits", n, busiest)
	if c.items["x"].seg != &c.protected || n > int(busiest)+1 {
		t.Errorf("x took %d hits to be promoted; want at most %d", n, busiest+1)
	}
}

func TestAgingHalvesHits(t *testing.T) {
	c := New(10 * unit)
	run(t, c, []string{"+a", "?a"}) // promoted by its first hit, which does not count towards aging
	for range 1023 {
		c.Get("a")
	}
	if got := c.items["a"].hits; got != 1024 {
		t.Fatalf("hits = %d before aging, want 1024", got)
	}
	c.Get("a")
	if got := c.items["a"].hits; got != 512 {
		t.Errorf("hits = %d after the 1024th hit in protected, want 512 (1025 halved)", got)
	}
}

func TestOversizedEntriesRefused(t *testing.T) {
	const budget = 80 * unit
	limit := int64(budget / 8)
	tests := []struct {
		name string
		size int64
		want bool
	}{
		{"small", unit, true},
		{"exactly an eighth of the budget", limit, true},
		{"one byte over an eighth", limit + 1, false},
		{"larger than the budget", 2 * budget, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(budget)
			if got := c.Put("/big", sized("/big", tt.size), c.Epoch()); got != tt.want {
				t.Fatalf("Put = %v, want %v", got, tt.want)
			}
			_, ok := c.Get("/big")
			s := c.Stats()
			if ok != tt.want || (s.Refused == 1) == tt.want {
				t.Errorf("stored %v, stats %+v", ok, s)
			}
			checkInvariants(t, c)
		})
	}
	t.Run("a cache of size 0 stores nothing", func(t *testing.T) {
		c := New(0)
		if c.Put("/", &Entry{Status: 200}, c.Epoch()) {
			t.Error("Put accepted")
		}
	})
}

func TestInvalidateRemovesExactlyTheTaggedEntries(t *testing.T) {
	pages := map[string][]string{
		"/":                 {"edition:en", "front"},
		"/news/1/a":         {"edition:en", "article:1", "section:politics"},
		"/news/2/b":         {"edition:en", "article:2", "section:sport"},
		"/section/politics": {"edition:en", "section:politics"},
		"/si/":              {"edition:si", "front"},
		"/si/news/3/c":      {"edition:si", "article:3", "section:politics"},
		"/rss.xml":          {"edition:en", "feed"},
		"/robots.txt":       nil,
		"/news/4/d":         {"article:4", "article:4"}, // a repeated tag counts once
	}
	tests := []struct {
		name string
		tags []string
		gone []string
	}{
		{"one article", []string{"article:1"}, []string{"/news/1/a"}},
		{"a section across editions", []string{"section:politics"}, []string{"/news/1/a", "/section/politics", "/si/news/3/c"}},
		{"front pages", []string{"front"}, []string{"/", "/si/"}},
		{"an edition", []string{"edition:si"}, []string{"/si/", "/si/news/3/c"}},
		{"overlapping tags count each page once", []string{"article:1", "section:politics", "edition:en"},
			[]string{"/", "/news/1/a", "/news/2/b", "/section/politics", "/si/news/3/c", "/rss.xml"}},
		{"a repeated tag on the page", []string{"article:4"}, []string{"/news/4/d"}},
		{"an unknown tag", []string{"article:99"}, nil},
		{"no tags", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(1 << 20)
			for k, tags := range pages {
				c.Put(k, &Entry{Status: 200, Body: []byte(k), Tags: tags}, c.Epoch())
			}
			if n := c.Invalidate(tt.tags...); n != len(tt.gone) {
				t.Errorf("Invalidate = %d, want %d", n, len(tt.gone))
			}
			for k := range pages {
				_, ok := c.Get(k)
				if want := !slices.Contains(tt.gone, k); ok != want {
					t.Errorf("%s present = %v, want %v", k, ok, want)
				}
			}
			if s := c.Stats(); s.Invalidations != uint64(len(tt.gone)) || s.Entries != len(pages)-len(tt.gone) {
				t.Errorf("stats %+v", s)
			}
			checkInvariants(t, c)
		})
	}
}

func TestPutRefusesPagesRenderedBeforeAnInvalidation(t *testing.T) {
	page := func() *Entry {
		return &Entry{Status: 200, Body: []byte("<h1>Budget passed</h1>"), Tags: []string{"article:7", "section:politics"}}
	}
	tests := []struct {
		name    string
		between func(c *Cache) // runs after Epoch, before Put
		want    bool
	}{
		{"nothing happened", func(c *Cache) {}, true},
		{"its article was invalidated", func(c *Cache) { c.Invalidate("article:7") }, false},
		{"one of several tags invalidated", func(c *Cache) { c.Invalidate("front", "section:politics") }, false},
		{"an unrelated page was invalidated", func(c *Cache) { c.Invalidate("article:8") }, true},
		{"invalidating no tags is no invalidation", func(c *Cache) { c.Invalidate() }, true},
		{"purged", func(c *Cache) { c.Purge() }, false},
		{"unrelated, then related", func(c *Cache) {
			c.Invalidate("article:8")
			c.Invalidate("article:7")
			c.Invalidate("article:9")
		}, false},
		{"more unrelated invalidations than the cache remembers", func(c *Cache) {
			for i := range invalidationMemory + 1 {
				c.Invalidate(fmt.Sprint("article:", 100+i))
			}
		}, false},
		{"as many unrelated invalidations as it remembers", func(c *Cache) {
			for i := range invalidationMemory {
				c.Invalidate(fmt.Sprint("article:", 100+i))
			}
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(1 << 20)
			c.Invalidate("warm-up") // so epochs do not start at zero
			epoch := c.Epoch()
			tt.between(c)
			if got := c.Put("/news/7/budget", page(), epoch); got != tt.want {
				t.Fatalf("Put with the old epoch = %v, want %v", got, tt.want)
			}
			if !tt.want {
				if s := c.Stats(); s.Refused != 1 || s.Entries != 0 {
					t.Errorf("stats %+v", s)
				}
				if !c.Put("/news/7/budget", page(), c.Epoch()) {
					t.Error("Put with a fresh epoch refused")
				}
			}
		})
	}
	t.Run("an epoch from the future", func(t *testing.T) {
		c := New(1 << 20)
		if c.Put("/", page(), c.Epoch()+1) {
			t.Error("accepted")
		}
	})
	t.Run("an untagged page is refused only by Purge", func(t *testing.T) {
		c := New(1 << 20)
		epoch := c.Epoch()
		c.Invalidate("article:7")
		if !c.Put("/robots.txt", &Entry{Status: 200}, epoch) {
			t.Error("refused after Invalidate")
		}
		c.Purge()
		if c.Put("/robots.txt", &Entry{Status: 200}, epoch) {
			t.Error("accepted after Purge")
		}
	})
}

func TestPurgeEmptiesTheCache(t *testing.T) {
	c := New(10 * unit)
	run(t, c, putGet(1, "a", "b", "c"))
	run(t, c, []string{"+d"})
	c.Purge()
	checkInvariants(t, c)
	s := c.Stats()
	if s.Entries != 0 || s.Bytes != 0 || s.Invalidations != 4 {
		t.Errorf("stats after Purge %+v", s)
	}
	run(t, c, putGet(1, "a"))
	if got := keys(&c.protected); !slices.Equal(got, []string{"a"}) {
		t.Errorf("protected after Purge and reuse = %v", got)
	}
}

func TestStatsCount(t *testing.T) {
	c := New(10 * unit)
	run(t, c, []string{"+a", "?a", "?a", "?b", "+b"})
	c.Invalidate("t:a")
	s := c.Stats()
	want := Stats{Entries: 1, Bytes: unit, Hits: 2, Misses: 1, Invalidations: 1}
	if s != want {
		t.Errorf("Stats = %+v, want %+v", s, want)
	}
}
