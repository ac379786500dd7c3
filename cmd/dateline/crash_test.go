package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"syscall"
	"testing"
	"time"

	"dateline/internal/popularity"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// crashFlush is DATELINE_VIEWS_FLUSH in the crash test: short, so that the
// burst spans many flushes.
const crashFlush = 300 * time.Millisecond

// flushGrace is how long one flush may take to reach the database after its
// tick (it waits for the single SQLite writer behind the burst's comments
// and saves). A generous bound, not a measurement: a flush normally takes
// milliseconds.
const flushGrace = 3 * time.Second

// burstLog is what the burst's clients were told, guarded by mu.
type burstLog struct {
	mu       sync.Mutex
	comments map[int64]ackedComment // comment id -> what was posted
	saves    map[int64][]ackedSave  // article id -> acknowledged saves, in order
	inFlight map[int64]ackedSave    // article id -> a save sent but not answered
	beacons  []time.Time            // when each acknowledged (204) view was answered
	sent     int                    // views sent, answered or not
	failures []string               // answers that were neither success nor the kill
}

type ackedComment struct {
	articleID int64
	body      string
}

type ackedSave struct {
	version  int // the version the save produced
	headline string
	body     string
	word     string // the word only this save's headline has, for search
}

func (b *burstLog) counts() (comments, saves, beacons int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, s := range b.saves {
		saves += len(s)
	}
	return len(b.comments), saves, len(b.beacons)
}

// TestSIGKILLMidBurstKeepsEveryAcknowledgedWrite kills the server with
// SIGKILL in the middle of a burst of comment posts, article saves and view
// beacons, restarts it on the same database and checks that every comment
// and save that got a 2xx is stored whole, and that the views lost are only
// those a flush interval could hold.
//
// Why this holds on SQLite: the database runs in WAL mode with
// synchronous=NORMAL, so a commit has written its frames into the WAL file
// (through the kernel's page cache) before it returns, and the 2xx goes out
// only after the commit. A killed process loses nothing the kernel holds;
// only a power cut or a kernel crash could lose the last commits, since
// NORMAL skips the fsync at each commit. This test kills the process, which
// is what it can prove. On PostgreSQL a commit returns once the server has
// it, so killing our process cannot lose it.
func TestSIGKILLMidBurstKeepsEveryAcknowledgedWrite(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			opts := storetest.Options(t, engine)
			token := newsroomToken(t, opts)
			env := baseEnv(opts)
			env["DATELINE_VIEWS_FLUSH"] = crashFlush.String()
			p := startServe(t, env)
			client := newClient(10 * time.Second)

			var articles []articleReply
			for i := range 4 {
				articles = append(articles, publishArticle(t, client, p.base, token,
					fmt.Sprintf("Harbour drill story %d", i), "The drill began at dawn."))
			}
			st, err := store.Open(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()

			acks := &burstLog{comments: map[int64]ackedComment{}, saves: map[int64][]ackedSave{}, inFlight: map[int64]ackedSave{}}
			ctx, stopBurst := context.WithCancel(context.Background())
			var clients sync.WaitGroup
			for g := range 4 {
				clients.Go(func() { postComments(ctx, client, p.base, articles, g, acks) })
			}
			for _, a := range articles[:3] {
				clients.Go(func() { saveArticle(ctx, client, p.base, token, a, acks) })
			}
			for g := range 4 {
				clients.Go(func() { sendViews(ctx, client, p.base, articles, g, acks) })
			}

			// Watch the flushed views from outside while the burst runs: a
			// count seen in the database before the kill must survive it.
			ids := []int64{articles[0].ID, articles[1].ID, articles[2].ID, articles[3].ID}
			var seenBeforeKill int64
			started := time.Now()
			for {
				if n, err := totalViews(st, ids); err == nil {
					seenBeforeKill = max(seenBeforeKill, n)
				}
				c, s, b := acks.counts()
				// Enough of each kind, and a burst long enough that the views
				// check below covers acknowledged views, not only its window.
				if c >= 30 && s >= 30 && b >= 300 && seenBeforeKill > 0 && time.Since(started) > crashFlush+flushGrace+2*time.Second {
					break
				}
				if time.Since(started) > 40*time.Second {
					t.Fatalf("the burst made too little progress: %d comments, %d saves, %d views acknowledged, %d views flushed", c, s, b, seenBeforeKill)
				}
				time.Sleep(100 * time.Millisecond)
			}
			killedAt := time.Now()
			p.signal(syscall.SIGKILL)
			stopBurst()
			clients.Wait()
			if n, err := totalViews(st, ids); err == nil {
				seenBeforeKill = max(seenBeforeKill, n) // a flush may have committed as the kill landed
			}

			acks.mu.Lock()
			defer acks.mu.Unlock()
			for _, f := range acks.failures {
				t.Errorf("during the burst: %s", f)
			}

			restarted := startServe(t, env)
			ctx = context.Background()

			// Every acknowledged comment is stored, whole, on its article.
			for id, want := range acks.comments {
				c, err := st.CommentByID(ctx, id)
				if err != nil {
					t.Errorf("comment %d was acknowledged but is not stored: %v", id, err)
					continue
				}
				if c.ArticleID != want.articleID || c.Body != want.body {
					t.Errorf("comment %d stored as (article %d) %q, acknowledged as (article %d) %q", id, c.ArticleID, c.Body, want.articleID, want.body)
				}
			}

			// Every acknowledged save is the stored version or was followed
			// by the one save that was in flight; each version has its
			// revision; the search index has the stored headline only.
			for _, a := range articles[:3] {
				checkSaves(t, st, restarted, client, a, acks.saves[a.ID], acks.inFlight[a.ID])
			}

			// Views. A beacon's 204 means the view is counted in memory; the
			// next tick (at most one interval later) drains it and writes it
			// in one transaction. So a view acknowledged more than one
			// interval plus flushGrace before the kill must be stored, and
			// the views lost are at most those acknowledged in that last
			// stretch: one flush interval's worth, plus the time the last
			// flush took to commit. Flushes that committed survive the kill,
			// and no view is counted twice.
			stored, err := totalViews(st, ids)
			if err != nil {
				t.Fatal(err)
			}
			cutoff := killedAt.Add(-crashFlush - flushGrace)
			older := 0
			for _, at := range acks.beacons {
				if at.Before(cutoff) {
					older++
				}
			}
			if stored < seenBeforeKill {
				t.Errorf("%d views were in the database before the kill, %d after the restart", seenBeforeKill, stored)
			}
			if stored > int64(acks.sent) {
				t.Errorf("%d views stored but only %d sent: some were counted twice", stored, acks.sent)
			}
			if stored < int64(older) {
				t.Errorf("%d views stored, but %d were acknowledged more than %s before the kill", stored, older, crashFlush+flushGrace)
			}
			if engine == "sqlite" {
				checkSQLiteIntegrity(t, opts.DataDir)
			}
			t.Logf("%s: acknowledged %d comments, %d saves, %d views (%d sent); after the restart %d views stored: %d lost, at most one flush interval's worth (%d were acknowledged within %s of the kill)",
				engine, len(acks.comments), savesOf(acks), len(acks.beacons), acks.sent, stored, int64(len(acks.beacons))-stored,
				len(acks.beacons)-older, crashFlush+flushGrace)
			restarted.signal(syscall.SIGTERM)
			if ok, err := restarted.wait(30 * time.Second); !ok || err != nil {
				t.Errorf("the restarted server did not stop cleanly: exited %v, error %v", ok, err)
			}
		})
	}
}

