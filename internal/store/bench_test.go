package store_test

import (
	"context"
	"testing"
	"time"

	"dateline/internal/demo"
	"dateline/internal/markup"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// benchStore returns a SQLite store with the demo content plus extra
// generated articles.
func benchStore(b *testing.B, extra int) *store.Store {
	b.Helper()
	e := storetest.Open(b, "sqlite")
	ctx := context.Background()
	md := markup.New()
	now := time.Now()
	if _, err := demo.Seed(ctx, e.Store, md, now); err != nil {
		b.Fatal(err)
	}
	if extra > 0 {
		start := time.Now()
		if err := demo.Generate(ctx, e.Store, md, extra, 3*365*24*time.Hour, now.Add(-11*24*time.Hour)); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d articles in %v", extra, time.Since(start).Round(time.Millisecond))
	}
	return e.Store
}

func BenchmarkStore(b *testing.B) {
	for _, size := range []struct {
		name  string
		extra int
	}{{"demo", 0}, {"100k", 100_000}} {
		b.Run(size.name, func(b *testing.B) {
			s := benchStore(b, size.extra)
			ctx := context.Background()
			latest, err := s.PublishedList(ctx, store.ListFilter{Limit: 1})
			if err != nil || len(latest) == 0 {
				b.Fatal(err)
			}
			id, sectionID := latest[0].ID, latest[0].Section.ID
			b.Run("PublishedArticle", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.PublishedArticle(ctx, id); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("SectionPage", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.PublishedList(ctx, store.ListFilter{SectionID: sectionID, Lang: "en", Limit: 20}); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
