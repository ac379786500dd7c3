package auth

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"time"
)

// ErrBusy is returned by Gate.Check and Gate.Hash when every hashing slot
// stayed taken for the whole wait, or too many requests were already
// waiting. Answer it with 429 and a Retry-After.
var ErrBusy = errors.New("auth: too many password checks at once")

// Gate bounds how many password hashes run at once. Each argon2id run
// takes about 19 MiB and tens of milliseconds of one core, so without a
// bound a few hundred parallel sign-ins (with made-up emails, even) take
// gigabytes. Work past the bound waits briefly in line, then is refused.
type Gate struct {
	slots    chan struct{}
	waiting  atomic.Int64
	maxQueue int64
	maxWait  time.Duration
	runs     atomic.Int64 // hashes run, for tests
	peak     atomic.Int64 // most hashes seen running at once, for tests
	running  atomic.Int64
}

// NewGate allows slots hashes at once (0: one per CPU), with at most
// queue requests waiting, each for at most wait.
func NewGate(slots, queue int, wait time.Duration) *Gate {
	if slots <= 0 {
		slots = runtime.GOMAXPROCS(0)
	}
	return &Gate{slots: make(chan struct{}, slots), maxQueue: int64(queue), maxWait: wait}
}

// RetryAfter is what to tell a client that got ErrBusy, in seconds.
func (g *Gate) RetryAfter() int { return max(1, int(g.maxWait.Seconds())) }

// Check is CheckPassword inside the gate.
func (g *Gate) Check(ctx context.Context, encoded, pw string) (bool, error) {
	var ok bool
	err := g.run(ctx, func() { ok = CheckPassword(encoded, pw) })
	return ok, err
}

// Hash is HashPassword inside the gate.
func (g *Gate) Hash(ctx context.Context, pw string) (string, error) {
	var h string
	var herr error
	if err := g.run(ctx, func() { h, herr = HashPassword(pw) }); err != nil {
		return "", err
	}
	return h, herr
}

// Runs returns how many hashes have run through the gate, and the most
// that ever ran at once.
func (g *Gate) Runs() (total, peak int64) { return g.runs.Load(), g.peak.Load() }

func (g *Gate) run(ctx context.Context, fn func()) error {
	select {
	case g.slots <- struct{}{}: // a free slot: no queueing
	default:
		if g.waiting.Add(1) > g.maxQueue {
			g.waiting.Add(-1)
			return ErrBusy
		}
		t := time.NewTimer(g.maxWait)
		select {
		case g.slots <- struct{}{}:
			t.Stop()
			g.waiting.Add(-1)
		case <-t.C:
			g.waiting.Add(-1)
			return ErrBusy
		case <-ctx.Done():
			t.Stop()
			g.waiting.Add(-1)
			return ctx.Err()
		}
	}
	defer func() { <-g.slots }()
	n := g.running.Add(1)
	defer g.running.Add(-1)
	for p := g.peak.Load(); n > p && !g.peak.CompareAndSwap(p, n); p = g.peak.Load() {
	}
	g.runs.Add(1)
	fn()
	return nil
}