func savesOf(acks *burstLog) int {
	n := 0
	for _, s := range acks.saves {
		n += len(s)
	}
	return n
}

// postComments posts comments as distinct readers until ctx ends.
func postComments(ctx context.Context, client *http.Client, base string, articles []articleReply, group int, acks *burstLog) {
	for i := 0; ctx.Err() == nil; i++ {
		a := articles[i%len(articles)]
		body := fmt.Sprintf("Reader %d-%d says the harbour road was quiet this morning, drill number %d.", group, i, i)
		r, err := call(ctx, client, "POST", fmt.Sprintf("%s/api/v1/articles/%d/comments", base, a.ID), "", address(100+group, i),
			map[string]string{"name": fmt.Sprintf("Reader %d-%d", group, i), "body": body})
		if err != nil {
			return // the server was killed
		}
		var out struct {
			ID int64 `json:"id"`
		}
		if r.status != http.StatusAccepted || json.Unmarshal([]byte(r.body), &out) != nil || out.ID == 0 {
			acks.fail("comment: %d %s", r.status, r.body)
			continue
		}
		acks.mu.Lock()
		acks.comments[out.ID] = ackedComment{articleID: a.ID, body: body}
		acks.mu.Unlock()
	}
}

// saveArticle saves one article again and again, each save with a new
// headline word and body, until ctx ends.
func saveArticle(ctx context.Context, client *http.Client, base, token string, a articleReply, acks *burstLog) {
	version := a.Version
	for n := 1; ctx.Err() == nil; n++ {
		word := fmt.Sprintf("zq%ds%d", a.ID, n)
		s := ackedSave{version: version + 1, word: word,
			headline: fmt.Sprintf("Harbour drill story %d update %s", a.ID, word),
			body:     fmt.Sprintf("Save %d of article %d.\n\nThe drill went on; %s.", n, a.ID, word)}
		acks.mu.Lock()
		acks.inFlight[a.ID] = s
		acks.mu.Unlock()
		r, err := call(ctx, client, "PATCH", fmt.Sprintf("%s/api/v1/admin/articles/%d", base, a.ID), token, "",
			map[string]any{"version": version, "headline": s.headline, "body_markdown": s.body})
		if err != nil {
			return // the server was killed; the save may or may not have committed
		}
		var out articleReply
		if r.status != http.StatusOK || json.Unmarshal([]byte(r.body), &out) != nil || out.Version != s.version {
			acks.fail("save of article %d: %d %s", a.ID, r.status, r.body)
			return
		}
		version = out.Version
		acks.mu.Lock()
		acks.saves[a.ID] = append(acks.saves[a.ID], s)
		delete(acks.inFlight, a.ID)
		acks.mu.Unlock()
	}
}

