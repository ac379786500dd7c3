package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// slowRequest is a request whose body the test sends a piece at a time, as
// a reader on a poor connection would: the server is in the middle of it
// for as long as the test wants.
type slowRequest struct {
	body *io.PipeWriter
	done chan struct{}
	resp reply
	err  error
}

// startSlow sends the headers and the first piece of a body, and returns
// once the server's side has that piece.
func startSlow(t *testing.T, client *http.Client, method, url, token, from, first string) *slowRequest {
	t.Helper()
	pr, pw := io.Pipe()
	s := &slowRequest{body: pw, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		s.resp, s.err = call(context.Background(), client, method, url, token, from, io.Reader(pr))
		pr.Close()
	}()
	// The transport writes the headers before it reads the body, so once
	// this write returns the request is on the wire.
	if _, err := io.WriteString(pw, first); err != nil {
		t.Fatal(err)
	}
	return s
}

// finish sends the rest of the body slowly and waits for the answer.
func (s *slowRequest) finish(rest string, pieces int, pause time.Duration) (reply, error) {
	size := (len(rest) + pieces - 1) / pieces
	for len(rest) > 0 {
		n := min(size, len(rest))
		if _, err := io.WriteString(s.body, rest[:n]); err != nil {
			break
		}
		rest = rest[n:]
		time.Sleep(pause)
	}
	s.body.Close()
	<-s.done
	return s.resp, s.err
}

// inFlight reads how many requests the server is serving from /metrics
// (the metrics request itself included).
func inFlight(t *testing.T, client *http.Client, base string) int {
	t.Helper()
	r, err := call(context.Background(), client, "GET", base+"/metrics", metricsToken, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(strings.NewReader(r.body))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "dateline_http_requests_in_flight "); ok {
			n, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			return int(n)
		}
	}
	t.Fatalf("/metrics has no dateline_http_requests_in_flight:\n%.500s", r.body)
	return 0
}

// waitInFlight waits until the server is in the middle of n requests
// besides the one asking.
func waitInFlight(t *testing.T, client *http.Client, base string, n int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if inFlight(t, client, base)-1 >= n {
			return
		}
	}
	t.Fatalf("the server never had %d requests in flight", n)
}

// refusesConnections reports whether new TCP connections to base are
// refused within limit, and what the last attempt met.
func refusesConnections(base string, limit time.Duration) (bool, error) {
	addr := strings.TrimPrefix(base, "http://")
	var last error
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if errors.Is(err, syscall.ECONNREFUSED) {
			return true, err
		}
		// Accepted, or reset as the listener closed with the connection
		// in its queue: try again.
		last = err
		if err == nil {
			c.Close()
		}
	}
	return false, last
}

// viewLoad sends views as distinct readers, counting those sent and those
// acknowledged; anything but a 204, or a failed connection once the server
// is stopping, is a failure.
type viewLoad struct {
	mu       sync.Mutex
	sent     int
	acked    int
	failures []string
}

func (v *viewLoad) run(ctx context.Context, client *http.Client, base string, articleID int64, group int, stopped func() bool) {
	for i := 0; ctx.Err() == nil; i++ {
		v.mu.Lock()
		v.sent++
		v.mu.Unlock()
		ok, err := sendBeacon(ctx, client, base, articleID, fmt.Sprintf("shutdown/%d-%d", group, i), address(group, i))
		v.mu.Lock()
		switch {
		case err == nil && ok:
			v.acked++
		case err != nil && (stopped() || ctx.Err() != nil):
			v.mu.Unlock()
			return // the server stopped taking connections, as it should
		default:
			v.failures = append(v.failures, fmt.Sprintf("view %d-%d: ok=%v err=%v", group, i, ok, err))
		}
		v.mu.Unlock()
		time.Sleep(2 * time.Millisecond)
	}
}

