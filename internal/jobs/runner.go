package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Runner runs a process's background loops under one start and stop order:
// they start in the order added and stop in the reverse order, each one
// finished before the next is told to stop, so a loop may rely on those
// added before it (the view flush on the salts, say) for as long as it
// runs. A loop that panics is logged and started again after a pause.
type Runner struct {
	loops   []*loop
	started bool
	ready   chan struct{} // closed once every loop is ready
}

type loop struct {
	name   string
	run    func(ctx context.Context, ready func())
	cancel context.CancelFunc
	done   chan struct{} // closed when run has returned for good
	ready  chan struct{} // closed when run calls ready, or returns
	once   sync.Once
}

// Add adds a loop named name (for the log). run must loop until ctx ends
// and then return; it calls ready once it does what it is there for (the
// first LISTEN, the first salt), which Ready waits for. Call Add before
// Start.
func (r *Runner) Add(name string, run func(ctx context.Context, ready func())) {
	if r.started {
		panic("jobs: Add after Start")
	}
	r.loops = append(r.loops, &loop{name: name, run: run, done: make(chan struct{}), ready: make(chan struct{})})
}

// Loop adapts a loop with nothing to wait for: it is ready at once.
func Loop(run func(ctx context.Context)) func(ctx context.Context, ready func()) {
	return func(ctx context.Context, ready func()) {
		ready()
		run(ctx)
	}
}

// Start starts every loop, in the order added, under a context of its own
// derived from ctx (which keeps its values; ending ctx stops them too, in
// no particular order: use Stop for the order).
func (r *Runner) Start(ctx context.Context) {
	if r.started {
		panic("jobs: Start twice")
	}
	r.started = true
	r.ready = make(chan struct{})
	for _, l := range r.loops {
		var lctx context.Context
		lctx, l.cancel = context.WithCancel(ctx)
		go l.keep(lctx)
	}
	go func() {
		for _, l := range r.loops {
			<-l.ready
		}
		close(r.ready)
	}()
}

// Ready is closed once every loop has said it is ready (or returned).
func (r *Runner) Ready() <-chan struct{} { return r.ready }

// Stop stops the loops in the reverse order of Start, waiting for each to
// return before stopping the next. If ctx ends first, the loops not yet
// stopped are told to stop all at once and Stop returns an error naming
// those still running, without waiting for them further.
func (r *Runner) Stop(ctx context.Context) error {
	if !r.started {
		return nil
	}
	for i := len(r.loops) - 1; i >= 0; i-- {
		l := r.loops[i]
		l.cancel()
		select {
		case <-l.done:
		case <-ctx.Done():
			var running []string
			for j := i; j >= 0; j-- {
				l := r.loops[j]
				l.cancel()
				select {
				case <-l.done:
				default:
					running = append(running, l.name)
				}
			}
			if len(running) == 0 {
				return nil
			}
			return fmt.Errorf("background work still running when stopped: %s: %w", strings.Join(running, ", "), ctx.Err())
		}
	}
	return nil
}

// restartAfter is the pause before a loop that panicked runs again; it
// doubles with each panic in a row, up to maxRestartAfter.
const (
	restartAfter    = time.Second
	maxRestartAfter = time.Minute
)

// keep runs the loop until it returns without panicking or ctx ends.
func (l *loop) keep(ctx context.Context) {
	defer close(l.done)
	defer l.isReady()
	pause := restartAfter
	for {
		if !l.runOnce(ctx) || ctx.Err() != nil {
			return
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		pause = min(2*pause, maxRestartAfter)
	}
}

// runOnce runs the loop and reports whether it panicked.
func (l *loop) runOnce(ctx context.Context) (panicked bool) {
	defer func() {
		if v := recover(); v != nil {
			panicked = true
			slog.Error("background work panicked; it starts again", "job", l.name, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		}
	}()
	l.run(ctx, l.isReady)
	if ctx.Err() == nil {
		slog.Warn("background work ended before it was stopped", "job", l.name)
	}
	return false
}

func (l *loop) isReady() { l.once.Do(func() { close(l.ready) }) }
