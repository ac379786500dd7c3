package store_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"testing"
	"time"

	"dateline/internal/news"
	"dateline/internal/popularity"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// viewsFixture publishes n articles quickly (one transaction) and returns their ids.
func viewsFixture(b *testing.B, s *store.Store, n int) []int64 {
	b.Helper()
	ctx := context.Background()
	sec := news.Section{Slug: "local", Name: "Local"}
	if err := s.CreateSection(ctx, &sec); err != nil {
		b.Fatal(err)
	}
	list := make([]news.Article, n)
	now := time.Now().UTC()
	for i := range list {
		list[i] = news.Article{Headline: fmt.Sprintf("Story %d", i), Section: sec, Lang: "en",
			Status: news.StatusPublished, PublishedAt: now.Add(-time.Duration(i) * time.Minute)}
	}
	if err := s.ImportArticles(ctx, list); err != nil {
		b.Fatal(err)
	}
	ids := make([]int64, n)
	for i := range list {
		ids[i] = list[i].ID
	}
	return ids
}

// BenchmarkFlush100kItems writes one batch with 100,000 distinct items, as
// a flush after a very busy interval would.
func BenchmarkFlush100kItems(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			e := storetest.Open(b, engine)
			ids := viewsFixture(b, e.Store, 100_000)
			hour := time.Now().UTC().Truncate(time.Hour)
			batch := make([]popularity.Count, len(ids))
			for i, id := range ids {
				batch[i] = popularity.Count{Kind: popularity.Article, ID: id, Hour: hour, Views: 1}
			}
			b.ResetTimer()
			for b.Loop() {
				if err := e.Store.AddViews(context.Background(), batch); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMostViewed ranks a day's and a month's views over 100,000 articles
// with 30 days of hourly buckets. Not every article is read every hour: each
// hour carries views for 2,000 articles (1.44 million bucket rows in all),
// which is what a national site's long tail looks like.
func BenchmarkMostViewed(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			e := storetest.Open(b, engine)
			ids := viewsFixture(b, e.Store, 100_000)
			now := time.Now().UTC().Truncate(time.Hour)
			ctx := context.Background()
			for h := 0; h < 30*24; h++ {
				batch := make([]popularity.Count, 0, 2000)
				for j := 0; j < 2000; j++ {
					id := ids[(h*7919+j*104729)%len(ids)]
					batch = append(batch, popularity.Count{Kind: popularity.Article, ID: id, Hour: now.Add(-time.Duration(h) * time.Hour), Views: int64(1 + j%50)})
				}
				if err := e.Store.AddViews(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			for _, w := range []popularity.Window{popularity.Day, popularity.Month} {
				b.Run(string(w), func(b *testing.B) {
					for b.Loop() {
						if _, err := e.Store.MostViewed(ctx, popularity.Article, w.Since(now), "en", 10); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// BenchmarkFlushViews10k counts one flush of 10,000 views by new readers
// (from 8,000 addresses) over 2,000 stories: each reader's key stored, each
// address's total raised, the buckets added to, in one transaction.
func BenchmarkFlushViews10k(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			e := storetest.Open(b, engine)
			ids := viewsFixture(b, e.Store, 2_000)
			hour := time.Now().UTC().Truncate(time.Hour)
			round := 0
			batch := func() []popularity.View {
				c := popularity.NewCounter()
				for i := range 10_000 {
					var reader, address [16]byte
					binary.LittleEndian.PutUint64(reader[:], uint64(round)<<32|uint64(i))
					binary.LittleEndian.PutUint64(address[:], uint64(round)<<32|uint64(i%8000))
					id := ids[(i*7919)%len(ids)]
					c.Add(popularity.Article, id, hour, "2026-11-27", popularity.ItemKey(reader, popularity.Article, id),
						popularity.ItemKey(address, popularity.Article, id))
				}
				round++
				return c.Drain()
			}
			counted := 0
			for b.Loop() {
				b.StopTimer()
				views := batch()
				b.StartTimer()
				n, err := e.Store.FlushViews(context.Background(), views, popularity.PerAddress)
				if err != nil {
					b.Fatal(err)
				}
				counted = n
			}
			b.ReportMetric(float64(counted), "counted")
		})
	}
}
