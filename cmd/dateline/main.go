// Command dateline runs the Dateline news platform: the public site, the JSON
// API and (later) the newsroom, from one binary.
//
//	dateline serve [--demo] [flags]   start the web server
//	dateline migrate [flags]          apply database migrations and exit
//	dateline backup [flags] FILE      write a backup archive while the site runs
//	dateline restore [flags] FILE     restore a backup into an empty data folder or schema
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"dateline/internal/config"
	"dateline/internal/demo"
	"dateline/internal/markup"
	"dateline/internal/newsroom"
	"dateline/internal/server"
	"dateline/internal/store"
)

const usage = `usage: dateline <command> [flags]

commands:
  serve     start the web server (add --demo to fill an empty database with demo content)
  migrate   apply pending database migrations and exit
  user add  create a staff account: --email, --name, --role (prints its password once)
  backup    backup [--force] FILE: write a .tar.gz of the database and media while the
            site runs (on PostgreSQL through pg_dump); --force replaces FILE
  restore   restore [--force] FILE: restore a backup into an empty data folder or
            PostgreSQL schema (stop the server first); --force sets the old contents aside

Run "dateline <command> -h" for the flags of a command. Every flag can also be
set in the environment: DATELINE_ADDR, DATELINE_DATA_DIR, DATABASE_URL,
DATELINE_BASE_URL, DATELINE_SITE_NAME, DATELINE_TIMEZONE, DATELINE_SHUTDOWN_TIMEOUT,
DATELINE_DB_MAX_CONNS, DATELINE_METRICS_ADDR; DATELINE_METRICS_TOKEN is read from the
environment only.
`

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	if err := run(context.Background(), os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "dateline:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return errors.New("no command given")
	}
	cmd, rest := args[0], args[1:]
	fs := flag.NewFlagSet("dateline "+cmd, flag.ContinueOnError)
	switch cmd {
	case "serve":
		cfg, err := config.Load(getenv, fs, rest)
		if err != nil {
			return err
		}
		return serve(ctx, cfg, stdout)
	case "migrate":
		cfg, err := config.Load(getenv, fs, rest)
		if err != nil {
			return err
		}
		st, err := store.Open(ctx, store.Options{DatabaseURL: cfg.DatabaseURL, DataDir: cfg.DataDir, Serving: true, MaxConns: cfg.DBMaxConns})
		if err != nil {
			return err
		}
		defer st.Close()
		v, err := st.SchemaVersion(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "database (%s) is at schema version %d\n", st.Dialect(), v)
		return nil
	case "user":
		if len(rest) == 0 || rest[0] != "add" {
			return errors.New(`usage: dateline user add --email ADDRESS --name "FULL NAME" --role reporter|editor|moderator|admin`)
		}
		return userAdd(ctx, rest[1:], getenv, stdout)
	case "backup", "restore":
		return backupCommand(ctx, cmd, rest, getenv, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stdout, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// readyWait bounds how long serve waits for the background work's first
// round before it answers requests.
const readyWait = 5 * time.Second

func serve(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Serving: the serving lock is taken before any migration and held until
	// the server stops, so that "dateline restore" refuses to replace the
	// data underneath it and a server cannot start during a restore.
	st, err := store.Open(ctx, store.Options{DatabaseURL: cfg.DatabaseURL, DataDir: cfg.DataDir, Serving: true, MaxConns: cfg.DBMaxConns})
	if err != nil {
		return err
	}
	defer st.Close()
	// Nodes starting at once take turns here, so that one seeds the demo
	// and the others see it, and no node prints a setup link while another
	// is creating an admin (that link would answer 404 once used).
	var link string
	err = st.FirstRun(ctx, func(ctx context.Context) error {
		if cfg.Demo {
			if err := seedDemo(ctx, st, cfg, stdout); err != nil {
				return err
			}
		}
		var err error
		link, err = newsroom.SetupLink(ctx, st, cfg.BaseURL)
		return err
	})
	if err != nil {
		return err
	}
	if link != "" {
		fmt.Fprintf(stdout, "No admin account exists yet. Open this one-time link within 24 hours to create it:\n  %s\n", link)
	}
	app, err := server.Build(cfg, st)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("DATELINE_ADDR: %w", err)
	}
	// Requests run under a context that ends when the shutdown timeout
	// passes, so work still waiting on the database then gives up too.
	requests, cutOff := context.WithCancel(context.Background())
	defer cutOff()
	srv := &http.Server{
		Handler:           app.Handler,
		BaseContext:       func(net.Listener) context.Context { return requests },
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	// The private metrics address serves /metrics alone, with the same
	// limits, and stops with the site.
	var metricsSrv *http.Server
	var metricsLn net.Listener
	if cfg.MetricsAddr != "" {
		if metricsLn, err = net.Listen("tcp", cfg.MetricsAddr); err != nil {
			ln.Close()
			return fmt.Errorf("DATELINE_METRICS_ADDR: %w", err)
		}
		metricsSrv = &http.Server{Handler: app.Metrics, ReadHeaderTimeout: srv.ReadHeaderTimeout, ReadTimeout: srv.ReadTimeout,
			WriteTimeout: srv.WriteTimeout, IdleTimeout: srv.IdleTimeout, MaxHeaderBytes: srv.MaxHeaderBytes}
	}
	fmt.Fprintf(stdout, "Dateline is serving %s on %s (%s storage); open %s/\n", cfg.SiteName, ln.Addr(), st.Dialect(), cfg.BaseURL)
	if metricsSrv != nil {
		fmt.Fprintf(stdout, "Metrics are served on http://%s/metrics\n", metricsLn.Addr())
	}

	// The background work starts before the first request, and the site
	// waits a little for its first round (the day's salt, the first LISTEN)
	// rather than count its first views with a stand-in salt; a database
	// that is slow to answer does not hold the start up for long.
	app.Start(context.Background())
	select {
	case <-app.Ready():
	case <-ctx.Done(): // told to stop meanwhile: the select below sees it too
	case <-time.After(readyWait):
		slog.Warn("serving before the background work is ready", "waited", readyWait)
	}
	stopJobs := func() {
		// The jobs get a deadline of their own after HTTP's: the last
		// flush of view counts has its own too.
		jctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
		defer cancel()
		if err := app.Stop(jctx); err != nil {
			slog.Error("stopping", "err", err)
		}
	}

	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if metricsSrv != nil {
		go func() { errc <- metricsSrv.Serve(metricsLn) }()
	}
	var lost error
	select {
	case err := <-errc:
		srv.Close()
		if metricsSrv != nil {
			metricsSrv.Close()
		}
		stopJobs()
		return err
	case <-ctx.Done():
	case <-st.Lost():
		// The schema was replaced underneath this node (a restore ran while
		// its serving lock was lost): everything it holds describes data
		// that is gone, so it stops and is started again on the new data.
		lost = st.LostReason()
		slog.Error("stopping", "err", lost)
	}
	slog.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	// HTTP first, then the jobs and the last flush of view counts, then the
	// database (deferred Close), so no request or job touches a closed store.
	err = srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		// The process must end when the operator was promised: requests
		// still running are cut off, and the exit status says so.
		cutOff()
		srv.Close()
		err = fmt.Errorf("requests still running after DATELINE_SHUTDOWN_TIMEOUT (%s) were cut off", cfg.ShutdownTimeout)
	}
	if metricsSrv != nil {
		// A scrape is short; one still running at the deadline is cut off.
		if merr := metricsSrv.Shutdown(sctx); merr != nil {
			metricsSrv.Close()
		}
	}
	stopJobs()
	return errors.Join(lost, err)
}

// seedDemo fills an empty database with the demo content and accounts and
// prints the accounts' passwords; on a database with content it does nothing.
func seedDemo(ctx context.Context, st *store.Store, cfg config.Config, stdout io.Writer) error {
	seeded, err := demo.Seed(ctx, st, markup.New(), time.Now())
	if err != nil {
		return fmt.Errorf("demo content: %w", err)
	}
	if !seeded {
		return nil
	}
	if err := demo.SeedVideos(ctx, st, time.Now(), cfg.Location); err != nil {
		return fmt.Errorf("demo videos: %w", err)
	}
	slog.Info("demo content added", "articles", len(demo.Stories))
	creds, err := demo.Accounts(ctx, st)
	if err != nil {
		return fmt.Errorf("demo accounts: %w", err)
	}
	fmt.Fprintf(stdout, "Demo newsroom accounts (shown only now; sign in at %s/newsroom/):\n", cfg.BaseURL)
	for _, c := range creds {
		fmt.Fprintf(stdout, "  %-10s %-38s %s   (%s)\n", c.Role, c.Email, c.Password, c.Name)
	}
	return nil
}
