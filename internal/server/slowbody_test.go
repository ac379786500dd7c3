package server_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// syncBuffer is a log destination several goroutines write to.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestSlowBodyIsAnswered408: a client that sends its headers and then only
// part of the body it announced is cut off by the server's read timeout.
// It used to get an empty 200 (logged and counted as a 200), or a 503 that
// blamed the database, because the handler's read error is a network
// timeout. It must get a 408, and the log line and the metrics must say 408.
func TestSlowBodyIsAnswered408(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		logs := &syncBuffer{}
		prev := slog.Default()
		slog.SetDefault(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
		defer slog.SetDefault(prev)

		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		// The production server's limits, with a read timeout short enough
		// for a test.
		srv := &http.Server{Handler: f.App.Handler, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 700 * time.Millisecond}
		go srv.Serve(ln)
		defer srv.Close()
		metrics := httptest.NewServer(f.App.Metrics)
		defer metrics.Close()

		for _, tc := range []struct{ route, path, contentType, part string }{
			{"POST /api/v1/views", "/api/v1/views", "application/json", `{"kind": "arti`},
			{"POST /news/{id}/comments", fmt.Sprintf("/news/%d/comments", f.Lead.ID), "application/x-www-form-urlencoded", "name=Slow&body=This+is+"},
			{"POST /newsroom/login", "/newsroom/login", "application/x-www-form-urlencoded", "email=slow%40example.lk&pass"},
		} {
			conn, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: 4000\r\n\r\n%s",
				tc.path, ln.Addr(), tc.contentType, tc.part)
			conn.SetReadDeadline(time.Now().Add(10 * time.Second))
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("%s: no answer after the read timeout: %v", tc.route, err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			conn.Close()
			if resp.StatusCode != http.StatusRequestTimeout {
				t.Errorf("%s, body cut off: %d %q, want 408", tc.route, resp.StatusCode, body)
			}
			if strings.Contains(string(body), "database") {
				t.Errorf("%s: a slow client is blamed on the database: %q", tc.route, body)
			}
			line := ""
			for _, l := range strings.Split(logs.String(), "\n") {
				if strings.Contains(l, "msg=request") && strings.Contains(l, "path="+strings.Split(tc.path, "?")[0]) {
					line = l
				}
			}
			if !strings.Contains(line, "status=408") {
				t.Errorf("%s: the request log line %q does not say 408", tc.route, line)
			}
			_, scraped := scrapeBody(t, metrics.URL+"/metrics")
			if want := fmt.Sprintf(`dateline_http_requests_total{code="408",route=%q} 1`, tc.route); !strings.Contains(scraped, want) {
				t.Errorf("%s: the metrics lack %s", tc.route, want)
			}
		}
	})
}

func scrapeBody(t *testing.T, url string) (int, string) {
	t.Helper()
	return scrape(t, url, "")
}
