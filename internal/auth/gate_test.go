package auth

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestGateBoundsAndQueues: never more than the slots run at once; work
// past the slots waits, and is refused with ErrBusy when the line is full
// or the wait runs out; a cancelled request leaves the line.
func TestGateBoundsAndQueues(t *testing.T) {
	g := NewGate(2, 3, 200*time.Millisecond)
	hold := make(chan struct{})
	var running, peak atomic.Int64
	work := func() {
		n := running.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		<-hold
		running.Add(-1)
	}
	var wg sync.WaitGroup
	var busy, done atomic.Int64
	for range 10 {
		wg.Go(func() {
			err := g.run(context.Background(), false, work)
			switch {
			case errors.Is(err, ErrBusy):
				busy.Add(1)
			case err == nil:
				done.Add(1)
			default:
				t.Error(err)
			}
		})
	}
	// 2 run, 3 wait, 5 are refused at once.
	deadline := time.Now().Add(5 * time.Second)
	for busy.Load() < 5 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if busy.Load() != 5 {
		t.Fatalf("%d refused while the line was full, want 5", busy.Load())
	}
	close(hold) // the waiting three now run in turn
	wg.Wait()
	if done.Load() != 5 || peak.Load() != 2 {
		t.Fatalf("done %d (want 5), at most %d at once (want 2)", done.Load(), peak.Load())
	}
	if total, most := g.Runs(); total != 5 || most != 2 {
		t.Fatalf("Runs() = %d, %d; want 5, 2", total, most)
	}

	// A wait that runs out is ErrBusy; a cancelled wait is the context's error.
	block := make(chan struct{})
	for range 2 {
		go g.run(context.Background(), false, func() { <-block })
	}
	for g.running.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	if err := g.run(context.Background(), false, func() {}); !errors.Is(err, ErrBusy) || time.Since(start) < 150*time.Millisecond {
		t.Fatalf("a full gate: %v after %v, want ErrBusy after the wait", err, time.Since(start))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := g.run(ctx, false, func() {}); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled wait: %v", err)
	}
	// Trusted work takes the slot strangers cannot, and waits even when
	// the strangers' line is full.
	if err := g.run(context.Background(), true, func() {}); err != nil {
		t.Fatalf("trusted work with the shared slots taken: %v", err)
	}
	holdReserved := make(chan struct{})
	go g.run(context.Background(), true, func() { <-holdReserved })
	for g.running.Load() < 3 {
		time.Sleep(time.Millisecond)
	}
	for range 3 { // fill the strangers' line
		go g.run(context.Background(), false, func() {})
	}
	for g.waiting.Load() < 3 {
		time.Sleep(time.Millisecond)
	}
	got := make(chan error)
	go func() { got <- g.run(context.Background(), true, func() {}) }()
	time.Sleep(20 * time.Millisecond)
	close(holdReserved)
	if err := <-got; err != nil {
		t.Fatalf("trusted work behind a full line: %v", err)
	}
	close(block)
	for g.running.Load() > 0 || g.waiting.Load() > 0 {
		time.Sleep(time.Millisecond)
	}
	if total, most := g.Runs(); most > int64(g.Slots()) {
		t.Fatalf("%d ran at once, more than the %d slots (%d runs)", most, g.Slots(), total)
	}
	if ok, err := g.Check(context.Background(), "not a hash", "pw"); ok || err != nil {
		t.Fatalf("Check of a malformed hash: %v %v", ok, err)
	}
}
