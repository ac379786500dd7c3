package main

import (
	"context"
	"flag"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/config"
	"dateline/internal/server"
	"dateline/internal/store"
)

func TestPercentile(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{0.5: 50 * time.Millisecond, 0.99: 99 * time.Millisecond, 1: 100 * time.Millisecond, 0.001: time.Millisecond} {
		if got := percentile(lat, p); got != want {
			t.Errorf("percentile(1..100 ms, %v) = %v, want %v", p, got, want)
		}
	}
	if percentile(nil, 0.5) != 0 || percentile(lat[:1], 0.99) != time.Millisecond {
		t.Error("percentile of no or one sample")
	}
}

func TestBucketKeepsUnderTheRate(t *testing.T) {
	b := newBucket(60, 3) // one a second, bursts of three
	now := time.Unix(1_700_000_000, 0)
	for i := range 3 {
		if !b.take(now) {
			t.Fatalf("burst token %d refused", i+1)
		}
	}
	if b.take(now) {
		t.Error("a fourth token in the same instant")
	}
	if !b.take(now.Add(1100 * time.Millisecond)) {
		t.Error("no token a second later")
	}
	if b.take(now.Add(1200 * time.Millisecond)) {
		t.Error("a second token within the same second")
	}
}

func TestAddressesAreBenchmarkRange(t *testing.T) {
	var a addresses
	seen := map[string]bool{}
	for range 70_000 {
		addr := a.next()
		if !strings.HasPrefix(addr, "198.18.") && !strings.HasPrefix(addr, "198.19.") {
			t.Fatalf("%s is outside 198.18.0.0/15", addr)
		}
		if seen[addr] {
			t.Fatalf("%s handed out twice", addr)
		}
		seen[addr] = true
	}
}

func TestCommentFormAndID(t *testing.T) {
	page := []byte(`<form id="comment-form" class="comment-form" method="post" action="/news/42/comments" data-check-url="/x">
    <input type="hidden" name="ts" value="1700000000000.0123456789abcdef">`)
	action, ts, ok := commentForm(page)
	if !ok || action != "/news/42/comments" || ts != "1700000000000.0123456789abcdef" {
		t.Errorf("commentForm = %q, %q, %v", action, ts, ok)
	}
	if _, _, ok := commentForm([]byte("<p>Comments are closed.</p>")); ok {
		t.Error("found a form in a page without one")
	}
	if id := commentID("/news/42/harbour?comment=917#your-comment"); id != 917 {
		t.Errorf("commentID = %d", id)
	}
}

// TestSoakAgainstARealSite runs every actor for a few seconds against the
// real handler over loopback HTTP on a seeded SQLite site, checks that the
// run wrote something of every kind and that verification finds it all,
// and that verification does report a write the database lacks.
func TestSoakAgainstARealSite(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds the demo site (about 15 s)")
	}
	ctx := context.Background()
	opts := store.Options{DataDir: t.TempDir()}
	tokens, err := prepare(ctx, opts, false)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ts := httptest.NewUnstartedServer(nil)
	env := map[string]string{"DATELINE_DATA_DIR": opts.DataDir, "DATELINE_TRUSTED_PROXIES": "127.0.0.1",
		"DATELINE_BASE_URL": "http://" + ts.Listener.Addr().String()}
	cfg, err := config.Load(func(k string) string { return env[k] }, flag.NewFlagSet("soak", flag.ContinueOnError), nil)
	if err != nil {
		t.Fatal(err)
	}
	app, err := server.Build(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = app.Handler
	ts.Start()
	defer ts.Close()

	rec := newRecorder()
	s := &soak{c: newClient(ts.URL, rec), cat: &catalogue{}, ledger: newLedger(), tokens: tokens,
		think: 50 * time.Millisecond, publish: 300 * time.Millisecond, review: 300 * time.Millisecond}
	if err := s.loadCatalogue(); err != nil {
		t.Fatal(err)
	}
	// Long enough for a commenter's writing pause (4 to 8 s) and a
	// moderator's pass after it.
	loadCtx, cancel := context.WithTimeout(ctx, 12*time.Second)
	defer cancel()
	var actors sync.WaitGroup
	actors.Go(func() { s.reader(loadCtx, 0) })
	actors.Go(func() { s.commenter(loadCtx, 1) })
	actors.Go(func() { s.editor(loadCtx) })
	actors.Go(func() { s.moderator(loadCtx) })
	actors.Wait()

	requests, errors := rec.totals()
	if requests == 0 || errors != 0 {
		var b strings.Builder
		rec.report(&b, time.Second)
		t.Fatalf("%d requests, %d errors:\n%s", requests, errors, b.String())
	}
	if len(s.ledger.comments) == 0 || len(s.ledger.articles) == 0 {
		t.Fatalf("the run wrote too little to check: %s", s.ledger.counts())
	}
	if p := s.verifyHTTP(); len(p) > 0 {
		t.Errorf("verification through HTTP: %q", p)
	}
	if p := s.verifyStore(ctx, opts); len(p) > 0 {
		t.Errorf("verification in the database: %q", p)
	}

	// A write the server never made is reported, not passed over.
	s.ledger.comment(1_000_000, 1, "never sent")
	s.ledger.article(1_000_001, "/news/1000001/nowhere", "Never published")
	p := s.verifyStore(ctx, opts)
	if len(p) != 2 || !strings.Contains(p[0], "comment 1000000") || !strings.Contains(p[1], "story 1000001") {
		t.Errorf("verification of writes that never happened: %q", p)
	}
	if resp, err := http.Get(ts.URL + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Errorf("the site is not healthy after the soak: %v", err)
	}
}
