package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"dateline/internal/server"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// scrape reads url with an optional bearer token.
func scrape(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestMetricsAreNotPublic: /metrics tells the Go version, memory use and
// every route's count (failed sign-ins included). On the public address it
// answers only to DATELINE_METRICS_TOKEN; without one it does not exist
// there, and the private handler (DATELINE_METRICS_ADDR) serves it.
func TestMetricsAreNotPublic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		if status, body := scrape(t, f.Srv.URL+"/metrics", ""); status != http.StatusNotFound || strings.Contains(body, "go_goroutines") {
			t.Errorf("public /metrics with no token configured: %d %.200s, want 404", status, body)
		}
		private := httptest.NewServer(f.App.Metrics)
		defer private.Close()
		if status, body := scrape(t, private.URL+"/metrics", ""); status != http.StatusOK || !strings.Contains(body, "dateline_http_requests_total") {
			t.Errorf("metrics address: %d %.200s, want the metrics", status, body)
		}
		if status, _ := scrape(t, private.URL+"/", ""); status != http.StatusNotFound {
			t.Errorf("metrics address serves / with %d, want 404: it serves /metrics alone", status)
		}

		const token = "0123456789abcdef-metrics"
		cfg := f.Cfg
		cfg.MetricsToken = token
		app, err := server.Build(cfg, f.Store)
		if err != nil {
			t.Fatal(err)
		}
		public := httptest.NewServer(app.Handler)
		defer public.Close()
		for _, bad := range []string{"", "wrong-token-0123456789", token + "x", token[:len(token)-1]} {
			if status, body := scrape(t, public.URL+"/metrics", bad); status != http.StatusUnauthorized || strings.Contains(body, "go_goroutines") {
				t.Errorf("token %q: %d %.200s, want 401", bad, status, body)
			}
		}
		if status, body := scrape(t, public.URL+"/metrics", token); status != http.StatusOK || !strings.Contains(body, "go_goroutines") {
			t.Errorf("with the token: %d %.200s, want the metrics", status, body)
		}
		private2 := httptest.NewServer(app.Metrics)
		defer private2.Close()
		if status, _ := scrape(t, private2.URL+"/metrics", ""); status != http.StatusUnauthorized {
			t.Errorf("metrics address without the configured token: %d, want 401", status)
		}
	})
}
