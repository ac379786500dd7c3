package pagecache

import (
	"compress/gzip"
	"fmt"
	"math"
	"net/http"
	"runtime"
	"slices"
	"sync"
)

// Cache holds entries by key within a byte budget. It is safe for concurrent
// use; one mutex guards it, held for a map lookup and a few pointer moves per
// Get (see BenchmarkGetHit).
//
// Memory is two segments of one budget. A new entry enters probation, which
// is guaranteed ProbationShare of the budget and evicts its least recently
// used entry first. An entry asked for while in probation moves to the
// protected segment (the rest of the budget), unless that would push out a
// protected entry asked for at least as often lately: so a flood of pages
// requested once, or a few times each, cycles through probation and cannot
// evict the pages readers keep coming back to. Protected entries pushed out
// by newer, busier ones drop back to the front of probation, where one more
// request saves them.
type Cache struct {
	mu        sync.Mutex
	items     map[string]*node
	tags      map[string][]*node
	probation segment
	protected segment

	maxBytes     int64
	protectedMax int64
	maxEntry     int64

	epoch  uint64
	recent [invalidationMemory]invalidation // by epoch % invalidationMemory

	sinceAging int
	stats      Stats

	gz *compressor
}

// Stats are counters for metrics. Hits, Misses, Evictions, Invalidations and
// Refused count since New; Entries and Bytes are the present state.
type Stats struct {
	Entries int
	Bytes   int64 // as counted against the budget, see New
	Hits    uint64
	Misses  uint64
	// Evictions are entries removed to make room.
	Evictions uint64
	// Invalidations are entries removed by Invalidate or Purge.
	Invalidations uint64
	// Refused are Puts turned away: rendered before a relevant invalidation,
	// or too large.
	Refused uint64
}

// Options configure a Cache.
type Options struct {
	// MaxBytes bounds the memory the cache accounts for; 0 or less stores
	// nothing, which turns the cache off.
	MaxBytes int64
	// GzipLevel is the compress/gzip level for Gzip forms, 1 (fastest) to 9
	// (smallest), or -1 for gzip.DefaultCompression (6); 0 means
	// gzip.BestSpeed. The gzip form is made on the miss path, while a reader
	// waits, and again each time the page is invalidated, so speed wins:
	// BenchmarkGzipLevels on a 94 KB article page with 200 comments measured
	// level 1 at 0.6 ms for 27.6% of the page, level 4 at 1.3 ms for 24.7%,
	// level 6 at 3.5 ms for 23.1% and level 9 at 4.0 ms for 23.0%. Level 6
	// alone would spend more than the 2 ms a cold article render may take;
	// level 9 saves a further 0.3% for 14% more time and never pays.
	GzipLevel int
}

const (
	// ProbationShare is the part of the budget kept for new entries, which
	// is what a flood of one-off pages can churn.
	ProbationShare = 0.2
	// MaxEntryShare is the largest part of the budget one entry may take;
	// larger ones are refused so one page cannot flush many.
	MaxEntryShare = 1.0 / 8

	// Accounted bytes per entry beyond key, body, gzip form, tags and header
	// text: the Entry, its node, map slots and prepared header slices. See
	// TestAccountingCoversHeap, which checks these against the heap.
	entryOverhead = 1024
	tagOverhead   = 64
	fieldOverhead = 128

	// invalidationMemory is how many recent invalidations Put can check an
	// epoch against; a render that straddles more is refused.
	invalidationMemory = 64
)

// New returns a Cache of at most maxBytes, compressing at gzip.BestSpeed.
//
// The budget counts each entry's key, body, gzip form, tags and header text,
// plus a fixed estimate of the structures around them (entryOverhead), so
// Stats.Bytes tracks the heap the cache holds. Not counted: a few gzip
// writers kept for reuse, about 800 KB each, at most one per CPU.
func New(maxBytes int64) *Cache {
	return NewWithOptions(Options{MaxBytes: maxBytes})
}

// NewWithOptions returns a Cache configured by o. It panics if o.GzipLevel
// is not -1 to 9, as that is a programming error.
func NewWithOptions(o Options) *Cache {
	level := o.GzipLevel
	if level == 0 {
		level = gzip.BestSpeed
	}
	if level != gzip.DefaultCompression && (level < gzip.BestSpeed || level > gzip.BestCompression) {
		panic(fmt.Sprintf("pagecache: gzip level %d is not -1 to 9", o.GzipLevel))
	}
	maxBytes := max(o.MaxBytes, 0)
	c := &Cache{
		items:        map[string]*node{},
		tags:         map[string][]*node{},
		maxBytes:     maxBytes,
		protectedMax: maxBytes - int64(float64(maxBytes)*ProbationShare),
		maxEntry:     int64(float64(maxBytes) * MaxEntryShare),
		gz:           newCompressor(level, runtime.GOMAXPROCS(0)),
	}
	c.probation.init()
	c.protected.init()
	return c
}

