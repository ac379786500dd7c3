package views

import (
	"context"
	"net/http"
	"testing"
	"time"

	"dateline/internal/popularity"
)

// TestRecordDoesNotWaitForTheSalt: while the salt's write hangs (a database
// that does not answer), a beacon's Record is counted at once with a
// stand-in salt: it never waits for the fetch, which runs in Salts. When
// the database answers, the shared salt replaces the stand-in.
func TestRecordDoesNotWaitForTheSalt(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Colombo")
	if err != nil {
		t.Fatal(err)
	}
	entered, release := make(chan struct{}), make(chan struct{})
	shared := make([]byte, 32)
	hang := func(ctx context.Context, day string) ([]byte, error) {
		select {
		case entered <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		select {
		case <-release:
			return append([]byte(nil), shared...), nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	tr := newTracker(nil, loc, popularity.SaltSource{Day: hang, Ahead: hang})
	ctx, stop := context.WithCancel(context.Background())
	salts := make(chan struct{})
	go func() { tr.Salts(ctx, nil); close(salts) }()
	defer func() { stop(); <-salts; close(entered) }()
	<-entered // the fetch holds the (hanging) write now

	h := http.Header{}
	h.Set("User-Agent", "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36")
	h.Set("Accept-Language", "ta-LK,ta;q=0.9,en;q=0.8")
	recorded := make(chan bool)
	go func() {
		counted := tr.Record(popularity.Article, 7, "203.0.113.9", h)
		tr.Record(popularity.Article, 8, "203.0.113.9", h)
		recorded <- counted
	}()
	select {
	case counted := <-recorded:
		if !counted || tr.Pending() != 2 {
			t.Fatalf("views while the salt's write hangs: counted %v, %d pending; want both held", counted, tr.Pending())
		}
	case <-time.After(10 * time.Second): // a generous bound: the beacon waits on nothing
		t.Fatal("Record waited for the salt's write")
	}
	standIn, _ := tr.salter.Key(time.Now(), "address", "203.0.113.9")
	close(release)
	// The next fetch (the next day's, ahead of midnight, or a retry) may
	// come; let it through too.
	go func() {
		for range entered {
		}
	}()
	for {
		if k, _ := tr.salter.Key(time.Now(), "address", "203.0.113.9"); k != standIn {
			break
		}
		time.Sleep(time.Millisecond) // Salts installs the shared salt after the write returns
	}
}
