package popularity

import (
	"encoding/binary"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// viewIDs returns n item ids drawn as views fall on a news site: a few
// stories get most of them (Zipf over 2,000 items).
func viewIDs(seed uint64, n int) []int64 {
	r := rand.New(rand.NewPCG(seed, 1))
	z := rand.NewZipf(r, 1.1, 1, 1999)
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(z.Uint64()) + 1
	}
	return ids
}

// benchKey is the n-th of many distinct reader keys.
func benchKey(n uint64) [16]byte {
	var k [16]byte
	binary.LittleEndian.PutUint64(k[:], n)
	k[15] = 0xbb
	return k
}

// addFunc is Counter.Add's shape.
type addFunc func(kind Kind, id int64, at time.Time, day string, reader, address [16]byte) bool

// benchmarkAdd runs add from GOMAXPROCS goroutines (scale with -cpu), every
// view by a new reader, and reports views per second alongside ns/op.
func benchmarkAdd(b *testing.B, add addFunc) {
	var seed atomic.Uint64
	at := time.Date(2026, 5, 3, 5, 10, 0, 0, time.UTC)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		s := seed.Add(1)
		ids := viewIDs(s, 4096)
		i := uint64(0)
		for pb.Next() {
			k := benchKey(s<<40 | i)
			add(Article, ids[i&4095], at, "2026-05-03", k, k)
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "views/s")
}

func BenchmarkCounterAdd(b *testing.B) {
	c := NewCounter()
	benchmarkAdd(b, c.Add)
}

// shardedCounter is the alternative to Counter's single mutex: the map
// split by item into shards, each behind its own mutex on its own cache
// line. It is kept to measure the choice again (BenchmarkCounterDesigns).
type shardedCounter struct {
	shards []counterShard
}

type counterShard struct {
	mu    sync.Mutex
	views map[pendingKey]pendingView
	_     [64]byte // keeps neighbouring shards' locks off one cache line
}

func newShardedCounter() *shardedCounter {
	n := 8
	for n < 4*runtime.GOMAXPROCS(0) {
		n *= 2
	}
	c := &shardedCounter{shards: make([]counterShard, n)}
	for i := range c.shards {
		c.shards[i].views = map[pendingKey]pendingView{}
	}
	return c
}

func (c *shardedCounter) Add(kind Kind, id int64, at time.Time, day string, reader, address [16]byte) bool {
	k := pendingKey{day: day, kind: kind, id: id, reader: reader}
	s := &c.shards[(uint64(id)*0x9e3779b97f4a7c15>>32)%uint64(len(c.shards))]
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.views[k]; ok {
		return false
	}
	s.views[k] = pendingView{hour: unixHour(at), address: address}
	return true
}

// BenchmarkCounterDesigns compares Counter with the sharded alternative, on
// Zipf-distributed views and on every view going to one breaking story, the
// case sharding by item cannot spread. Run it with -cpu 1,2,4,8.
func BenchmarkCounterDesigns(b *testing.B) {
	oneStory := func(add addFunc) addFunc {
		return func(k Kind, _ int64, at time.Time, day string, reader, address [16]byte) bool {
			return add(k, 1, at, day, reader, address)
		}
	}
	b.Run("mutex/zipf", func(b *testing.B) { benchmarkAdd(b, NewCounter().Add) })
	b.Run("sharded/zipf", func(b *testing.B) { benchmarkAdd(b, newShardedCounter().Add) })
	b.Run("mutex/one-story", func(b *testing.B) { benchmarkAdd(b, oneStory(NewCounter().Add)) })
	b.Run("sharded/one-story", func(b *testing.B) { benchmarkAdd(b, oneStory(newShardedCounter().Add)) })
}

// BenchmarkCounterDrain drains the views of a busy minute: 20,000 readers'
// views over 2,000 stories and two hours, and tallies them.
func BenchmarkCounterDrain(b *testing.B) {
	c := NewCounter()
	at := time.Date(2026, 5, 3, 5, 59, 30, 0, time.UTC)
	ids := viewIDs(1, 20000)
	entries := 0
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		for i, id := range ids {
			k := benchKey(uint64(i))
			c.Add(Article, id, at.Add(time.Duration(i)*3*time.Millisecond), "2026-05-03", k, k)
		}
		b.StartTimer()
		entries = len(Tally(c.Drain()))
	}
	b.ReportMetric(float64(entries), "entries")
}

func BenchmarkDedupeFirst(b *testing.B) {
	d := NewDedupe(1 << 20)
	var seed atomic.Uint64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		s := seed.Add(1)
		ids := viewIDs(s, 4096)
		i := 0
		for pb.Next() {
			// Fresh visitors until the map is full, then a mix of
			// remembered ones and fail-open answers.
			d.First("2026-05-03", visitor(i+int(s)<<20), Article, ids[i&4095])
			i++
		}
	})
}

func BenchmarkKey(b *testing.B) {
	s := NewSalter(colombo(b), nil)
	now := time.Date(2026, 5, 3, 14, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			s.Key(now, "address", readerIP)
		}
	})
}

func BenchmarkIsBot(b *testing.B) {
	h := beaconHeaders(readerUA)
	b.ReportAllocs()
	for b.Loop() {
		if IsBot(h) {
			b.Fatal("a browser was taken for a bot")
		}
	}
}

// BenchmarkBeacon is everything the view handler asks of this package for
// one counted view.
func BenchmarkBeacon(b *testing.B) {
	h := beaconHeaders(readerUA)
	salter := NewSalter(colombo(b), nil)
	dedupe := NewDedupe(1 << 20)
	counter := NewCounter()
	now := time.Date(2026, 5, 3, 14, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var id int64
		for pb.Next() {
			id++
			if IsBot(h) {
				continue
			}
			key, day := salter.Key(now, "address", readerIP)
			if dedupe.First(day, key, Article, id) {
				item := ItemKey(key, Article, id)
				counter.Add(Article, id, now, day, item, item)
			}
		}
	})
}
