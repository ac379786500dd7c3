package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/store"
	"dateline/internal/web"
)

// answerLimit is how long any request may take while the database is down:
// a dead database must fail fast, not hang the reader.
const answerLimit = 5 * time.Second

// outageTarget is one kind of request the load sends.
type outageTarget struct {
	name      string
	method    string
	path      string
	json      bool // the API: errors are JSON
	cacheable bool // a public page that the page cache may keep serving
	body      func(n int) any
	admin     bool // sends the editor's API token
	okStatus  int
}

// outageResult is one answer (or failure) seen by the load.
type outageResult struct {
	target *outageTarget
	sent   time.Time
	took   time.Duration
	status int
	header http.Header
	body   string
	err    error
}

// TestPostgresOutageAnswers503AndRecovers stops a private PostgreSQL under
// load and starts it again: while it is down every request that needs the
// database answers 503 quickly, with Retry-After and a message in the
// surface's own format; pages in the page cache keep being served; the
// process stays up; and once the database is back it answers 200 again by
// itself.
func TestPostgresOutageAnswers503AndRecovers(t *testing.T) {
	for _, mode := range []string{"fast", "immediate"} {
		t.Run(mode, func(t *testing.T) { outage(t, mode) })
	}
}

func outage(t *testing.T, mode string) {
	cluster := newPGCluster(t)
	opts := store.Options{DatabaseURL: cluster.URL()}
	token := newsroomToken(t, opts)
	env := baseEnv(opts)
	env["DATELINE_VIEWS_FLUSH"] = "1s"
	p := startServe(t, env)
	client := newClient(answerLimit)
	a := publishArticle(t, client, p.base, token, "Harbour lights restored", "The harbour lights came back on at dusk.")
	u, err := url.Parse(a.URL)
	if err != nil {
		t.Fatal(err)
	}
	articlePath := u.Path

	targets := []*outageTarget{
		{name: "front page", method: "GET", path: "/", cacheable: true, okStatus: 200},
		{name: "article page", method: "GET", path: articlePath, cacheable: true, okStatus: 200},
		{name: "search page", method: "GET", path: "/search?q=harbour", okStatus: 200},
		{name: "search API", method: "GET", path: "/api/v1/search?q=harbour", json: true, okStatus: 200},
		{name: "articles API", method: "GET", path: "/api/v1/articles", json: true, okStatus: 200},
		{name: "comment API", method: "POST", path: fmt.Sprintf("/api/v1/articles/%d/comments", a.ID), json: true, okStatus: 202,
			body: func(n int) any {
				return map[string]string{"name": fmt.Sprintf("Reader %d", n), "body": fmt.Sprintf("Are the lights on the north pier back too? Asking for the %dth time.", n)}
			}},
		{name: "admin API", method: "GET", path: fmt.Sprintf("/api/v1/admin/articles/%d", a.ID), json: true, admin: true, okStatus: 200},
		{name: "health check", method: "GET", path: "/healthz", json: true, okStatus: 200},
	}

	var (
		mu      sync.Mutex
		results []outageResult
		sent    int
	)
	ctx, stopLoad := context.WithCancel(context.Background())
	var load sync.WaitGroup
	for g := range 4 {
		load.Go(func() {
			for i := g; ctx.Err() == nil; i += 4 {
				tg := targets[i%len(targets)]
				mu.Lock()
				sent++
				n := sent
				mu.Unlock()
				var body any
				if tg.body != nil {
					body = tg.body(n)
				}
				bearer := ""
				if tg.admin {
					bearer = token
				}
				start := time.Now()
				r, err := call(context.Background(), client, tg.method, p.base+tg.path, bearer, address(50, n), body)
				res := outageResult{target: tg, sent: start, took: time.Since(start), status: r.status, header: r.header, body: r.body, err: err}
				mu.Lock()
				results = append(results, res)
				mu.Unlock()
				time.Sleep(10 * time.Millisecond) // a steady load, not a flood the rate limits would answer
			}
		})
	}
	snapshot := func() []outageResult {
		mu.Lock()
		defer mu.Unlock()
		return append([]outageResult(nil), results...)
	}
	// waitFor lets the load run until every target has had n answers sent
	// after since.
	waitFor := func(since time.Time, n int, what string) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			count := map[*outageTarget]int{}
			for _, r := range snapshot() {
				if !r.sent.Before(since) {
					count[r.target]++
				}
			}
			enough := true
			for _, tg := range targets {
				enough = enough && count[tg] >= n
			}
			if enough {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("the load did not reach %d answers per target %s", n, what)
	}

	upSince := time.Now()
	waitFor(upSince, 3, "with the database up")
	stopping := time.Now()
	cluster.stop(mode)
	downSince := time.Now()
	waitFor(downSince, 10, "with the database down")
	if !p.alive() {
		t.Fatalf("dateline exited while the database was down: %v", p.err)
	}
	downUntil := time.Now()
	cluster.start()
	restarted := time.Now()

	// Recovery: without restarting dateline, every target answers as it
	// did before the outage.
	var recoveredAt time.Time
	for deadline := time.Now().Add(60 * time.Second); recoveredAt.IsZero() && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		ok := map[*outageTarget]bool{}
		for _, r := range snapshot() {
			if r.sent.After(restarted) && r.err == nil {
				ok[r.target] = r.status == r.target.okStatus
			}
		}
		all := true
		for _, tg := range targets {
			all = all && ok[tg]
		}
		if all {
			recoveredAt = time.Now()
		}
	}
	stopLoad()
	load.Wait()
	if recoveredAt.IsZero() {
		last := map[string]string{}
		for _, r := range snapshot() {
			last[r.target.name] = fmt.Sprintf("%d %v %.200s", r.status, r.err, r.body)
		}
		t.Fatalf("dateline did not recover within a minute of the database starting again; last answers: %v", last)
	}
	if !p.alive() {
		t.Fatalf("dateline exited: %v", p.err)
	}

	var downAnswers, cached, slowest = 0, 0, time.Duration(0)
	for _, r := range snapshot() {
		tg := r.target
		slowest = max(slowest, r.took)
		if r.err != nil {
			t.Errorf("%s sent %s: no answer within %s: %v", tg.name, r.sent.Format(time.StampMilli), answerLimit, r.err)
			continue
		}
		switch {
		case r.status == http.StatusServiceUnavailable:
			checkUnavailable(t, tg, r)
		case r.status != tg.okStatus:
			t.Errorf("%s sent %s: %d %.200s", tg.name, r.sent.Format(time.StampMilli), r.status, r.body)
		}
		// Sent after the server was gone and answered before it was
		// started again: the outage proper.
		if r.sent.After(downSince) && r.sent.Add(r.took).Before(downUntil) {
			downAnswers++
			if r.status == tg.okStatus {
				if !tg.cacheable {
					t.Errorf("%s answered %d while the database was down", tg.name, r.status)
				}
				cached++
			}
		}
		// Before the outage everything worked.
		if r.sent.Add(r.took).Before(stopping) && r.sent.After(upSince) && r.status != tg.okStatus {
			t.Errorf("%s failed before the outage: %d", tg.name, r.status)
		}
	}
	t.Logf("pg_ctl stop -m %s: %d answers while the database was down (%d of them cached pages served as usual), slowest answer %s; recovered %s after the database started",
		mode, downAnswers, cached, slowest.Round(time.Millisecond), recoveredAt.Sub(restarted).Round(time.Millisecond))

	// The process that recovered is the one that saw the outage, and it
	// stays healthy: a second or two may pass while it retakes its serving
	// lock (until then it answers 503, as it must not write without it).
	healthy := false
	var last string
	for deadline := time.Now().Add(10 * time.Second); !healthy && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		r, err := call(context.Background(), client, "GET", p.base+"/healthz", "", "", nil)
		healthy = err == nil && r.status == 200
		last = fmt.Sprintf("%d %v", r.status, err)
	}
	if !healthy {
		t.Errorf("health check after recovery, for 10 s: last %s", last)
	}
}

