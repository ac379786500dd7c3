package jobs

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// events records what the loops did, in order.
type events struct {
	mu   sync.Mutex
	list []string
}

func (e *events) add(s string) {
	e.mu.Lock()
	e.list = append(e.list, s)
	e.mu.Unlock()
}

func (e *events) String() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return fmt.Sprint(e.list)
}

// TestRunnerStopsInReverseOrder: the loops start in the order added and
// stop in the reverse order, each one finished (its last flush written)
// before the next is told to stop; Ready waits for every loop's ready.
func TestRunnerStopsInReverseOrder(t *testing.T) {
	var ev events
	var r Runner
	gates := map[string]chan struct{}{}
	for _, name := range []string{"salts", "view flush", "page listener", "scheduled publishing"} {
		gate := make(chan struct{})
		gates[name] = gate
		r.Add(name, func(ctx context.Context, ready func()) {
			<-gate
			ready()
			<-ctx.Done()
			ev.add("stopping " + name)
			// Work after the stop (a final flush) finishes before the next
			// loop is stopped: the next one's "stopping" comes after this.
			ev.add("stopped " + name)
		})
	}
	r.Start(context.Background())
	for _, name := range []string{"scheduled publishing", "view flush", "salts"} {
		close(gates[name])
	}
	select {
	case <-r.Ready():
		t.Fatal("ready before the page listener was")
	default:
	}
	close(gates["page listener"])
	<-r.Ready()
	if err := r.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := "[stopping scheduled publishing stopped scheduled publishing stopping page listener stopped page listener " +
		"stopping view flush stopped view flush stopping salts stopped salts]"
	if got := ev.String(); got != want {
		t.Fatalf("stop order\n got %s\nwant %s", got, want)
	}
}

// TestRunnerRestartsAfterPanic: a loop that panics is run again, and the
// others go on; Stop still stops it.
func TestRunnerRestartsAfterPanic(t *testing.T) {
	var r Runner
	runs := make(chan int, 3)
	n := 0
	r.Add("flaky", func(ctx context.Context, ready func()) {
		n++
		runs <- n
		if n == 1 {
			panic("the first run fails")
		}
		ready()
		<-ctx.Done()
	})
	r.Add("steady", Loop(func(ctx context.Context) { <-ctx.Done() }))
	r.Start(context.Background())
	if first, second := <-runs, <-runs; first != 1 || second != 2 {
		t.Fatalf("runs %d %d", first, second)
	}
	<-r.Ready()
	if err := r.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestRunnerStopGivesUp: a loop that does not return by the deadline is
// named in Stop's error, and the loops after it in the stop order are told
// to stop all the same.
func TestRunnerStopGivesUp(t *testing.T) {
	var r Runner
	stuck, released := make(chan struct{}), make(chan struct{})
	stopped := make(chan struct{})
	r.Add("salts", Loop(func(ctx context.Context) { <-ctx.Done(); close(stopped) }))
	r.Add("stuck", Loop(func(ctx context.Context) {
		<-ctx.Done()
		close(stuck)
		<-released
	}))
	r.Start(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-stuck; cancel() }()
	err := r.Stop(ctx)
	// "salts" may be named too: it is told to stop, not waited for.
	if err == nil || !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "stopped: stuck") {
		t.Fatalf("Stop: %v", err)
	}
	<-stopped // told to stop although the one before it in the order had not
	close(released)
}
