// Package config reads Dateline's configuration once, from the environment and
// then from command-line flags, and validates it with messages that name the
// variable at fault.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the binary must know Asia/Colombo on machines without zoneinfo

	"dateline/internal/news"
)

// Config is the whole configuration of one dateline process.
type Config struct {
	Addr        string // DATELINE_ADDR, listen address
	DataDir     string // DATELINE_DATA_DIR, SQLite file and other local state
	DatabaseURL string // DATABASE_URL, empty means SQLite in DataDir
	BaseURL     string // DATELINE_BASE_URL, absolute, no trailing slash
	SiteName    string // DATELINE_SITE_NAME
	Timezone    string // DATELINE_TIMEZONE, IANA name
	Demo        bool   // --demo: seed demo content into an empty database

	ViewsFlush     time.Duration // DATELINE_VIEWS_FLUSH, how often counted views are written
	PopularRefresh time.Duration // DATELINE_POPULAR_REFRESH, how often Most Viewed lists are ranked again
	popularRaw     string
	TrustedProxies []netip.Prefix // DATELINE_TRUSTED_PROXIES, whose X-Forwarded-For is believed
	trustedRaw     string

	// ShutdownTimeout is DATELINE_SHUTDOWN_TIMEOUT: how long in-flight
	// requests may run after SIGTERM or SIGINT before they are cut off.
	ShutdownTimeout time.Duration
	shutdownRaw     string

	// MetricsAddr is DATELINE_METRICS_ADDR: a second listen address that
	// serves only /metrics (such as 127.0.0.1:9100), for a scraper on a
	// private network. Empty means none.
	MetricsAddr string
	// MetricsToken is DATELINE_METRICS_TOKEN: when set, /metrics answers on
	// the public address too, to requests that carry it as a bearer token
	// (and the metrics address asks for it as well). With neither set,
	// /metrics is not served at all.
	MetricsToken string

	// DBMaxConns is DATELINE_DB_MAX_CONNS: the size of each node's
	// PostgreSQL connection pool (the page-change LISTEN included). The
	// serving lock holds one connection more, outside the pool.
	DBMaxConns    int
	dbMaxConnsRaw string

	// PageCacheBytes is DATELINE_PAGE_CACHE ("64MB"; "0" turns the cache off).
	PageCacheBytes int64
	pageCacheRaw   string

	// Editions is DATELINE_EDITIONS ("en,si,ta"), the first at the root.
	Editions      news.Editions
	editionsRaw   string
	viewsFlushRaw string

	// Location is Timezone loaded; set by Validate.
	Location *time.Location
}

// defaultDBMaxConns is the PostgreSQL pool of a node when
// DATELINE_DB_MAX_CONNS is not set.
const defaultDBMaxConns = 20

// Defaults returns the configuration used when nothing is set.
func Defaults() Config {
	return Config{
		Addr:     ":8080",
		DataDir:  "./data",
		SiteName: "Dateline",
		Timezone: "Asia/Colombo",

		editionsRaw:  "en,si,ta",
		pageCacheRaw: "64MB",
	}
}

