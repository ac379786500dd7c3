package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/store/storetest"
)

// TestMetricsAddress: with DATELINE_METRICS_ADDR, serve opens a second
// listener that serves /metrics, while the public address does not; both
// stop with the server.
func TestMetricsAddress(t *testing.T) {
	opts := storetest.Options(t, "sqlite")
	env := envOf(map[string]string{"DATELINE_DATA_DIR": opts.DataDir, "DATELINE_ADDR": "127.0.0.1:0", "DATELINE_METRICS_ADDR": "127.0.0.1:0"})
	ctx, cancel := context.WithCancel(context.Background())
	out := &lockedBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, env, out) }()
	publicRE := regexp.MustCompile(`on (127\.0\.0\.1:\d+)`)
	metricsRE := regexp.MustCompile(`Metrics are served on (http://127\.0\.0\.1:\d+/metrics)`)
	var public, metrics string
	for deadline := time.Now().Add(30 * time.Second); metrics == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := metricsRE.FindStringSubmatch(out.String()); m != nil {
			metrics = m[1]
			public = "http://" + publicRE.FindStringSubmatch(out.String())[1]
		}
	}
	if metrics == "" {
		cancel()
		t.Fatalf("serve did not report a metrics address:\n%s", out.String())
	}
	get := func(url string) (int, string) {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if status, body := get(metrics); status != http.StatusOK || !strings.Contains(body, "go_goroutines") {
		t.Errorf("GET %s: %d %.200s", metrics, status, body)
	}
	if status, _ := get(public + "/metrics"); status != http.StatusNotFound {
		t.Errorf("public /metrics: %d, want 404", status)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
	if _, err := http.Get(metrics); err == nil {
		t.Error("the metrics address still answers after serve stopped")
	}
}
