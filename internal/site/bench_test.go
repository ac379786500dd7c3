package site_test

import (
	"context"
	"flag"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"dateline/internal/config"
	"dateline/internal/demo"
	"dateline/internal/markup"
	"dateline/internal/server"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// BenchmarkPages renders the front page and an article page through the
// whole handler (router, middleware, store, templates) on SQLite, with the
// demo data and with 100,000 generated articles more. There is no page cache
// yet, so every iteration is a full render.
func BenchmarkPages(b *testing.B) {
	for _, size := range []struct {
		name  string
		extra int
	}{{"demo", 0}, {"100k", 100_000}} {
		b.Run(size.name, func(b *testing.B) {
			e := storetest.Open(b, "sqlite")
			ctx := context.Background()
			md, now := markup.New(), time.Now()
			if _, err := demo.Seed(ctx, e.Store, md, now); err != nil {
				b.Fatal(err)
			}
			if size.extra > 0 {
				if err := demo.Generate(ctx, e.Store, md, size.extra, 3*365*24*time.Hour, now.Add(-11*24*time.Hour)); err != nil {
					b.Fatal(err)
				}
			}
			cfg, err := config.Load(func(string) string { return "" }, flag.NewFlagSet("b", flag.ContinueOnError), nil)
			if err != nil {
				b.Fatal(err)
			}
			h, err := server.New(cfg, e.Store)
			if err != nil {
				b.Fatal(err)
			}
			latest, err := e.Store.PublishedList(ctx, store.ListFilter{Limit: 1})
			if err != nil || len(latest) == 0 {
				b.Fatal(err)
			}
			for _, page := range []struct{ name, path string }{
				{"FrontPage", "/"},
				{"ArticlePage", latest[0].Path()},
				{"SectionPage", "/section/" + latest[0].Section.Slug},
			} {
				b.Run(page.name, func(b *testing.B) {
					req := httptest.NewRequest("GET", page.path, nil)
					b.ReportAllocs()
					for b.Loop() {
						w := httptest.NewRecorder()
						h.ServeHTTP(w, req)
						if w.Code != http.StatusOK {
							b.Fatalf("GET %s: %d", page.path, w.Code)
						}
					}
				})
			}
		})
	}
}
