package config

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func load(t *testing.T, m map[string]string, args ...string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return Load(env(m), fs, args)
}

func TestLoadDefaults(t *testing.T) {
	c, err := load(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DataDir != "data" || c.Engine() != "sqlite" || c.Location.String() != "Asia/Colombo" {
		t.Fatalf("unexpected defaults: %+v", c)
	}
	if c.BaseURL != "http://localhost:8080" {
		t.Fatalf("BaseURL = %q", c.BaseURL)
	}
	if c.ShutdownTimeout != 15*time.Second {
		t.Fatalf("ShutdownTimeout = %s, want 15s", c.ShutdownTimeout)
	}
}

func TestShutdownTimeoutFromEnvironmentAndFlag(t *testing.T) {
	c, err := load(t, map[string]string{"DATELINE_SHUTDOWN_TIMEOUT": "40s"})
	if err != nil {
		t.Fatal(err)
	}
	if c.ShutdownTimeout != 40*time.Second {
		t.Fatalf("from the environment: %s, want 40s", c.ShutdownTimeout)
	}
	c, err = load(t, map[string]string{"DATELINE_SHUTDOWN_TIMEOUT": "40s"}, "--shutdown-timeout", "2s")
	if err != nil {
		t.Fatal(err)
	}
	if c.ShutdownTimeout != 2*time.Second {
		t.Fatalf("the flag should win: %s, want 2s", c.ShutdownTimeout)
	}
}

func TestFlagsOverrideEnvironment(t *testing.T) {
	c, err := load(t, map[string]string{"DATELINE_ADDR": ":9000", "DATELINE_SITE_NAME": "Env News"},
		"--addr", "127.0.0.1:9100", "--base-url", "https://news.example.lk/")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9100" || c.SiteName != "Env News" || c.BaseURL != "https://news.example.lk" {
		t.Fatalf("got %+v", c)
	}
}

func TestBadValuesNameTheVariable(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"DATELINE_ADDR": "eighty"}, "DATELINE_ADDR"},
		{map[string]string{"DATELINE_TIMEZONE": "Mars/Olympus"}, "DATELINE_TIMEZONE"},
		{map[string]string{"DATELINE_BASE_URL": "news.example.lk"}, "DATELINE_BASE_URL"},
		{map[string]string{"DATELINE_BASE_URL": "ftp://news.example.lk"}, "DATELINE_BASE_URL"},
		{map[string]string{"DATELINE_BASE_URL": "https://news.example.lk/site"}, "DATELINE_BASE_URL"},
		{map[string]string{"DATABASE_URL": "mysql://root@localhost/db"}, "DATABASE_URL"},
		{map[string]string{"DATELINE_SITE_NAME": "   "}, "DATELINE_SITE_NAME"},
		{map[string]string{"DATELINE_VIEWS_FLUSH": "often"}, "DATELINE_VIEWS_FLUSH"},
		{map[string]string{"DATELINE_SHUTDOWN_TIMEOUT": "soon"}, "DATELINE_SHUTDOWN_TIMEOUT"},
		{map[string]string{"DATELINE_SHUTDOWN_TIMEOUT": "100ms"}, "DATELINE_SHUTDOWN_TIMEOUT"},
		{map[string]string{"DATELINE_SHUTDOWN_TIMEOUT": "1h"}, "DATELINE_SHUTDOWN_TIMEOUT"},
		{map[string]string{"DATELINE_TRUSTED_PROXIES": "10.0.0.0/8, proxy.local"}, "DATELINE_TRUSTED_PROXIES"},
		{map[string]string{"DATELINE_DB_MAX_CONNS": "many"}, "DATELINE_DB_MAX_CONNS"},
		{map[string]string{"DATELINE_DB_MAX_CONNS": "3"}, "DATELINE_DB_MAX_CONNS"},
		{map[string]string{"DATELINE_DB_MAX_CONNS": "-20"}, "DATELINE_DB_MAX_CONNS"},
		{map[string]string{"DATELINE_DB_MAX_CONNS": "5000"}, "DATELINE_DB_MAX_CONNS"},
		{map[string]string{"DATELINE_METRICS_ADDR": "metrics"}, "DATELINE_METRICS_ADDR"},
		{map[string]string{"DATELINE_METRICS_ADDR": ":8080"}, "DATELINE_METRICS_ADDR"},
		{map[string]string{"DATELINE_METRICS_TOKEN": "short"}, "DATELINE_METRICS_TOKEN"},
		{map[string]string{"DATELINE_METRICS_TOKEN": "a long token with spaces"}, "DATELINE_METRICS_TOKEN"},
	}
	for _, tc := range cases {
		_, err := load(t, tc.env)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("env %v: error %v does not name %s", tc.env, err, tc.want)
		}
	}
}

func TestPostgresEngine(t *testing.T) {
	c, err := load(t, map[string]string{"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Engine() != "postgres" {
		t.Fatalf("engine %s", c.Engine())
	}
}

func TestHTTPSFollowsTheBaseURL(t *testing.T) {
	for _, tc := range []struct {
		base string
		want bool
	}{
		{"", false}, // the default, http://localhost:8080
		{"http://news.example.lk", false},
		{"https://news.example.lk", true},
		{"HTTPS://News.Example.lk/", true},
		{"https://news.example.lk:8443", true},
	} {
		m := map[string]string{}
		if tc.base != "" {
			m["DATELINE_BASE_URL"] = tc.base
		}
		c, err := load(t, m)
		if err != nil {
			t.Fatalf("%q: %v", tc.base, err)
		}
		if got := c.HTTPS(); got != tc.want {
			t.Errorf("base URL %q: HTTPS() = %v, want %v", tc.base, got, tc.want)
		}
	}
}

// TestDBMaxConns: the PostgreSQL pool of a node is 20 unless
// DATELINE_DB_MAX_CONNS (or --db-max-conns) says otherwise.
func TestDBMaxConns(t *testing.T) {
	c, err := load(t, nil)
	if err != nil || c.DBMaxConns != 20 {
		t.Fatalf("default: %d %v, want 20", c.DBMaxConns, err)
	}
	c, err = load(t, map[string]string{"DATELINE_DB_MAX_CONNS": " 8 "})
	if err != nil || c.DBMaxConns != 8 {
		t.Fatalf("from the environment: %d %v, want 8", c.DBMaxConns, err)
	}
	c, err = load(t, map[string]string{"DATELINE_DB_MAX_CONNS": "8"}, "--db-max-conns", "12")
	if err != nil || c.DBMaxConns != 12 {
		t.Fatalf("the flag should win: %d %v, want 12", c.DBMaxConns, err)
	}
}

// TestMetricsSettings: a metrics address and a token are read as given.
func TestMetricsSettings(t *testing.T) {
	c, err := load(t, nil)
	if err != nil || c.MetricsAddr != "" || c.MetricsToken != "" {
		t.Fatalf("by default /metrics has no address or token: %q %q %v", c.MetricsAddr, c.MetricsToken, err)
	}
	c, err = load(t, map[string]string{"DATELINE_METRICS_ADDR": "127.0.0.1:9100", "DATELINE_METRICS_TOKEN": "0123456789abcdef0123"})
	if err != nil || c.MetricsAddr != "127.0.0.1:9100" || c.MetricsToken != "0123456789abcdef0123" {
		t.Fatalf("got %q %q %v", c.MetricsAddr, c.MetricsToken, err)
	}
}
