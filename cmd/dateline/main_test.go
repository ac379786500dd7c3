package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/store/storetest"
)

// lockedBuffer lets the test read what serve prints while it runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestBadConfigurationStopsStartup(t *testing.T) {
	for name, env := range map[string]map[string]string{
		"DATELINE_TIMEZONE": {"DATELINE_TIMEZONE": "Atlantis/Capital"},
		"DATELINE_ADDR":     {"DATELINE_ADDR": "not-an-address"},
		"DATELINE_BASE_URL": {"DATELINE_BASE_URL": "/relative"},
		"DATABASE_URL":      {"DATABASE_URL": "sqlite:///tmp/x.db"},
	} {
		err := run(context.Background(), []string{"serve", "--data-dir", t.TempDir()}, envOf(env), io.Discard)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v does not name the variable", name, err)
		}
	}
	if err := run(context.Background(), []string{"frobnicate"}, envOf(nil), io.Discard); err == nil {
		t.Error("unknown command accepted")
	}
}

// TestServeDemoAndMigrate starts `dateline serve --demo` on each engine,
// reads the front page and the API over HTTP, stops it as a signal would, and
// runs `dateline migrate` against the same database.
func TestServeDemoAndMigrate(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			opts := storetest.Options(t, engine)
			env := envOf(map[string]string{"DATABASE_URL": opts.DatabaseURL, "DATELINE_DATA_DIR": opts.DataDir, "DATELINE_ADDR": "127.0.0.1:0"})
			ctx, cancel := context.WithCancel(context.Background())
			out := &lockedBuffer{}
			done := make(chan error, 1)
			go func() { done <- run(ctx, []string{"serve", "--demo"}, env, out) }()

			addr := regexp.MustCompile(`on (127\.0\.0\.1:\d+)`)
			var base string
			for deadline := time.Now().Add(60 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				if m := addr.FindStringSubmatch(out.String()); m != nil {
					base = "http://" + m[1]
				}
				select {
				case err := <-done:
					t.Fatalf("serve stopped early: %v\n%s", err, out.String())
				default:
				}
			}
			if base == "" {
				t.Fatalf("serve did not report its address:\n%s", out.String())
			}
			for path, want := range map[string]string{
				"/":                           "Most Viewed",
				"/section/business":           "Business",
				"/api/v1/articles?per_page=1": `"total":36`,
				"/healthz":                    `"status":"ok"`,
			} {
				resp, err := http.Get(base + path)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
					t.Errorf("GET %s: %d, want 200 with %q", path, resp.StatusCode, want)
				}
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

			var migrated bytes.Buffer
			if err := run(context.Background(), []string{"migrate"}, env, &migrated); err != nil {
				t.Fatal(err)
			}
			// The newest version is the number of migration files; counting
			// them keeps this test true as migrations are added.
			files, err := os.ReadDir(filepath.Join("..", "..", "internal", "store", "migrations", engine))
			if err != nil {
				t.Fatal(err)
			}
			if want := fmt.Sprintf("schema version %d\n", len(files)); !strings.HasSuffix(migrated.String(), want) {
				t.Errorf("migrate printed %q, want it to end %q", migrated.String(), want)
			}
		})
	}
}