// Get returns the entry stored under key and counts a hit or a miss. A hit
// refreshes the entry's recency and may promote it from probation.
func (c *Cache) Get(key string) (*Entry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.items[key]
	if n == nil {
		c.stats.Misses++
		return nil, false
	}
	c.stats.Hits++
	if n.hits < math.MaxUint32 {
		n.hits++
	}
	if n.seg == &c.probation {
		c.promote(n)
		return n.e, true
	}
	c.protected.moveToFront(n)
	// Only hits in protected move the aging clock: hits on pages in
	// probation are what a flood produces, and must not wear down the
	// counts of the pages it is trying to displace.
	c.sinceAging++
	if c.sinceAging >= max(10*c.protected.len, 1024) {
		c.age()
	}
	return n.e, true
}

// Put stores e under key, replacing what was there, and reports whether it
// did. epoch must be what Epoch returned before the caller began reading the
// data e was rendered from.
//
// Put refuses e if, since that epoch, Invalidate named one of e.Tags or Purge
// ran: the page may show data from before the change that invalidation
// announced, and storing it would undo the invalidation. Invalidations that
// name none of e's tags do not refuse it, so a steady trickle of unrelated
// changes (a comment approved elsewhere) does not keep busy pages out of the
// cache. The cache remembers the last 64 invalidations; a render that
// straddles more is refused. Put also refuses an entry larger than
// MaxEntryShare of the budget.
func (c *Cache) Put(key string, e *Entry, epoch uint64) bool {
	tags := distinct(e.Tags)
	size := entrySize(key, e, tags)
	c.mu.Lock()
	defer c.mu.Unlock()
	if size > c.maxEntry || c.stale(epoch, tags) {
		c.stats.Refused++
		return false
	}
	seg, hits := &c.probation, uint32(0)
	if old := c.items[key]; old != nil {
		// A re-render of a page keeps the place it has earned.
		seg, hits = old.seg, old.hits
		c.drop(old)
	}
	n := &node{key: key, e: e, size: size, hits: hits, tags: tags}
	c.items[key] = n
	c.index(n)
	seg.pushFront(n)
	c.fit()
	return true
}

// Stats returns the counters.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Entries = len(c.items)
	s.Bytes = c.probation.bytes + c.protected.bytes
	return s
}

// promote moves n, just hit in probation, to the protected segment, unless
// the protected entries it would displace have been hit at least as often.
// Displaced entries go to the front of probation.
func (c *Cache) promote(n *node) {
	need := c.protected.bytes + n.size - c.protectedMax
	var freed int64
	for v := c.protected.back(); freed < need; v = v.prev {
		if v == &c.protected.root || v.hits >= n.hits {
			c.probation.moveToFront(n)
			return
		}
		freed += v.size
	}
	for freed = 0; freed < need; {
		v := c.protected.back()
		freed += v.size
		c.protected.remove(v)
		c.probation.pushFront(v)
	}
	c.probation.remove(n)
	c.protected.pushFront(n)
}

// fit restores the budget after a Put: protected within its share, then
// probation entries evicted, least recent first, until the total fits.
// Probation always has ProbationShare of the budget and an entry is at most
// MaxEntryShare, smaller, so the entry just Put is never the one evicted.
func (c *Cache) fit() {
	for c.protected.bytes > c.protectedMax {
		v := c.protected.back()
		c.protected.remove(v)
		c.probation.pushFront(v)
	}
	for c.protected.bytes+c.probation.bytes > c.maxBytes {
		c.drop(c.probation.back())
		c.stats.Evictions++
	}
}

// age halves every hit count, so the counts that decide promotion reflect
// the last while of traffic rather than all of it: yesterday's story gives
// way to today's. It runs after every 10×(protected entries) hits on
// protected pages, at least 1024.
func (c *Cache) age() {
	c.sinceAging = 0
	halve := func(n *node) { n.hits /= 2 }
	c.probation.each(halve)
	c.protected.each(halve)
}

// drop removes n from its segment, the key map and the tag index.
func (c *Cache) drop(n *node) {
	n.seg.remove(n)
	delete(c.items, n.key)
	c.unindex(n)
}

// distinct returns tags sorted without repeats, in a new slice.
func distinct(tags []string) []string {
	if len(tags) == 0 {
		return nil
	}
	out := slices.Clone(tags)
	slices.Sort(out)
	return slices.Clip(slices.Compact(out))
}

// entrySize is what an entry counts against the budget. Body and gzip form
// count by capacity: the allocator rounds them up to a size class, by up to
// an eighth, and that memory is held too.
func entrySize(key string, e *Entry, tags []string) int64 {
	n := len(key) + cap(e.Body) + cap(e.Gzip) + len(e.ETag) + len(e.GzipETag) + entryOverhead
	for _, t := range tags {
		n += len(t) + tagOverhead
	}
	n += headerSize(e.Header)
	return int64(n)
}

func headerSize(h http.Header) int {
	n := 0
	for k, vs := range h {
		n += len(k) + fieldOverhead
		for _, v := range vs {
			n += len(v) + 16
		}
	}
	return n
}
