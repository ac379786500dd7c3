package views_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"dateline/internal/news"
	"dateline/internal/popularity"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
	"dateline/internal/views"
)

func browser() http.Header {
	h := http.Header{}
	h.Set("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")
	h.Set("Accept-Language", "si-LK,si;q=0.9,en;q=0.8")
	return h
}

// TestRunFlushesOnShutdown: views counted just before the tracker is stopped
// are written by its last flush, not lost.
func TestRunFlushesOnShutdown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		sec := news.Section{Slug: "local", Name: "Local"}
		if err := e.Store.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		a := news.Article{Headline: "Story", Section: sec, Lang: "en", Status: news.StatusPublished, PublishedAt: time.Now().Add(-time.Hour)}
		if err := e.Store.CreateArticle(ctx, &a, store.Change{Actor: "t", Action: "create"}); err != nil {
			t.Fatal(err)
		}
		colombo, _ := time.LoadLocation("Asia/Colombo")
		tr := views.NewTracker(e.Store, colombo)
		runCtx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { tr.Run(runCtx, time.Hour); close(done) }() // the interval never fires here
		for i, ip := range []string{"203.0.113.1", "203.0.113.2", "203.0.113.2"} {
			counted := tr.Record(popularity.Article, a.ID, ip, browser())
			if counted != (i < 2) {
				t.Fatalf("view %d from %s: counted=%v", i, ip, counted)
			}
		}
		if tr.Pending() != 2 {
			t.Fatalf("pending %d, want 2 views", tr.Pending())
		}
		stop()
		<-done
		ranked, err := e.Store.MostViewed(ctx, popularity.Article, time.Now().Add(-2*time.Hour), "", 10)
		if err != nil || len(ranked) != 1 || ranked[0].Views != 2 {
			t.Fatalf("after shutdown: %+v %v, want 2 views stored", ranked, err)
		}
	})
}