// checkUnavailable checks a 503: Retry-After, not cached anywhere, and a
// message saying the database cannot be reached, in JSON for the API and
// in an HTML page for readers.
func checkUnavailable(t *testing.T, tg *outageTarget, r outageResult) {
	t.Helper()
	if r.header.Get("Retry-After") == "" {
		t.Errorf("%s: a 503 without Retry-After", tg.name)
	}
	if cc := r.header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("%s: a 503 with Cache-Control %q, which a CDN could keep", tg.name, cc)
	}
	ct := r.header.Get("Content-Type")
	switch {
	case tg.path == "/healthz":
		var out struct{ Status string }
		if !strings.HasPrefix(ct, "application/json") || json.Unmarshal([]byte(r.body), &out) != nil || out.Status != "unavailable" {
			t.Errorf("health check 503: %s %q", ct, r.body)
		}
	case tg.json:
		var out struct{ Error string }
		if !strings.HasPrefix(ct, "application/json") || json.Unmarshal([]byte(r.body), &out) != nil || out.Error != web.UnavailableMessage {
			t.Errorf("%s 503: %s %q, want JSON {\"error\": %q}", tg.name, ct, r.body, web.UnavailableMessage)
		}
	default:
		if !strings.HasPrefix(ct, "text/html") || !strings.Contains(r.body, "We cannot reach our database just now") {
			t.Errorf("%s 503: %s %.300q, want an HTML page saying the database cannot be reached", tg.name, ct, r.body)
		}
	}
}
