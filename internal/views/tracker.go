// Package views counts page views from the beacon and ranks what is most
// viewed. Counting touches only memory: the beacon's handler asks Record, and
// Run flushes the views in batches, where a reader counts once per story per
// day across all nodes, into hourly buckets. Rankings are
// computed from the buckets and cached briefly.
package views

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"dateline/internal/popularity"
	"dateline/internal/store"
	"dateline/internal/web"
)

// Tracker turns beacons into counted views.
type Tracker struct {
	store   *store.Store
	salter  *popularity.Salter
	dedupe  *popularity.Dedupe
	counter *popularity.Counter
	now     func() time.Time
	// readerID tells verified readers apart (IdentifyReaders); nil treats
	// every request as carrying none.
	readerID ReaderID
}

// ReaderID returns the reader id a request's headers prove, such as the
// value of a dateline_reader cookie whose signature checks, and false when
// they prove none. It must never trust an id it has not verified: a made-up
// one would count as a new reader (up to popularity.PerAddress per address).
type ReaderID func(h http.Header) (id string, ok bool)

// maxDedupe bounds how many (reader, item) pairs a node remembers per day.
const maxDedupe = 2_000_000

// maxPending bounds how many views wait in memory (some 120 bytes each).
// Normally a flush empties the counter every few seconds; while the
// database is down, views beyond this are dropped rather than letting
// beacons with made-up ids grow memory without limit.
const maxPending = 200_000

// NewTracker counts views for the site in zone loc. The daily salt is shared
// through the database so every node keys a visitor the same way; Salts
// fetches it ahead of time, so that Record never waits for the database.
func NewTracker(st *store.Store, loc *time.Location) *Tracker {
	return newTracker(st, loc, popularity.SaltSource{Day: st.DaySalt, Ahead: st.SaltAhead})
}

func newTracker(st *store.Store, loc *time.Location, salts popularity.SaltSource) *Tracker {
	return &Tracker{store: st, salter: popularity.NewSharedSalter(loc, salts),
		dedupe: popularity.NewDedupe(maxDedupe), counter: popularity.NewCounter(), now: time.Now}
}

// saltFetch bounds one fetch of a salt.
const saltFetch = 10 * time.Second

// Salts keeps the daily salts fetched until ctx ends: today's at once, the
// next day's in the hour before midnight in the site's zone, and today's
// again just after midnight, which makes the database forget the day
// before; a failed fetch is tried again a minute later. Until today's
// salt arrives, views are keyed with a stand-in of this node's own (see
// popularity.NewSharedSalter). ready, if not nil, is called after the
// first fetch of today's salt, whether it worked or not.
func (t *Tracker) Salts(ctx context.Context, ready func()) {
	for {
		fetchCtx, cancel := context.WithTimeout(ctx, saltFetch)
		now := t.now()
		next, err := t.salter.Fetch(fetchCtx, now)
		cancel()
		if err != nil && ctx.Err() == nil {
			slog.Warn("views: fetching the daily salt", "err", err)
		}
		if ready != nil {
			ready()
			ready = nil
		}
		wait := time.NewTimer(next.Sub(now))
		select {
		case <-ctx.Done():
			wait.Stop()
			return
		case <-wait.C:
		}
	}
}

// IdentifyReaders lets the tracker tell apart verified readers who share
// an address (a household, an office, a carrier's CGNAT): each counts once
// a day per story, up to popularity.PerAddress per address and story. Call
// it before the tracker is used. Without it an address is one reader.
func (t *Tracker) IdentifyReaders(id ReaderID) { t.readerID = id }

// Record holds one view of an item for the next flush if it comes from a
// person and this node has not seen the reader read the item today; the
// flush decides whether it counts (see store.FlushViews). Who the reader
// is comes from the address ip (an IPv6 address by its /48) and, when
// IdentifyReaders is set, a verified reader id; never from the User-Agent
// or anything else a client can change for free. It never reads or writes
// the database, nor waits for anything that does.
func (t *Tracker) Record(kind popularity.Kind, id int64, ip string, h http.Header) bool {
	if id < 1 || popularity.IsBot(h) {
		return false
	}
	if t.counter.Pending() >= maxPending {
		return false
	}
	now := t.now()
	address, day := t.salter.Key(now, "address", web.AddressBlock(ip))
	reader := address
	if t.readerID != nil {
		if rid, ok := t.readerID(h); ok {
			// Keyed under the same day as the address, or not at all (a
			// request straddling midnight then counts as its address).
			if k, d := t.salter.Key(now, "reader", rid); d == day {
				reader = k
			}
		}
	}
	if !t.dedupe.First(day, reader, kind, id) {
		return false
	}
	return t.counter.Add(kind, id, now, day, popularity.ItemKey(reader, kind, id), popularity.ItemKey(address, kind, id))
}

// Flush counts what has been held since the last flush, in one batch (see
// store.FlushViews); if the write fails the views are kept for the next try.
func (t *Tracker) Flush(ctx context.Context) error {
	batch := t.counter.Drain()
	if len(batch) == 0 {
		return nil
	}
	if _, err := t.store.FlushViews(ctx, batch, popularity.PerAddress); err != nil {
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

// Pending is how many views wait for the next flush.
func (t *Tracker) Pending() int { return t.counter.Pending() }