// TestSIGTERMFinishesInFlightRequestsAndFlushesViews stops the server with
// SIGTERM while readers post comments slowly, an editor's save is still
// uploading and views keep coming: the listener closes at once, the
// requests already in progress finish with their normal answers, every
// acknowledged view is in the database after the exit, and the process
// exits by itself, cleanly, within DATELINE_SHUTDOWN_TIMEOUT.
func TestSIGTERMFinishesInFlightRequestsAndFlushesViews(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			opts := storetest.Options(t, engine)
			token := newsroomToken(t, opts)
			const timeout = 15 * time.Second
			env := baseEnv(opts)
			// Views are only written by the flush at shutdown: the interval
			// never comes round during the test.
			env["DATELINE_VIEWS_FLUSH"] = "10m"
			env["DATELINE_SHUTDOWN_TIMEOUT"] = timeout.String()
			p := startServe(t, env)
			client := newClient(30 * time.Second)
			a := publishArticle(t, client, p.base, token, "Ferry timetable changes", "The morning ferry leaves earlier.")

			// Load: views from many readers, before and during the shutdown.
			stoppedCh := make(chan struct{})
			isStopped := func() bool {
				select {
				case <-stoppedCh:
					return true
				default:
					return false
				}
			}
			views := &viewLoad{}
			ctx, stopLoad := context.WithCancel(context.Background())
			defer stopLoad()
			var load sync.WaitGroup
			for g := range 2 {
				load.Go(func() { views.run(ctx, client, p.base, a.ID, 60+g, isStopped) })
			}

			// In flight: two comments and a save, each sent a piece at a time.
			comments := make([]*slowRequest, 2)
			commentTexts, commentRests := make([]string, 2), make([]string, 2)
			for i := range comments {
				commentTexts[i] = fmt.Sprintf("The earlier ferry suits the market traders on the island, reader %d writes.", i)
				js, _ := json.Marshal(map[string]string{"name": fmt.Sprintf("Island reader %d", i), "body": commentTexts[i]})
				comments[i] = startSlow(t, client, "POST", fmt.Sprintf("%s/api/v1/articles/%d/comments", p.base, a.ID), "", address(70, i), string(js[:10]))
				defer comments[i].body.Close()
				commentRests[i] = string(js[10:])
			}
			saveJSON, _ := json.Marshal(map[string]any{"version": a.Version, "headline": "Ferry timetable changes from Monday",
				"body_markdown": "The morning ferry leaves at 5.30 from Monday."})
			save := startSlow(t, client, "PATCH", fmt.Sprintf("%s/api/v1/admin/articles/%d", p.base, a.ID), token, "", string(saveJSON[:10]))
			defer save.body.Close()
			waitInFlight(t, client, p.base, 3)
			for views.ackedCount() < 50 {
				time.Sleep(10 * time.Millisecond)
			}

			// Marked before the signal: the server closes idle keep-alive
			// connections as soon as it gets it, and a view sent on one then
			// fails, as it may.
			close(stoppedCh)
			termAt := time.Now()
			p.signal(syscall.SIGTERM)
			if ok, err := refusesConnections(p.base, 5*time.Second); !ok {
				t.Errorf("new connections were not refused after SIGTERM (the last attempt: %v)", err)
			}
			if !p.alive() {
				t.Fatalf("the process exited with requests still in flight: %v", p.err)
			}

			// The requests in progress finish, slowly, with their usual answers.
			var finishing sync.WaitGroup
			commentIDs := make([]int64, len(comments))
			for i, c := range comments {
				finishing.Go(func() {
					r, err := c.finish(commentRests[i], 5, 200*time.Millisecond)
					var out struct {
						ID int64 `json:"id"`
					}
					if err != nil || r.status != http.StatusAccepted || json.Unmarshal([]byte(r.body), &out) != nil || out.ID == 0 {
						t.Errorf("comment %d in flight at SIGTERM: %d %s %v", i, r.status, r.body, err)
					}
					commentIDs[i] = out.ID
				})
			}
			var saved articleReply
			finishing.Go(func() {
				r, err := save.finish(string(saveJSON[10:]), 5, 200*time.Millisecond)
				if err != nil || r.status != http.StatusOK || json.Unmarshal([]byte(r.body), &saved) != nil {
					t.Errorf("save in flight at SIGTERM: %d %s %v", r.status, r.body, err)
				}
			})
			finishing.Wait()

			exited, exitErr := p.wait(timeout + 10*time.Second)
			took := time.Since(termAt)
			stopLoad()
			load.Wait()
			if !exited {
				t.Fatalf("still running %s after SIGTERM (DATELINE_SHUTDOWN_TIMEOUT=%s)", took.Round(time.Millisecond), timeout)
			}
			if exitErr != nil {
				t.Errorf("exit status after a clean shutdown: %v", exitErr)
			}
			for _, f := range views.failures {
				t.Errorf("views: %s", f)
			}

			// After the exit: the comments and the save are stored, and
			// every acknowledged view was flushed.
			st, err := store.Open(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			ctx = context.Background()
			for i, id := range commentIDs {
				if c, err := st.CommentByID(ctx, id); err != nil || c.Body != commentTexts[i] {
					t.Errorf("comment %d (id %d) after the exit: %q %v", i, id, c.Body, err)
				}
			}
			if got, err := st.Article(ctx, a.ID); err != nil || got.Version != a.Version+1 || got.Headline != "Ferry timetable changes from Monday" {
				t.Errorf("the save in flight at SIGTERM: stored version %d %q %v", got.Version, got.Headline, err)
			}
			stored, err := totalViews(st, []int64{a.ID})
			if err != nil {
				t.Fatal(err)
			}
			views.mu.Lock()
			defer views.mu.Unlock()
			if stored < int64(views.acked) || stored > int64(views.sent) {
				t.Errorf("%d views stored after the exit; %d were acknowledged and %d sent", stored, views.acked, views.sent)
			}
			t.Logf("%s: exited %s after SIGTERM (timeout %s) with 3 requests in flight at the signal; %d views acknowledged, %d stored by the final flush",
				engine, took.Round(time.Millisecond), timeout, views.acked, stored)
		})
	}
}