// sendViews sends views as distinct readers until ctx ends.
func sendViews(ctx context.Context, client *http.Client, base string, articles []articleReply, group int, acks *burstLog) {
	for i := 0; ctx.Err() == nil; i++ {
		acks.mu.Lock()
		acks.sent++
		acks.mu.Unlock()
		ok, err := sendBeacon(ctx, client, base, articles[i%len(articles)].ID, fmt.Sprintf("drill/%d-%d", group, i), address(200+group, i))
		if err != nil {
			return
		}
		if !ok {
			acks.fail("view %d-%d not acknowledged", group, i)
			continue
		}
		acks.mu.Lock()
		acks.beacons = append(acks.beacons, time.Now())
		acks.mu.Unlock()
		time.Sleep(time.Millisecond) // a heavy stream, not a flood that starves the machine's other work
	}
}

func (b *burstLog) fail(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.failures) < 20 {
		b.failures = append(b.failures, fmt.Sprintf(format, args...))
	}
}

func totalViews(st *store.Store, ids []int64) (int64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	views, err := st.ViewsOf(ctx, popularity.Article, ids)
	var n int64
	for _, v := range views {
		n += v
	}
	return n, err
}

// checkSaves checks one article after the crash: the stored version is the
// last acknowledged save or the save in flight at the kill, every version
// has its revision with the content of its save, and search finds the
// stored headline's word and not an older one.
func checkSaves(t *testing.T, st *store.Store, p *process, client *http.Client, a articleReply, acked []ackedSave, inFlight ackedSave) {
	t.Helper()
	ctx := context.Background()
	if len(acked) == 0 {
		t.Errorf("article %d: no save was acknowledged", a.ID)
		return
	}
	got, err := st.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := acked[len(acked)-1]
	current := last
	switch {
	case got.Version == last.version && got.Headline == last.headline && got.BodyMarkdown == last.body:
	case inFlight.version != 0 && got.Version == inFlight.version && got.Headline == inFlight.headline && got.BodyMarkdown == inFlight.body:
		current = inFlight // committed as the kill landed, before its answer went out
	default:
		t.Errorf("article %d is at version %d %q; the last acknowledged save was version %d %q", a.ID, got.Version, got.Headline, last.version, last.headline)
		return
	}
	revs, err := st.Revisions(ctx, a.ID, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != got.Version {
		t.Errorf("article %d at version %d has %d revisions", a.ID, got.Version, len(revs))
	} else if r := revs[0]; r.Version != got.Version || r.Headline != got.Headline || r.Body != got.BodyMarkdown {
		t.Errorf("article %d at version %d %q: the newest revision is version %d %q", a.ID, got.Version, got.Headline, r.Version, r.Headline)
	}
	byVersion := map[int]store.Revision{}
	for _, r := range revs {
		byVersion[r.Version] = r
	}
	for _, s := range acked {
		if r := byVersion[s.version]; r.Headline != s.headline || r.Body != s.body {
			t.Errorf("article %d: the revision of acknowledged version %d is %q, want %q", a.ID, s.version, r.Headline, s.headline)
		}
	}
	if n := searchTotal(t, client, p.base, current.word); n != 1 {
		t.Errorf("article %d: searching its stored headline's word %q finds %d stories, want 1", a.ID, current.word, n)
	}
	if len(acked) > 1 {
		if old := acked[len(acked)-2]; old.word != current.word {
			if n := searchTotal(t, client, p.base, old.word); n != 0 {
				t.Errorf("article %d: the search index still has the older headline's word %q (%d hits)", a.ID, old.word, n)
			}
		}
	}
}

func searchTotal(t *testing.T, client *http.Client, base, word string) int {
	t.Helper()
	r, err := call(context.Background(), client, "GET", base+"/api/v1/search?q="+url.QueryEscape(word), "", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Total int `json:"total"`
	}
	if r.status != http.StatusOK || json.Unmarshal([]byte(r.body), &out) != nil {
		t.Fatalf("search %q: %d %s", word, r.status, r.body)
	}
	return out.Total
}

// checkSQLiteIntegrity runs SQLite's own checks of the file and of its
// foreign keys.
func checkSQLiteIntegrity(t *testing.T, dataDir string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+store.SQLitePath(dataDir)+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Errorf("integrity_check: %q %v", result, err)
	}
	rows, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Error("foreign_key_check found rows that point at nothing")
	}
}
