// Command soak runs Dateline under a steady, mixed load for a fixed time
// on loopback and checks at the end that nothing it was told was written
// went missing.
//
//	go run ./bench/soak --dateline ./dateline --data-dir DIR | --database-url URL [--duration 2m]
//
// It seeds the demo site into an empty database, starts the dateline binary
// on a free 127.0.0.1 port, and runs readers (front pages, articles with
// their view beacon, sections, searches, video pages), commenters (the
// real comment form with its form time, and flags), an editor (publishes
// and corrects through the admin API) and a moderator (approves and rejects
// through the admin API). It prints per-endpoint counts, errors, p50 and
// p99, the server's memory over time and every acknowledged write found or
// missing, and exits 1 if any is missing, the error rate is above
// --max-error-rate, or the server does not stop cleanly. See bench/soak.sh.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"dateline/internal/store"
)

// settings are the soak's flags.
type settings struct {
	bin, dataDir, dbURL, logPath string
	duration, think, publish     time.Duration
	review, sample, backupAt     time.Duration
	readers, commenters          int
	maxErrorRate                 float64
	videos                       bool
}

func main() {
	var s settings
	flag.StringVar(&s.bin, "dateline", "", "the dateline binary to run (built from this tree)")
	flag.StringVar(&s.dataDir, "data-dir", "", "an empty SQLite data folder")
	flag.StringVar(&s.dbURL, "database-url", "", "an empty PostgreSQL schema (search_path in the URL); empty: SQLite")
	flag.StringVar(&s.logPath, "log", "", "where the server's output goes (default: soak-server.log in the data folder's parent)")
	flag.DurationVar(&s.duration, "duration", 2*time.Minute, "how long the load runs")
	flag.IntVar(&s.readers, "readers", 16, "readers browsing at once")
	flag.IntVar(&s.commenters, "commenters", 6, "commenters at once (each a new reader per comment)")
	flag.DurationVar(&s.think, "think", 100*time.Millisecond, "a reader's mean pause between pages")
	flag.DurationVar(&s.publish, "publish-every", 3*time.Second, "the editor's mean pause between writes")
	flag.DurationVar(&s.review, "moderate-every", 2*time.Second, "the moderator's mean pause between looks at the queue")
	flag.DurationVar(&s.sample, "sample", 10*time.Second, "how often the server's memory is read")
	flag.Float64Var(&s.maxErrorRate, "max-error-rate", 0.001, "the share of failed requests above which the soak fails")
	flag.BoolVar(&s.videos, "videos", true, "seed the demo video stories too")
	flag.DurationVar(&s.backupAt, "backup-at", 0, "run \"dateline backup\" this far into the load (0: none), as a nightly backup would run under traffic")
	flag.Parse()
	if s.bin == "" || (s.dataDir == "") == (s.dbURL == "") {
		fmt.Fprintln(os.Stderr, "usage: soak --dateline BIN (--data-dir DIR | --database-url URL) [--duration 2m]")
		os.Exit(2)
	}
	if s.logPath == "" {
		s.logPath = "soak-server.log"
		if s.dataDir != "" {
			s.logPath = filepath.Join(filepath.Dir(filepath.Clean(s.dataDir)), "soak-server.log")
		}
	}
	ok, err := run(context.Background(), s)
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
	if !ok {
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg settings) (bool, error) {
	opts := store.Options{DataDir: cfg.dataDir, DatabaseURL: cfg.dbURL}
	engine := "sqlite"
	if cfg.dbURL != "" {
		engine = "postgres"
	}
	t0 := time.Now()
	tokens, err := prepare(ctx, opts, cfg.videos)
	if err != nil {
		return false, fmt.Errorf("seed: %w", err)
	}
	fmt.Printf("== soak on %s: demo site seeded in %s\n", engine, time.Since(t0).Round(time.Second))
	srv, err := startServer(cfg.bin, opts, cfg.logPath)
	if err != nil {
		return false, err
	}
	defer srv.stop()

	rec := newRecorder()
	s := &soak{c: newClient(srv.base, rec), cat: &catalogue{}, ledger: newLedger(), tokens: tokens,
		think: cfg.think, publish: cfg.publish, review: cfg.review}
	if err := s.loadCatalogue(); err != nil {
		return false, err
	}
	fmt.Printf("   %s on %s: %d readers, %d commenters, an editor and a moderator for %s (%d stories, %d videos to start)\n",
		cfg.bin, srv.base, cfg.readers, cfg.commenters, cfg.duration, len(s.cat.stories), len(s.cat.videos))

	ok, problems := s.load(ctx, cfg, srv, rec)
	problems = append(problems, s.verifyHTTP()...)
	if err := srv.stop(); err != nil {
		problems = append(problems, err.Error())
	}
	problems = append(problems, s.verifyStore(ctx, opts)...)

	fmt.Printf("\nacknowledged writes: %s\n", s.ledger.counts())
	if len(problems) == 0 {
		fmt.Println("verification: every acknowledged write is in the database and shown where readers look; the server stopped cleanly")
	} else {
		fmt.Printf("verification: %d problems\n", len(problems))
		for _, p := range problems[:min(len(problems), 50)] {
			fmt.Println("  -", p)
		}
	}
	return ok && len(problems) == 0, nil
}

// load runs every actor for the soak's duration while sampling memory,
// then prints the per-endpoint table and the memory series. It reports
// whether the error rate stayed under the limit.
func (s *soak) load(ctx context.Context, cfg settings, srv *serverProcess, rec *recorder) (bool, []string) {
	loadCtx, cancel := context.WithTimeout(ctx, cfg.duration)
	defer cancel()
	samplerCtx, stopSampler := context.WithCancel(ctx)
	memory := make(chan []memorySample, 1)
	go func() {
		memory <- sampleMemory(samplerCtx, srv.cmd.Process.Pid, s.c.http, srv.base, cfg.sample)
	}()
	start := time.Now()
	var actors sync.WaitGroup
	for i := range cfg.readers {
		actors.Go(func() { s.reader(loadCtx, i) })
	}
	for i := range cfg.commenters {
		actors.Go(func() { s.commenter(loadCtx, 1000+i) })
	}
	actors.Go(func() { s.editor(loadCtx) })
	actors.Go(func() { s.moderator(loadCtx) })
	var backupProblem string
	if cfg.backupAt > 0 {
		actors.Go(func() { backupProblem = onlineBackup(loadCtx, cfg) })
	}
	actors.Wait()
	elapsed := time.Since(start)
	stopSampler()
	samples := <-memory

	fmt.Printf("\n%s of load (the last requests finish after the deadline):\n", elapsed.Round(time.Millisecond))
	rec.report(os.Stdout, elapsed)
	fmt.Printf("\nserver memory (resident from /proc, Go heap in use from /metrics), and the machine's CPU pressure\n(share of the last 10 s some task waited for a CPU; high means other work shaped the latencies):\n")
	for _, m := range samples {
		fmt.Printf("  %6.0f s  resident %7.1f MB  heap %7.1f MB  cpu pressure %5.1f%%\n", m.at.Seconds(), float64(m.rssBytes)/(1<<20), float64(m.heap)/(1<<20), m.pressure)
	}
	requests, errors := rec.totals()
	rate := float64(errors) / float64(max(requests, 1))
	fmt.Printf("\n%d requests, %d errors (%.3f%%; the limit is %.3f%%)\n", requests, errors, rate*100, cfg.maxErrorRate*100)
	var problems []string
	if backupProblem != "" {
		problems = append(problems, backupProblem)
	}
	if rate > cfg.maxErrorRate {
		problems = append(problems, fmt.Sprintf("error rate %.3f%% is above %.3f%%", rate*100, cfg.maxErrorRate*100))
	}
	return rate <= cfg.maxErrorRate, problems
}

// loadCatalogue lists the published stories and videos of every edition
// through the public API, as the readers' starting points.
func (s *soak) loadCatalogue() error {
	for _, lang := range []string{"en", "si", "ta"} {
		for page := 1; ; page++ {
			var list struct {
				Items []struct {
					ID   int64  `json:"id"`
					URL  string `json:"url"`
					Lang string `json:"lang"`
				} `json:"items"`
			}
			if !s.c.json("setup: GET /api/v1/articles", http.MethodGet, fmt.Sprintf("/api/v1/articles?lang=%s&per_page=50&page=%d", lang, page), "", nil, &list, 200) {
				return fmt.Errorf("list the %s stories", lang)
			}
			for _, it := range list.Items {
				s.cat.addStory(story{id: it.ID, path: pathOf(it.URL), lang: it.Lang})
			}
			if len(list.Items) < 50 {
				break
			}
		}
		var videos struct {
			Items []struct {
				ID  int64  `json:"id"`
				URL string `json:"url"`
			} `json:"items"`
		}
		if !s.c.json("setup: GET /api/v1/videos", http.MethodGet, "/api/v1/videos?lang="+lang, "", nil, &videos, 200) {
			return fmt.Errorf("list the %s videos", lang)
		}
		for _, it := range videos.Items {
			s.cat.videos = append(s.cat.videos, story{id: it.ID, path: pathOf(it.URL), lang: lang})
		}
	}
	if len(s.cat.stories) == 0 {
		return fmt.Errorf("the site lists no stories")
	}
	return nil
}
