// Command seed fills a fresh Dateline database with the benchmark data set:
// the demo site, generated articles across the three editions, approved
// comments spread over them (one article gets a known number, for the cold
// render figure), and an editor's API token for the publish-lag probe.
//
//	go run ./bench/seed --data-dir DIR | --database-url URL [--articles 100000] [--comments 1000000]
//
// It prints three lines: the hot article's path, the token, and the count.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"time"

	"dateline/internal/auth"
	"dateline/internal/demo"
	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/store"
)

func main() {
	dataDir := flag.String("data-dir", "", "SQLite data folder")
	dbURL := flag.String("database-url", "", "PostgreSQL URL (empty: SQLite in --data-dir)")
	articles := flag.Int("articles", 100_000, "generated articles")
	comments := flag.Int("comments", 1_000_000, "approved comments in all")
	hot := flag.Int("hot-comments", 200, "comments on the benchmark's article")
	flag.Parse()
	if err := run(context.Background(), store.Options{DataDir: *dataDir, DatabaseURL: *dbURL}, *articles, *comments, *hot); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, opts store.Options, articles, comments, hot int) error {
	st, err := store.Open(ctx, opts)
	if err != nil {
		return err
	}
	defer st.Close()
	md := markup.New()
	now := time.Now().UTC()
	if _, err := demo.Seed(ctx, st, md, now); err != nil {
		return err
	}
	// Two thirds English, a sixth each Sinhala and Tamil, over a year.
	en := articles * 2 / 3
	if err := demo.Generate(ctx, st, md, en, 365*24*time.Hour, now.Add(-time.Hour)); err != nil {
		return err
	}
	if err := demo.GenerateCorpus(ctx, st, md, articles-en, 365*24*time.Hour, now.Add(-time.Hour)); err != nil {
		return err
	}
	// The benchmark's article: the newest English story, as a reader
	// arriving from the front page would open.
	latest, err := st.PublishedList(ctx, store.ListFilter{Lang: "en", Limit: 1})
	if err != nil || len(latest) == 0 {
		return fmt.Errorf("no published article to load: %v", err)
	}
	target := latest[0]
	ids, err := publishedIDs(ctx, st)
	if err != nil {
		return err
	}
	if err := addComments(ctx, st, target.ID, ids, comments, hot, now); err != nil {
		return err
	}
	token, err := editorToken(ctx, st)
	if err != nil {
		return err
	}
	fmt.Println(target.Path())
	fmt.Println(token)
	fmt.Println(len(ids))
	return nil
}

// publishedIDs lists every published article's id, a page at a time.
func publishedIDs(ctx context.Context, st *store.Store) ([]int64, error) {
	var ids []int64
	for _, lang := range news.Languages {
		for offset := 0; ; offset += 50_000 {
			page, err := st.SitemapArticles(ctx, lang, 50_000, offset)
			if err != nil {
				return nil, err
			}
			for _, e := range page {
				ids = append(ids, e.ID)
			}
			if len(page) < 50_000 {
				break
			}
		}
	}
	return ids, nil
}

// addComments gives the target hot comments and spreads the rest at random.
func addComments(ctx context.Context, st *store.Store, target int64, ids []int64, total, hot int, now time.Time) error {
	r := rand.New(rand.NewPCG(1, 2))
	bodies := []string{
		"Thank you for reporting this so clearly.",
		"The same thing happened in our village last year, and the road is still not repaired.",
		"Could the reporter find out when the work will be finished?",
		"A balanced account. I hope the officials read it.",
		"The figures in the third paragraph are worth a follow-up story.",
	}
	const batch = 5_000
	list := make([]store.Comment, 0, batch)
	flush := func() error {
		err := st.ImportComments(ctx, list)
		list = list[:0]
		return err
	}
	for i := range total {
		article := ids[r.IntN(len(ids))]
		if i < hot {
			article = target
		}
		list = append(list, store.Comment{ArticleID: article, Name: fmt.Sprintf("Reader %d", i%9973), Body: bodies[i%len(bodies)],
			Lang: "en", Status: store.CommentApproved, Findings: "[]", Visitor: fmt.Sprintf("v%d", i%50_000),
			CreatedAt: now.Add(-time.Duration(r.IntN(365*24)) * time.Hour)})
		if len(list) == batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// editorToken creates an editor with an API token for the publish probe.
func editorToken(ctx context.Context, st *store.Store) (string, error) {
	acc := store.Account{Name: "Benchmark Editor", Email: "bench.editor@dateline.example", Role: string(auth.Editor), PasswordHash: "-"}
	ch := store.Change{Actor: "bench", Action: "create"}
	if err := st.CreateAccount(ctx, &acc, ch); err != nil {
		return "", err
	}
	token, hash := auth.NewToken("dlt_")
	_, err := st.CreateToken(ctx, acc.ID, "benchmark", hash, ch)
	return token, err
}
