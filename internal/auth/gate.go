package auth

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"time"
)

// ErrBusy is returned by the Gate's methods when every hashing slot stayed
// taken for the whole wait, or too many requests were already waiting.
// Answer it with 429 and a Retry-After.
var ErrBusy = errors.New("auth: too many password checks at once")

// Gate bounds how many password hashes run at once. Each argon2id run
// takes about 19 MiB and tens of milliseconds of one core, so without a
// bound a few hundred parallel sign-ins (with made-up emails, even) take
// gigabytes. Work past the bound waits briefly in line, then is refused.
//
// One more slot is kept for trusted work (CheckTrusted: a member signing in
// from a browser or address they have signed in from before), so a flood of
// strangers' sign-ins that fills the shared slots cannot keep staff out.
type Gate struct {
	slots    chan struct{} // shared by everyone
	reserved chan struct{} // trusted work only
	waiting  atomic.Int64
	maxQueue int64
	maxWait  time.Duration
	runs     atomic.Int64 // hashes run, for tests
	peak     atomic.Int64 // most hashes seen running at once, for tests
	running  atomic.Int64
}

// NewGate allows slots hashes at once (0: one per CPU) plus one for trusted
// work, with at most queue requests waiting, each for at most wait.
func NewGate(slots, queue int, wait time.Duration) *Gate {
	if slots <= 0 {
		slots = runtime.GOMAXPROCS(0)
	}
	return &Gate{slots: make(chan struct{}, slots), reserved: make(chan struct{}, 1),
		maxQueue: int64(queue), maxWait: wait}
}

// Slots is the most hashes that run at once: the shared slots and the
// trusted one.
func (g *Gate) Slots() int { return cap(g.slots) + cap(g.reserved) }

// RetryAfter is what to tell a client that got ErrBusy, in seconds.
func (g *Gate) RetryAfter() int { return max(1, int(g.maxWait.Seconds())) }

// Check is CheckPassword inside the gate.
func (g *Gate) Check(ctx context.Context, encoded, pw string) (bool, error) {
	var ok bool
	err := g.run(ctx, false, func() { ok = CheckPassword(encoded, pw) })
	return ok, err
}

// CheckTrusted is Check for a sign-in from a known place: it may also take
// the slot strangers cannot.
func (g *Gate) CheckTrusted(ctx context.Context, encoded, pw string) (bool, error) {
	var ok bool
	err := g.run(ctx, true, func() { ok = CheckPassword(encoded, pw) })
	return ok, err
}

// Hash is HashPassword inside the gate.
func (g *Gate) Hash(ctx context.Context, pw string) (string, error) {
	var h string
	var herr error
	if err := g.run(ctx, false, func() { h, herr = HashPassword(pw) }); err != nil {
		return "", err
	}
	return h, herr
}

// Runs returns how many hashes have run through the gate, and the most
// that ever ran at once.
func (g *Gate) Runs() (total, peak int64) { return g.runs.Load(), g.peak.Load() }

func (g *Gate) run(ctx context.Context, trusted bool, fn func()) error {
	// A nil channel never receives a send, so untrusted work never waits
	// on the reserved slot.
	var reserved chan struct{}
	if trusted {
		reserved = g.reserved
	}
	var slot chan struct{}
	select { // a free slot: no queueing
	case g.slots <- struct{}{}:
		slot = g.slots
	case reserved <- struct{}{}:
		slot = reserved
	default:
		// Strangers wait only while the line is short; trusted work
		// always waits its turn for a slot.
		if g.waiting.Add(1) > g.maxQueue && !trusted {
			g.waiting.Add(-1)
			return ErrBusy
		}
		t := time.NewTimer(g.maxWait)
		defer t.Stop()
		select {
		case g.slots <- struct{}{}:
			slot = g.slots
		case reserved <- struct{}{}:
			slot = reserved
		case <-t.C:
		case <-ctx.Done():
		}
		g.waiting.Add(-1)
		if slot == nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return ErrBusy
		}
	}
	defer func() { <-slot }()
	n := g.running.Add(1)
	defer g.running.Add(-1)
	for p := g.peak.Load(); n > p && !g.peak.CompareAndSwap(p, n); p = g.peak.Load() {
	}
	g.runs.Add(1)
	fn()
	return nil
}
