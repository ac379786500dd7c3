package popularity

import (
	"sync"
	"sync/atomic"
	"testing"
)

func visitor(n int) [16]byte {
	var k [16]byte
	k[0], k[1], k[15] = byte(n), byte(n>>8), 0xaa
	return k
}

func TestDedupeOncePerDayPerItem(t *testing.T) {
	d := NewDedupe(1000)
	alice, bob := visitor(1), visitor(2)
	steps := []struct {
		day  string
		key  [16]byte
		kind Kind
		id   int64
		want bool
	}{
		{"2026-05-03", alice, Article, 42, true},
		{"2026-05-03", alice, Article, 42, false}, // reload
		{"2026-05-03", alice, Article, 42, false},
		{"2026-05-03", bob, Article, 42, true},   // another reader
		{"2026-05-03", alice, Article, 43, true}, // another story
		{"2026-05-03", alice, Video, 42, true},   // a video with the same id
		{"2026-05-03", alice, Video, 42, false},
		{"2026-05-04", alice, Article, 42, true}, // a new day forgets
		{"2026-05-04", alice, Article, 42, false},
		{"2026-05-04", bob, Article, 42, true},
		{"2026-05-03", alice, Article, 99, true}, // a late request from yesterday counts ...
		{"2026-05-03", alice, Article, 99, true}, // ... and is not remembered
		{"2026-05-04", alice, Article, 99, true}, // nor does it reset today
		{"2026-05-04", alice, Article, 42, false},
	}
	for i, s := range steps {
		if got := d.First(s.day, s.key, s.kind, s.id); got != s.want {
			t.Errorf("step %d: First(%s, %x, %s, %d) = %v, want %v", i, s.day, s.key[:2], s.kind, s.id, got, s.want)
		}
	}
}

func TestDedupeBound(t *testing.T) {
	const bound = 100
	d := NewDedupe(bound)
	const day = "2026-05-03"
	for i := range bound {
		if !d.First(day, visitor(i), Article, 1) {
			t.Fatalf("visitor %d not counted", i)
		}
	}
	if n := len(d.seen); n != bound {
		t.Fatalf("%d entries remembered, want %d", n, bound)
	}
	// Full: remembered visitors are still deduplicated ...
	if d.First(day, visitor(5), Article, 1) {
		t.Errorf("a remembered visitor was counted again when full")
	}
	// ... and new ones count every time, without growing the map.
	for range 3 {
		if !d.First(day, visitor(bound+1), Article, 1) {
			t.Errorf("a visitor beyond the bound was not counted")
		}
	}
	if n := len(d.seen); n != bound {
		t.Errorf("%d entries remembered, want the bound %d", n, bound)
	}
	// The next day starts empty.
	if !d.First("2026-05-04", visitor(5), Article, 1) || len(d.seen) != 1 {
		t.Errorf("new day: %d entries, want 1", len(d.seen))
	}
}

func TestDedupeZeroBound(t *testing.T) {
	d := NewDedupe(0)
	for range 3 {
		if !d.First("2026-05-03", visitor(1), Article, 1) {
			t.Errorf("a Dedupe that remembers nothing refused a view")
		}
	}
}

func TestDedupeConcurrent(t *testing.T) {
	d := NewDedupe(1 << 16)
	var counted atomic.Int64
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for v := range 200 {
				for id := range int64(5) {
					if d.First("2026-05-03", visitor(v), Article, id) {
						counted.Add(1)
					}
				}
			}
		})
	}
	wg.Wait()
	if n := counted.Load(); n != 200*5 {
		t.Errorf("%d views counted, want %d: each visitor once per item", n, 200*5)
	}
}
