package store_test

import (
	"context"
	"encoding/binary"
	"sync"
	"testing"
	"time"

	"dateline/internal/news"
	"dateline/internal/popularity"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// key is the n-th made-up visitor key of a kind of subject ('r' reader, 'a' address).
func key(subject byte, n int) [16]byte {
	var k [16]byte
	k[0] = subject
	binary.LittleEndian.PutUint64(k[8:], uint64(n))
	return k
}

// TestFlushViewsOncePerReaderAcrossNodes: two nodes flushing the same
// readers at once count each once; a flush of readers already stored (a
// restarted node) counts none; one address adds at most the cap to an item
// however its readers are spread over nodes; only published items count;
// a new day's salt forgets the old day's keys, and a node whose clock is a
// day behind does not make today's readers count again.
func TestFlushViewsOncePerReaderAcrossNodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		nodeA := e.Store
		nodeB, err := store.Open(ctx, e.Options)
		if err != nil {
			t.Fatal(err)
		}
		defer nodeB.Close()
		sec := news.Section{Slug: "local", Name: "Local"}
		if err := nodeA.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		var story, other, draft int64
		for _, p := range []struct {
			id     *int64
			status news.Status
		}{{&story, news.StatusPublished}, {&other, news.StatusPublished}, {&draft, news.StatusDraft}} {
			a := news.Article{Headline: "Story", Section: sec, Lang: "en", Status: p.status}
			if p.status == news.StatusPublished {
				a.PublishedAt = time.Now().Add(-time.Hour)
			}
			if err := nodeA.CreateArticle(ctx, &a, store.Change{Actor: "t", Action: "create"}); err != nil {
				t.Fatal(err)
			}
			*p.id = a.ID
		}
		const day = "2026-11-27"
		hour := time.Now().UTC().Truncate(time.Hour)
		// view is reader's view of an item of kind from address, keyed for the item as the tracker does.
		viewOf := func(kind popularity.Kind, id int64, reader, address int) popularity.View {
			return popularity.View{Kind: kind, ID: id, Hour: hour, Day: day,
				Reader: popularity.ItemKey(key('r', reader), kind, id), Address: popularity.ItemKey(key('a', address), kind, id)}
		}
		view := func(id int64, reader, address int) popularity.View {
			return viewOf(popularity.Article, id, reader, address)
		}
		views := func(id int64) int64 {
			t.Helper()
			n, err := nodeA.ViewsOf(ctx, popularity.Article, []int64{id})
			if err != nil {
				t.Fatal(err)
			}
			return n[id]
		}
		// flushAtOnce flushes each batch on its own node, all at once, and
		// returns how many views they counted together.
		flushAtOnce := func(batches map[*store.Store][]popularity.View) int {
			t.Helper()
			var wg sync.WaitGroup
			var mu sync.Mutex
			total := 0
			for node, batch := range batches {
				wg.Go(func() {
					n, err := node.FlushViews(ctx, batch, popularity.PerAddress)
					if err != nil {
						t.Error(err)
					}
					mu.Lock()
					total += n
					mu.Unlock()
				})
			}
			wg.Wait()
			return total
		}

		// Ten readers, each from an address of their own, seen by both nodes.
		var ten []popularity.View
		for i := range 10 {
			ten = append(ten, view(story, i, i))
		}
		if n := flushAtOnce(map[*store.Store][]popularity.View{nodeA: ten, nodeB: ten}); n != 10 || views(story) != 10 {
			t.Fatalf("ten readers on two nodes: flushes counted %d, stored %d; want 10", n, views(story))
		}
		if n, err := nodeA.FlushViews(ctx, ten, popularity.PerAddress); err != nil || n != 0 || views(story) != 10 {
			t.Fatalf("the same readers again (a restarted node): counted %d %v, stored %d; want 0 and 10", n, err, views(story))
		}
		// The same readers reading another story are new there.
		var elsewhere []popularity.View
		for i := range 10 {
			elsewhere = append(elsewhere, view(other, i, i))
		}
		if n, _ := nodeB.FlushViews(ctx, elsewhere, popularity.PerAddress); n != 10 {
			t.Fatalf("ten readers of another story: counted %d, want 10", n)
		}

		// Forty readers behind one address, spread over both nodes: the cap.
		crowd := map[*store.Store][]popularity.View{}
		for i := range 40 {
			node := []*store.Store{nodeA, nodeB}[i%2]
			crowd[node] = append(crowd[node], view(story, 100+i, 99))
		}
		if n := flushAtOnce(crowd); n != popularity.PerAddress || views(story) != 10+popularity.PerAddress {
			t.Fatalf("forty readers behind one address: counted %d, stored %d; want %d more", n, views(story), popularity.PerAddress)
		}
		if n, _ := nodeA.FlushViews(ctx, []popularity.View{view(story, 200, 99)}, popularity.PerAddress); n != 0 {
			t.Fatalf("a reader behind a full address counted %d", n)
		}

		// Nothing counts for a draft or an id that does not exist, of either kind.
		hidden := []popularity.View{view(draft, 300, 300), view(987654, 301, 301), viewOf(popularity.Video, 987654, 302, 302)}
		if n, err := nodeA.FlushViews(ctx, hidden, popularity.PerAddress); err != nil || n != 0 || views(draft) != 0 || views(987654) != 0 {
			t.Fatalf("hidden or unknown items: counted %d %v", n, err)
		}

		// A node whose clock is a day behind keeps today's keys; the next day forgets them.
		if _, err := nodeB.DaySalt(ctx, "2026-11-26"); err != nil {
			t.Fatal(err)
		}
		if n, _ := nodeA.FlushViews(ctx, ten, popularity.PerAddress); n != 0 {
			t.Fatalf("an earlier day's salt made today's readers count again: %d", n)
		}
		if _, err := nodeB.DaySalt(ctx, "2026-11-28"); err != nil {
			t.Fatal(err)
		}
		if n, _ := nodeA.FlushViews(ctx, ten, popularity.PerAddress); n != 10 {
			t.Fatalf("after the day's keys were deleted the same batch counted %d, want 10 (were they kept?)", n)
		}
	})
}
