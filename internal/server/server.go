// Package server puts Dateline's surfaces (public site, JSON API) behind one
// handler with the middleware every request passes through.
package server

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"dateline/internal/api"
	"dateline/internal/auth"
	"dateline/internal/comments"
	"dateline/internal/config"
	"dateline/internal/desk"
	"dateline/internal/jobs"
	"dateline/internal/markup"
	"dateline/internal/newsroom"
	"dateline/internal/pagecache"
	"dateline/internal/site"
	"dateline/internal/store"
	"dateline/internal/views"
	"dateline/internal/web"
	"dateline/ui"
)

// App is a dateline process's HTTP handler, its view tracker and page
// cache, and its background work (Start, Stop).
type App struct {
	Handler http.Handler
	Tracker *views.Tracker
	Cache   *pagecache.Cache // nil when DATELINE_PAGE_CACHE is 0
	// Passwords bounds concurrent password hashing; tests read its counts.
	Passwords *auth.Gate
	// Metrics serves GET /metrics and nothing else, for the private
	// listener of DATELINE_METRICS_ADDR; it asks for DATELINE_METRICS_TOKEN
	// when that is set.
	Metrics http.Handler

	store *store.Store
	site  *site.Site
	jobs  *jobs.Runner
	// rankingWatch is how often each edition's Most Viewed lists are checked
	// for a change that cached pages must show: twice per ranking, so a new
	// ranking reaches the pages within DATELINE_POPULAR_REFRESH.
	rankingWatch time.Duration
}

// Start starts the process's background work, in this order: the daily
// salts (so beacons are keyed with the shared salt), the view flush, the
// page cache's PostgreSQL listener and Most Viewed watcher, and scheduled
// publishing. Stop stops it in the reverse order.
func (a *App) Start(ctx context.Context) { a.jobs.Start(ctx) }

// Ready is closed once the background work has done its first round: the
// day's salt fetched (or failed), other nodes' writes heard, the Most
// Viewed lists looked at.
func (a *App) Ready() <-chan struct{} { return a.jobs.Ready() }

// Stop stops the background work in the reverse order of Start, the view
// flush writing what it holds last of all but the salts. Call it after the
// HTTP server has stopped and before the store is closed.
func (a *App) Stop(ctx context.Context) error { return a.jobs.Stop(ctx) }

// addJobs adds the process's background work to r in its start order.
func (a *App) addJobs(r *jobs.Runner, cfg config.Config) {
	r.Add("daily salts", a.Tracker.Salts)
	// The view counter flushes every interval and once more when stopped.
	r.Add("view flush", jobs.Loop(func(ctx context.Context) { a.Tracker.Run(ctx, cfg.ViewsFlush) }))
	a.addWatchers(r)
	r.Add("scheduled publishing", jobs.Loop(jobs.Scheduler{Store: a.store}.Run))
}

// addWatchers adds the loops that keep the page cache true: one hears the
// other nodes' writes (PostgreSQL LISTEN/NOTIFY), the other drops pages
// whose Most Viewed lists changed. On SQLite, one node's, there are no
// other nodes to hear. Each is ready after its first LISTEN or
// its first look at the lists, against which later lists are compared.
func (a *App) addWatchers(r *jobs.Runner) {
	if a.Cache == nil {
		return
	}
	if a.store.Dialect() == store.Postgres { // on SQLite one node's writes reach the cache directly
		r.Add("page listener", func(ctx context.Context, ready func()) { a.store.ListenPages(ctx, ready, a.site.PagesChanged) })
	}
	r.Add("most viewed watcher", func(ctx context.Context, ready func()) { a.site.WatchRankings(ctx, a.rankingWatch, ready) })
}

// Watch runs the page cache's watchers alone until ctx ends, for tests
// that need them without the rest of the background work. ready is called
// once other nodes' changes are being heard and the lists looked at.
func (a *App) Watch(ctx context.Context, ready func()) {
	var r jobs.Runner
	a.addWatchers(&r)
	r.Start(ctx)
	if ready != nil {
		select {
		case <-r.Ready():
			ready()
		case <-ctx.Done():
		}
	}
	<-ctx.Done()
	r.Stop(context.Background())
}

// New builds the whole HTTP handler of a dateline process.
func New(cfg config.Config, st *store.Store) (http.Handler, error) {
	app, err := Build(cfg, st)
	if err != nil {
		return nil, err
	}
	return app.Handler, nil
}

// Build wires every surface of a dateline process.
func Build(cfg config.Config, st *store.Store) (*App, error) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	assets, err := ui.LoadAssets()
	if err != nil {
		return nil, err
	}
	cs, err := comments.New(context.Background(), st, cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	tracker, rankings := views.NewTracker(st, cfg.Location), views.NewRankings(st, cfg.PopularRefresh)
	// Readers behind one address count apart only by a reader cookie this
	// site signed; a made-up one counts as none.
	tracker.IdentifyReaders(cs.VerifiedReader)
	pub, err := site.New(cfg, st, assets, cs, rankings)
	if err != nil {
		return nil, err
	}
	var cache *pagecache.Cache
	if cfg.PageCacheBytes > 0 {
		cache = pagecache.New(cfg.PageCacheBytes)
		pub.UseCache(cache)
		// This node's own writes drop their pages before the write's
		// response goes out; other nodes' arrive through Watch.
		st.OnPagesChanged(pub.PagesChanged)
	}
	mux := http.NewServeMux()
	pub.Register(mux)
	md := markup.New(cfg.BaseURL)
	dk := desk.New(st, md, cfg.Location)
	api.New(cfg, st, dk, cs, tracker, rankings).Register(mux)
	// About one password hash per CPU at once; up to 64 more wait up to 2 s.
	passwords := auth.NewGate(0, 64, 2*time.Second)
	nr, err := newsroom.New(cfg, st, dk, cs, md, assets, rankings, passwords)
	if err != nil {
		return nil, err
	}
	nr.Register(mux)

	// /metrics tells the Go version, memory and every route's count,
	// failed sign-ins included: it is served on the public address only
	// to holders of DATELINE_METRICS_TOKEN, and otherwise on the private
	// DATELINE_METRICS_ADDR alone.
	scrape := web.RequireBearer(cfg.MetricsToken, promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	if cfg.MetricsToken != "" {
		mux.Handle("GET /metrics", scrape)
	}
	private := http.NewServeMux()
	private.Handle("GET /metrics", scrape)

	metrics := web.NewMetrics(reg)
	var h http.Handler = mux
	h = web.Recover(h, pub.ErrorPage)
	h = metrics.Wrap(h) // outside Recover, so panics are counted as the 500s they become
	// Cross-origin state-changing requests are refused before any handler
	// runs; same-origin forms and safe methods pass.
	h = http.NewCrossOriginProtection().Handler(h)
	// Outside the refusal above, so that its 403 carries the headers too.
	h = securityHeaders(h, cfg.HTTPS())
	app := &App{Handler: web.Logged(h), Metrics: private, Tracker: tracker, Cache: cache, Passwords: passwords, store: st, site: pub,
		jobs: &jobs.Runner{}, rankingWatch: cfg.PopularRefresh / 2}
	app.addJobs(app.jobs, cfg)
	return app, nil
}