// Load builds a Config from defaults, then the environment (read through
// getenv), then the flags in args, and validates the result.
func Load(getenv func(string) string, fs *flag.FlagSet, args []string) (Config, error) {
	c := Defaults()
	envs := []struct {
		name string
		dst  *string
	}{
		{"DATELINE_ADDR", &c.Addr},
		{"DATELINE_DATA_DIR", &c.DataDir},
		{"DATABASE_URL", &c.DatabaseURL},
		{"DATELINE_BASE_URL", &c.BaseURL},
		{"DATELINE_SITE_NAME", &c.SiteName},
		{"DATELINE_TIMEZONE", &c.Timezone},
		{"DATELINE_VIEWS_FLUSH", &c.viewsFlushRaw},
		{"DATELINE_POPULAR_REFRESH", &c.popularRaw},
		{"DATELINE_SHUTDOWN_TIMEOUT", &c.shutdownRaw},
		{"DATELINE_TRUSTED_PROXIES", &c.trustedRaw},
		{"DATELINE_EDITIONS", &c.editionsRaw},
		{"DATELINE_PAGE_CACHE", &c.pageCacheRaw},
		{"DATELINE_DB_MAX_CONNS", &c.dbMaxConnsRaw},
		{"DATELINE_METRICS_ADDR", &c.MetricsAddr},
		{"DATELINE_METRICS_TOKEN", &c.MetricsToken},
	}
	for _, e := range envs {
		if v, ok := lookup(getenv, e.name); ok {
			*e.dst = v
		}
	}
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (DATELINE_ADDR)")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "data folder for the SQLite database (DATELINE_DATA_DIR)")
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL; empty uses SQLite (DATABASE_URL)")
	fs.StringVar(&c.BaseURL, "base-url", c.BaseURL, "public base URL for absolute links (DATELINE_BASE_URL)")
	fs.StringVar(&c.SiteName, "site-name", c.SiteName, "site name (DATELINE_SITE_NAME)")
	fs.StringVar(&c.Timezone, "timezone", c.Timezone, "IANA time zone for displayed times (DATELINE_TIMEZONE)")
	fs.BoolVar(&c.Demo, "demo", false, "fill an empty database with demo content")
	fs.StringVar(&c.viewsFlushRaw, "views-flush", c.viewsFlushRaw, "how often counted views are written, e.g. 5s (DATELINE_VIEWS_FLUSH)")
	fs.StringVar(&c.popularRaw, "popular-refresh", c.popularRaw, "how often Most Viewed lists are ranked again, e.g. 1m (DATELINE_POPULAR_REFRESH)")
	fs.StringVar(&c.shutdownRaw, "shutdown-timeout", c.shutdownRaw, "how long in-flight requests may finish after a stop signal, e.g. 15s (DATELINE_SHUTDOWN_TIMEOUT)")
	fs.StringVar(&c.trustedRaw, "trusted-proxies", c.trustedRaw, "comma-separated addresses or CIDRs of proxies whose X-Forwarded-For is believed (DATELINE_TRUSTED_PROXIES)")
	fs.StringVar(&c.pageCacheRaw, "page-cache", c.pageCacheRaw, "memory for cached public pages, e.g. 64MB; 0 turns the cache off (DATELINE_PAGE_CACHE)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "a private listen address that serves only /metrics, e.g. 127.0.0.1:9100 (DATELINE_METRICS_ADDR)")
	fs.StringVar(&c.dbMaxConnsRaw, "db-max-conns", c.dbMaxConnsRaw, "PostgreSQL connections in each node's pool, from 4 to 1000; default 20 (DATELINE_DB_MAX_CONNS)")
	fs.StringVar(&c.editionsRaw, "editions", c.editionsRaw, "comma-separated edition languages, the first served at / (DATELINE_EDITIONS)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	return c, c.Validate()
}

func lookup(getenv func(string) string, name string) (string, bool) {
	v := getenv(name)
	return strings.TrimSpace(v), v != ""
}

// Validate checks every value, fills derived fields, and reports all problems
// at once, each naming its variable.
func (c *Config) Validate() error {
	var errs []error
	bad := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{name}, args...)...))
	}

	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		bad("DATELINE_ADDR", "%q is not a listen address such as :8080 or 127.0.0.1:8080", c.Addr)
	}
	if c.DatabaseURL == "" && strings.TrimSpace(c.DataDir) == "" {
		bad("DATELINE_DATA_DIR", "must name a folder when DATABASE_URL is empty")
	} else if c.DataDir != "" {
		c.DataDir = filepath.Clean(c.DataDir)
	}
	if c.DatabaseURL != "" {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
			bad("DATABASE_URL", "must be a postgres:// URL with a host, or empty for SQLite")
		}
	}
	if c.BaseURL == "" {
		c.BaseURL = defaultBaseURL(c.Addr)
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/") {
		bad("DATELINE_BASE_URL", "%q must be an absolute http(s) URL with no path, such as https://news.example.lk", c.BaseURL)
	} else {
		c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	}
	if strings.TrimSpace(c.SiteName) == "" {
		bad("DATELINE_SITE_NAME", "must not be empty")
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil || c.Timezone == "" || strings.EqualFold(c.Timezone, "local") {
		bad("DATELINE_TIMEZONE", "%q is not an IANA time zone such as Asia/Colombo", c.Timezone)
	} else {
		c.Location = loc
	}
	c.ViewsFlush = 5 * time.Second
	if c.viewsFlushRaw != "" {
		d, err := time.ParseDuration(c.viewsFlushRaw)
		if err != nil || d < 100*time.Millisecond || d > 10*time.Minute {
			bad("DATELINE_VIEWS_FLUSH", "%q must be a duration from 100ms to 10m, such as 5s", c.viewsFlushRaw)
		} else {
			c.ViewsFlush = d
		}
	}
	c.PopularRefresh = time.Minute
	if c.popularRaw != "" {
		d, err := time.ParseDuration(c.popularRaw)
		if err != nil || d < 100*time.Millisecond || d > time.Hour {
			bad("DATELINE_POPULAR_REFRESH", "%q must be a duration from 100ms to 1h, such as 1m", c.popularRaw)
		} else {
			c.PopularRefresh = d
		}
	}
	c.ShutdownTimeout = 15 * time.Second
	if c.shutdownRaw != "" {
		d, err := time.ParseDuration(c.shutdownRaw)
		if err != nil || d < time.Second || d > 10*time.Minute {
			bad("DATELINE_SHUTDOWN_TIMEOUT", "%q must be a duration from 1s to 10m, such as 15s", c.shutdownRaw)
		} else {
			c.ShutdownTimeout = d
		}
	}
	if c.editionsRaw == "" {
		c.editionsRaw = Defaults().editionsRaw
	}
	if eds, err := news.NewEditions(strings.Split(c.editionsRaw, ",")); err != nil {
		bad("DATELINE_EDITIONS", "%v; write languages such as en,si,ta with the root edition first", err)
	} else {
		c.Editions = eds
	}
	if n, err := parseBytes(c.pageCacheRaw); err != nil || (n != 0 && n < 1<<20) || n > 64<<30 {
		bad("DATELINE_PAGE_CACHE", "%q must be 0 (off) or a size from 1MB to 64GB, such as 64MB", c.pageCacheRaw)
	} else {
		c.PageCacheBytes = n
	}
	if c.MetricsAddr != "" {
		if _, port, err := net.SplitHostPort(c.MetricsAddr); err != nil || port == "" {
			bad("DATELINE_METRICS_ADDR", "%q is not a listen address such as 127.0.0.1:9100", c.MetricsAddr)
		} else if c.MetricsAddr == c.Addr && port != "0" {
			bad("DATELINE_METRICS_ADDR", "%q is the public address (DATELINE_ADDR); give metrics an address of their own", c.MetricsAddr)
		}
	}
	// The token is only ever read from the environment, never a flag, so
	// it does not show in the process list.
	if c.MetricsToken != "" && (len(c.MetricsToken) < 16 || strings.ContainsAny(c.MetricsToken, " \t\r\n")) {
		bad("DATELINE_METRICS_TOKEN", "must be at least 16 characters without spaces (a random string, such as the output of openssl rand -hex 24)")
	}
	c.DBMaxConns = defaultDBMaxConns
	if c.dbMaxConnsRaw != "" {
		// One connection of the pool is held by the page-change LISTEN;
		// below four, a few slow requests would queue every other one.
		n, err := strconv.Atoi(c.dbMaxConnsRaw)
		if err != nil || n < 4 || n > 1000 {
			bad("DATELINE_DB_MAX_CONNS", "%q must be a whole number of connections from 4 to 1000, such as 20; "+
				"keep nodes × (it + 1) below PostgreSQL's max_connections", c.dbMaxConnsRaw)
		} else {
			c.DBMaxConns = n
		}
	}
	c.TrustedProxies = nil
	for _, part := range strings.Split(c.trustedRaw, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			a, aerr := netip.ParseAddr(part)
			if aerr != nil {
				bad("DATELINE_TRUSTED_PROXIES", "%q is not an address or CIDR such as 10.0.0.0/8", part)
				continue
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		c.TrustedProxies = append(c.TrustedProxies, p.Masked())
	}
	return errors.Join(errs...)
}

func defaultBaseURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://localhost:8080"
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// HTTPS reports whether the public base URL is https. It is the operator's
// word that readers reach the site over TLS, even when a proxy in front
// speaks plain HTTP to this process: cookies are then marked Secure and
// responses carry Strict-Transport-Security.
func (c Config) HTTPS() bool {
	u, err := url.Parse(c.BaseURL)
	return err == nil && u.Scheme == "https" // url.Parse lower-cases the scheme
}

// Engine names the storage engine this configuration selects.
func (c Config) Engine() string {
	if c.DatabaseURL != "" {
		return "postgres"
	}
	return "sqlite"
}

// parseBytes reads a size such as "64MB", "512KB", "1GB" or a plain number of
// bytes; units are powers of 1024.
func parseBytes(s string) (int64, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("not a size")
	}
	return n * mult, nil
}
