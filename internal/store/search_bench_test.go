package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"dateline/internal/demo"
	"dateline/internal/markup"
	"dateline/internal/search"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// BenchmarkSearch times whole searches (count, ranked page, the hits' text
// and their snippets) over 100,000 articles in three editions on each
// engine, and reports the median and 95th percentile latency. It needs a
// few minutes to build each database, so -short skips it.
//
//	go test -run '^$' -bench BenchmarkSearch -benchtime 200x ./internal/store/
func BenchmarkSearch(b *testing.B) {
	if testing.Short() {
		b.Skip("builds 100,000 articles per engine")
	}
	// One search of each kind readers type, from the most expensive (a
	// word in every English story) to the cheapest (a word in one story).
	benchQueries := []struct{ name, query, lang string }{
		{"common", "the", "en"},             // in every English story: about 33,000 matches
		{"common-all-editions", "the", ""},  // the same with no edition filter
		{"rare", "harbour", "en"},           // in one demo story of 36: about 900 matches
		{"unique", "49999", "en"},           // one numbered headline: 1 match
		{"two-words", "central bank", "en"}, // about 1,850 matches
		{"phrase", `"central bank"`, "en"},  // the two words side by side (in every story that has both)
		{"common-phrase", `"of the"`, "en"}, // two very common words side by side: about 27,000 matches
		{"sinhala", "ක්\u200dරිකට්", "si"},  // cricket, typed with the joiner: about 17,000 matches
		{"tamil", "கிரிக்கெட்", "ta"},       // cricket: about 18,000 matches
		{"no-match", "zanzibar", "en"},
	}
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			e := storetest.Open(b, engine)
			ctx := context.Background()
			md := markup.New()
			now := time.Now()
			if _, err := demo.Seed(ctx, e.Store, md, now); err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			if err := demo.GenerateCorpus(ctx, e.Store, md, 100_000, 3*365*24*time.Hour, now.Add(-11*24*time.Hour)); err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: generated and indexed 100,000 articles in %v", engine, time.Since(start).Round(time.Second))
			for _, bq := range benchQueries {
				q, err := search.Parse(bq.query)
				if err != nil {
					b.Fatal(err)
				}
				b.Run(bq.name, func(b *testing.B) {
					var took []time.Duration
					total := 0
					for b.Loop() {
						t0 := time.Now()
						res, err := e.Store.Search(ctx, store.SearchQuery{Query: q, Lang: bq.lang, Limit: 20})
						if err != nil {
							b.Fatal(err)
						}
						for _, h := range res.Hits {
							search.Snippet(q, h.Summary, h.Body)
							search.Highlight(q, h.Title)
						}
						took = append(took, time.Since(t0))
						total = res.Total
					}
					slices.Sort(took)
					b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
					b.ReportMetric(ms(took[(len(took)*95+99)/100-1]), "p95-ms")
					b.ReportMetric(float64(total), "matches")
				})
			}
		})
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
