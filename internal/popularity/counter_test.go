package popularity

import (
	"slices"
	"sync"
	"testing"
	"time"
)

const day = "2026-05-03"

func TestCounterHoldsEachReaderOncePerItem(t *testing.T) {
	loc := colombo(t)
	c := NewCounter()
	alice, bob, home := visitor(1), visitor(2), visitor(9)
	at := time.Date(2026, 5, 3, 10, 29, 59, 0, loc) // 04:59:59 UTC
	steps := []struct {
		kind   Kind
		id     int64
		at     time.Time
		reader [16]byte
		want   bool
	}{
		{Article, 7, at, alice, true},
		{Article, 7, at.Add(time.Second), alice, false}, // already waiting: the first hour stays
		{Article, 7, at.Add(time.Second), bob, true},
		{Video, 7, at, alice, true},
		{Article, 8, at, alice, true},
	}
	for i, s := range steps {
		if got := c.Add(s.kind, s.id, s.at, day, s.reader, home); got != s.want {
			t.Errorf("step %d: Add = %v, want %v", i, got, s.want)
		}
	}
	if n := c.Pending(); n != 4 {
		t.Errorf("Pending() = %d, want 4", n)
	}
	got := c.Drain()
	h := func(hh int) time.Time { return time.Date(2026, 5, 3, hh, 0, 0, 0, time.UTC) }
	want := []View{ // sorted by day, kind, id, reader
		{Article, 7, h(4), day, alice, home},
		{Article, 7, h(5), day, bob, home},
		{Article, 8, h(4), day, alice, home},
		{Video, 7, h(4), day, alice, home},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Drain() =\n%v\nwant\n%v", got, want)
	}
	if n := c.Pending(); n != 0 {
		t.Errorf("Pending() after Drain = %d, want 0", n)
	}
	if got := c.Drain(); len(got) != 0 {
		t.Errorf("second Drain() = %v, want nothing", got)
	}
	// The next day, alice's view is another.
	if !c.Add(Article, 7, at.Add(24*time.Hour), "2026-05-04", alice, home) {
		t.Error("a new day's view was taken for one already waiting")
	}
}

func TestTally(t *testing.T) {
	loc := colombo(t)
	at := func(hh, mm int) time.Time { return time.Date(2026, 5, 3, hh, mm, 0, 0, loc) }
	c := NewCounter()
	// 10:29 and 10:31 in Colombo straddle the UTC hour 05:00.
	c.Add(Article, 7, at(10, 29), day, visitor(1), visitor(1))
	c.Add(Article, 7, at(10, 31), day, visitor(2), visitor(2))
	c.Add(Article, 7, at(10, 45), day, visitor(3), visitor(3))
	c.Add(Video, 7, at(10, 45), day, visitor(3), visitor(3))
	c.Add(Article, 1, time.Date(1969, 12, 31, 23, 30, 0, 0, time.UTC), day, visitor(1), visitor(1)) // before the epoch
	h := func(hh int) time.Time { return time.Date(2026, 5, 3, hh, 0, 0, 0, time.UTC) }
	want := []Count{ // sorted by hour, kind, id
		{Article, 1, time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC), 1},
		{Article, 7, h(4), 1},
		{Article, 7, h(5), 2},
		{Video, 7, h(5), 1},
	}
	got := Tally(c.Drain())
	if !slices.Equal(got, want) {
		t.Errorf("Tally =\n%v\nwant\n%v", got, want)
	}
	for _, v := range got {
		if v.Hour.Location() != time.UTC {
			t.Errorf("hour %v not in UTC", v.Hour)
		}
	}
}

func TestUnixHour(t *testing.T) {
	loc := colombo(t)
	start := time.Date(1969, 12, 31, 20, 0, 0, 0, time.UTC)
	for d := time.Duration(0); d < 8*time.Hour; d += 7*time.Minute + 13*time.Second + 1 {
		at := start.Add(d).In(loc)
		want := at.UTC().Truncate(time.Hour)
		if got := time.Unix(unixHour(at)*3600, 0).UTC(); !got.Equal(want) {
			t.Fatalf("hour of %v = %v, want %v", at, got, want)
		}
	}
}

func TestCounterRestore(t *testing.T) {
	c := NewCounter()
	at := time.Date(2026, 5, 3, 5, 10, 0, 0, time.UTC)
	for i := range 3 {
		c.Add(Article, 1, at, day, visitor(i), visitor(i))
	}
	batch := c.Drain()

	// The write failed; meanwhile more views arrived, one of them again.
	c.Add(Article, 1, at, day, visitor(0), visitor(0))
	c.Add(Article, 3, at, day, visitor(0), visitor(0))
	c.Restore(batch)
	if n := c.Pending(); n != 4 {
		t.Errorf("Pending() = %d, want 4", n)
	}
	hour := at.Truncate(time.Hour)
	want := []Count{{Article, 1, hour, 3}, {Article, 3, hour, 1}}
	if got := Tally(c.Drain()); !slices.Equal(got, want) {
		t.Errorf("Drain() after Restore = %v, want %v", got, want)
	}
}

// TestCounterConcurrent adds from many goroutines while another drains, and
// checks no view is lost or held twice. Run it with -race.
func TestCounterConcurrent(t *testing.T) {
	const (
		writers = 32
		each    = 2000
		items   = 50
	)
	c := NewCounter()
	base := time.Date(2026, 5, 3, 5, 0, 0, 0, time.UTC)
	seen := map[pendingKey]int{}
	var mu sync.Mutex
	collect := func(batch []View) {
		mu.Lock()
		defer mu.Unlock()
		for _, v := range batch {
			seen[pendingKey{v.Day, v.Kind, v.ID, v.Reader}]++
		}
	}

	var writersDone, drainer sync.WaitGroup
	stop := make(chan struct{})
	drainer.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			batch := c.Drain()
			if i%3 == 0 { // every third write "fails" and is handed back
				c.Restore(batch)
				continue
			}
			collect(batch)
			c.Pending()
		}
	})
	for w := range writers {
		writersDone.Go(func() {
			for i := range each {
				kind := Article
				if i%4 == 0 {
					kind = Video
				}
				reader := visitor(w<<11 | i) // every writer's every view a reader of its own
				c.Add(kind, int64((w+i)%items), base.Add(time.Duration(i%3)*time.Hour), day, reader, reader)
			}
		})
	}
	writersDone.Wait()
	close(stop)
	drainer.Wait()
	collect(c.Drain())

	if len(seen) != writers*each {
		t.Errorf("%d views drained, want %d", len(seen), writers*each)
	}
	for k, n := range seen {
		if n != 1 {
			t.Fatalf("view %v drained %d times", k, n)
		}
	}
}
