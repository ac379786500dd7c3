// Package views counts page views from the beacon and ranks what is most
// viewed. Counting touches only memory: the beacon's handler asks Record, and
// Run flushes the counts in batches into hourly buckets. Rankings are
// computed from the buckets and cached briefly.
package views

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"dateline/internal/popularity"
	"dateline/internal/store"
)

// Tracker turns beacons into counted views.
type Tracker struct {
	store   *store.Store
	salter  *popularity.Salter
	dedupe  *popularity.Dedupe
	counter *popularity.Counter
	now     func() time.Time
}

// maxDedupe bounds how many (visitor, item) pairs a node remembers per day.
const maxDedupe = 2_000_000

// maxPending bounds how many item-hours wait in memory. Normally a flush
// empties the counter every few seconds; while the database is down, views
// of new items beyond this are dropped rather than letting beacons with
// made-up ids grow memory without limit.
const maxPending = 500_000

// NewTracker counts views for the site in zone loc. The daily salt is shared
// through the database so every node keys a visitor the same way.
func NewTracker(st *store.Store, loc *time.Location) *Tracker {
	load := func(day string) ([]byte, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		salt, err := st.DaySalt(ctx, day)
		if err != nil {
			slog.Warn("views: loading the day's salt", "err", err)
		}
		return salt, err
	}
	return &Tracker{store: st, salter: popularity.NewSharedSalter(loc, load),
		dedupe: popularity.NewDedupe(maxDedupe), counter: popularity.NewCounter(), now: time.Now}
}

// Record counts one view of an item if it comes from a person and is this
// visitor's first view of the item today. It never writes to the database.
func (t *Tracker) Record(kind popularity.Kind, id int64, ip string, h http.Header) bool {
	if id < 1 || popularity.IsBot(h) {
		return false
	}
	if t.counter.Pending() >= maxPending {
		return false
	}
	now := t.now()
	key, day := t.salter.Key(now, ip, h.Get("User-Agent"))
	if !t.dedupe.First(day, key, kind, id) {
		return false
	}
	t.counter.Add(kind, id, now)
	return true
}

// Flush writes what has been counted since the last flush in one batch; if
// the write fails the counts are kept for the next try.
func (t *Tracker) Flush(ctx context.Context) error {
	batch := t.counter.Drain()
	if len(batch) == 0 {
		return nil
	}
	if err := t.store.AddViews(ctx, batch); err != nil {
		if t.counter.Pending()+len(batch) <= maxPending {
			t.counter.Restore(batch)
		}
		return err
	}
	return nil
}

// Run flushes every interval until ctx ends, then flushes once more (with
// its own deadline), so a clean shutdown loses nothing; a crash loses at
// most one interval's views.
func (t *Tracker) Run(ctx context.Context, interval time.Duration) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			final, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			if err := t.Flush(final); err != nil {
				slog.Error("views: final flush", "err", err)
			}
			cancel()
			return
		case <-tick.C:
			if err := t.Flush(ctx); err != nil && ctx.Err() == nil {
				slog.Error("views: flush", "err", err, "pending", t.counter.Pending())
			}
		}
	}
}

// Pending is how many item-hours wait for the next flush.
func (t *Tracker) Pending() int { return t.counter.Pending() }