func (v *viewLoad) ackedCount() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.acked
}

// TestSIGTERMCutsOffRequestsAfterTheTimeout holds a request open past
// DATELINE_SHUTDOWN_TIMEOUT: the process still exits soon after the
// timeout, with a status and a message that say requests were cut off, and
// still flushes the views it had counted.
func TestSIGTERMCutsOffRequestsAfterTheTimeout(t *testing.T) {
	opts := storetest.Options(t, "sqlite")
	token := newsroomToken(t, opts)
	const timeout = 2 * time.Second
	env := baseEnv(opts)
	env["DATELINE_VIEWS_FLUSH"] = "10m"
	env["DATELINE_SHUTDOWN_TIMEOUT"] = timeout.String()
	p := startServe(t, env)
	client := newClient(30 * time.Second)
	a := publishArticle(t, client, p.base, token, "Bridge repairs delayed", "The bridge stays closed.")
	acked := 0
	for i := range 20 {
		ok, err := sendBeacon(context.Background(), client, p.base, a.ID, fmt.Sprintf("cutoff/%d", i), address(80, i))
		if err != nil || !ok {
			t.Fatalf("view %d: %v %v", i, ok, err)
		}
		acked++
	}
	stuck := startSlow(t, client, "POST", fmt.Sprintf("%s/api/v1/articles/%d/comments", p.base, a.ID), "", address(81, 0), `{"name": "Slow`)
	defer stuck.body.Close()
	waitInFlight(t, client, p.base, 1)

	termAt := time.Now()
	p.signal(syscall.SIGTERM)
	exited, exitErr := p.wait(timeout + 10*time.Second)
	took := time.Since(termAt)
	if !exited {
		t.Fatalf("still running %s after SIGTERM with DATELINE_SHUTDOWN_TIMEOUT=%s", took.Round(time.Millisecond), timeout)
	}
	if exitErr == nil || !strings.Contains(p.out.String(), "DATELINE_SHUTDOWN_TIMEOUT") {
		t.Errorf("exit status %v and output %q should say requests were cut off", exitErr, p.out.String())
	}
	stuck.body.Close()
	<-stuck.done
	if stuck.err == nil {
		t.Errorf("the request held past the timeout got an answer: %d %s", stuck.resp.status, stuck.resp.body)
	}
	st, err := store.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if stored, err := totalViews(st, []int64{a.ID}); err != nil || stored != int64(acked) {
		t.Errorf("%d views stored after the cut-off shutdown, %d acknowledged (%v)", stored, acked, err)
	}
	t.Logf("exited %s after SIGTERM with DATELINE_SHUTDOWN_TIMEOUT=%s and a request held open", took.Round(time.Millisecond), timeout)
}
