package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"dateline/internal/news"
	"dateline/internal/popularity"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestViewsAddUpAcrossNodes: two stores on the same database (two nodes)
// flush their own counts; the buckets hold the sum. Unpublished and unknown
// items are never stored, and the ranking breaks ties by recency.
func TestViewsAddUpAcrossNodes(t *testing.T) {
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
		now := time.Now().UTC()
		var ids []int64
		for i, status := range []news.Status{news.StatusPublished, news.StatusPublished, news.StatusDraft} {
			a := news.Article{Headline: "Story", Section: sec, Lang: "en", Status: status}
			if status == news.StatusPublished {
				a.PublishedAt = now.Add(-time.Duration(10-i) * time.Hour) // the second is newer
			}
			if err := nodeA.CreateArticle(ctx, &a, store.Change{Actor: "t", Action: "create"}); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		hour := now.Truncate(time.Hour)
		batch := func(views int64) []popularity.Count {
			return []popularity.Count{
				{Kind: popularity.Article, ID: ids[0], Hour: hour, Views: views},
				{Kind: popularity.Article, ID: ids[1], Hour: hour, Views: views},
				{Kind: popularity.Article, ID: ids[2], Hour: hour, Views: 1000}, // a draft
				{Kind: popularity.Article, ID: 987654, Hour: hour, Views: 1000}, // no such article
				{Kind: popularity.Video, ID: 987654, Hour: hour, Views: 1000},
			}
		}
		var wg sync.WaitGroup
		for _, node := range []*store.Store{nodeA, nodeB} {
			for range 5 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if err := node.AddViews(ctx, batch(7)); err != nil {
						t.Error(err)
					}
				}()
			}
		}
		wg.Wait()
		ranked, err := nodeB.MostViewed(ctx, popularity.Article, hour.Add(-24*time.Hour), "en", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(ranked) != 2 || ranked[0].Views != 70 || ranked[1].Views != 70 {
			t.Fatalf("ranked %+v, want two items with 70 views each (10 flushes of 7)", ranked)
		}
		if ranked[0].ID != ids[1] {
			t.Fatalf("tie not broken by recency: %+v", ranked)
		}
		if old, _ := nodeA.MostViewed(ctx, popularity.Article, hour.Add(time.Hour), "", 10); len(old) != 0 {
			t.Fatalf("window starting after the views still lists %+v", old)
		}
		per, err := nodeA.ViewsPerHour(ctx, popularity.Article, hour.Add(-48*time.Hour))
		if err != nil || len(per) != 1 || per[0].Views != 140 || !per[0].Hour.Equal(hour) {
			t.Fatalf("per hour %+v %v", per, err)
		}
		counts, err := nodeA.ViewsOf(ctx, popularity.Article, ids)
		if err != nil || counts[ids[0]] != 70 || counts[ids[2]] != 0 {
			t.Fatalf("views of items %v %v", counts, err)
		}

		// Unpublishing takes an item out of the ranking at once.
		a, _ := nodeA.Article(ctx, ids[0])
		a.Status = news.StatusUnpublished
		if err := nodeA.UpdateArticle(ctx, &a, store.Change{Actor: "t", Action: "unpublish"}); err != nil {
			t.Fatal(err)
		}
		if ranked, _ := nodeA.MostViewed(ctx, popularity.Article, hour.Add(-time.Hour), "", 10); len(ranked) != 1 || ranked[0].ID != ids[1] {
			t.Fatalf("after unpublishing: %+v", ranked)
		}

		// Both nodes get the same salt for a day; a new day deletes the old one.
		s1, err := nodeA.DaySalt(ctx, "2026-11-27")
		if err != nil {
			t.Fatal(err)
		}
		s2, _ := nodeB.DaySalt(ctx, "2026-11-27")
		if string(s1) != string(s2) || len(s1) != 32 {
			t.Fatalf("salts differ across nodes")
		}
		s3, _ := nodeB.DaySalt(ctx, "2026-11-28")
		if s4, _ := nodeA.DaySalt(ctx, "2026-11-27"); string(s3) == string(s1) || string(s4) == string(s1) {
			t.Fatal("a new day kept the old salt, or the old day's salt came back")
		}
	})
}

// TestPublishedTitles: a Most Viewed list's items are read in one query, in
// the order asked, leaving out drafts, unpublished stories and ids that do
// not exist; articles and videos each from their own table.
func TestPublishedTitles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		st := e.Store
		sec := news.Section{Slug: "local", Name: "Local"}
		if err := st.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		ch := store.Change{Actor: "t", Action: "create"}
		mk := func(headline, lang string, status news.Status) news.Article {
			t.Helper()
			a := news.Article{Headline: headline, Section: sec, Lang: lang, Status: status}
			if status == news.StatusPublished {
				a.PublishedAt = time.Now().Add(-time.Hour)
			}
			if err := st.CreateArticle(ctx, &a, ch); err != nil {
				t.Fatal(err)
			}
			return a
		}
		first := mk("Kelani river rises after night of rain", "en", news.StatusPublished)
		second := mk("කැලණි ගඟ උතුරයි", "si", news.StatusPublished)
		draft := mk("Unfinished draft", "en", news.StatusDraft)
		v := news.Video{Title: "Elephants cross the road at Habarana", Lang: "ta", Status: news.StatusPublished,
			Provider: "youtube", ProviderID: "dQw4w9WgXcQ", PublishedAt: time.Now().Add(-time.Hour)}
		if err := st.CreateVideo(ctx, &v, ch); err != nil {
			t.Fatal(err)
		}

		got, err := st.PublishedTitles(ctx, popularity.Article, []int64{second.ID, 987654, draft.ID, first.ID, v.ID, second.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := []store.Titled{
			{ID: second.ID, Slug: second.Slug, Title: second.Headline, Lang: "si"},
			{ID: first.ID, Slug: first.Slug, Title: first.Headline, Lang: "en"},
		}
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
			t.Fatalf("articles %+v, want %+v (the order asked, published articles only, once each)", got, want)
		}
		videos, err := st.PublishedTitles(ctx, popularity.Video, []int64{first.ID + v.ID + 1000, v.ID})
		if err != nil || len(videos) != 1 || videos[0] != (store.Titled{ID: v.ID, Slug: v.Slug, Title: v.Title, Lang: "ta"}) {
			t.Fatalf("videos %+v %v", videos, err)
		}
		if none, err := st.PublishedTitles(ctx, popularity.Article, nil); err != nil || len(none) != 0 {
			t.Fatalf("no ids: %+v %v", none, err)
		}
	})
}
