package popularity

import (
	"slices"
	"sync"
	"testing"
	"time"
)

func TestCounterHourBuckets(t *testing.T) {
	loc := colombo(t)
	c := NewCounter()
	// 10:29 and 10:31 in Colombo straddle the UTC hour 05:00.
	c.Add(Article, 7, time.Date(2026, 5, 3, 10, 29, 59, 0, loc))
	c.Add(Article, 7, time.Date(2026, 5, 3, 10, 30, 0, 0, loc))
	c.Add(Article, 7, time.Date(2026, 5, 3, 5, 59, 59, 999999999, time.UTC))
	c.Add(Video, 7, time.Date(2026, 5, 3, 5, 0, 0, 0, time.UTC))
	c.Add(Article, 8, time.Date(2026, 5, 3, 5, 15, 0, 0, time.UTC))
	c.Add(Article, 1, time.Date(1969, 12, 31, 23, 30, 0, 0, time.UTC)) // before the epoch
	if n := c.Pending(); n != 5 {
		t.Errorf("Pending() = %d, want 5", n)
	}

	h := func(hh int) time.Time { return time.Date(2026, 5, 3, hh, 0, 0, 0, time.UTC) }
	want := []Count{ // sorted by hour, kind, id
		{Article, 1, time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC), 1},
		{Article, 7, h(4), 1},
		{Article, 7, h(5), 2},
		{Article, 8, h(5), 1},
		{Video, 7, h(5), 1},
	}
	got := c.Drain()
	if !slices.Equal(got, want) {
		t.Errorf("Drain() =\n%v\nwant\n%v", got, want)
	}
	for _, v := range got {
		if v.Hour.Location() != time.UTC {
			t.Errorf("hour %v not in UTC", v.Hour)
		}
	}
	if n := c.Pending(); n != 0 {
		t.Errorf("Pending() after Drain = %d, want 0", n)
	}
	if got := c.Drain(); len(got) != 0 {
		t.Errorf("second Drain() = %v, want nothing", got)
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
	for range 3 {
		c.Add(Article, 1, at)
	}
	c.Add(Video, 2, at)
	batch := c.Drain()

	// The write failed; meanwhile more views arrived.
	c.Add(Article, 1, at)
	c.Add(Article, 3, at)
	c.Restore(batch)
	if n := c.Pending(); n != 3 {
		t.Errorf("Pending() = %d, want 3", n)
	}
	hour := at.Truncate(time.Hour)
	want := []Count{{Article, 1, hour, 4}, {Article, 3, hour, 1}, {Video, 2, hour, 1}}
	if got := c.Drain(); !slices.Equal(got, want) {
		t.Errorf("Drain() after Restore = %v, want %v", got, want)
	}
}

// TestCounterConcurrent adds from many goroutines while another drains, and
// checks no view is lost or counted twice. Run it with -race.
func TestCounterConcurrent(t *testing.T) {
	const (
		writers = 32
		each    = 2000
		items   = 50
	)
	c := NewCounter()
	base := time.Date(2026, 5, 3, 5, 0, 0, 0, time.UTC)
	totals := map[countKey]int64{}
	var mu sync.Mutex
	collect := func(batch []Count) {
		mu.Lock()
		defer mu.Unlock()
		for _, v := range batch {
			totals[countKey{v.Kind, v.ID, unixHour(v.Hour)}] += v.Views
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
				c.Add(kind, int64((w+i)%items), base.Add(time.Duration(i%3)*time.Hour))
			}
		})
	}
	writersDone.Wait()
	close(stop)
	drainer.Wait()
	collect(c.Drain())

	var sum int64
	for _, v := range totals {
		sum += v
	}
	if sum != writers*each {
		t.Errorf("%d views drained, want %d", sum, writers*each)
	}
	if n := len(totals); n > 2*items*3 {
		t.Errorf("%d distinct entries, want at most %d", n, 2*items*3)
	}
}
