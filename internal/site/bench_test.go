package site_test

import (
	"context"
	"flag"
	"fmt"
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

// BenchmarkPages serves the front page, an article page (with 200 approved
// comments) and a section page through the whole handler (router,
// middleware, store, templates) on SQLite, with the demo data and with
// 100,000 generated articles more: "cold" with the page cache off, so every
// iteration is a full render, and "cached" as readers mostly get them.
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
			latest, err := e.Store.PublishedList(ctx, store.ListFilter{Lang: "en", Limit: 1})
			if err != nil || len(latest) == 0 {
				b.Fatal(err)
			}
			var thread []store.Comment
			for i := range 200 {
				thread = append(thread, store.Comment{ArticleID: latest[0].ID, Name: fmt.Sprintf("Reader %d", i), Lang: "en",
					Body: "Thank you for reporting this so clearly; the road is still not repaired.", Status: store.CommentApproved,
					Findings: "[]", CreatedAt: now.Add(-time.Duration(i) * time.Minute)})
			}
			if err := e.Store.ImportComments(ctx, thread); err != nil {
				b.Fatal(err)
			}
			for _, mode := range []struct {
				name string
				args []string
			}{{"cold", []string{"--page-cache", "0"}}, {"cached", nil}} {
				cfg, err := config.Load(func(string) string { return "" }, flag.NewFlagSet("b", flag.ContinueOnError), mode.args)
				if err != nil {
					b.Fatal(err)
				}
				h, err := server.New(cfg, e.Store)
				if err != nil {
					b.Fatal(err)
				}
				for _, page := range []struct{ name, path string }{
					{"FrontPage", "/"},
					{"ArticlePage", latest[0].Path()},
					{"SectionPage", "/section/" + latest[0].Section.Slug},
				} {
					b.Run(mode.name+"/"+page.name, func(b *testing.B) {
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
			}
		})
	}
}
