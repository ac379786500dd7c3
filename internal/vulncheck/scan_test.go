package vulncheck

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestModuleHasNoOpenVulnerabilities runs the pinned govulncheck over every
// package of the module against the database scripts/vulndb builds (the
// online one cannot be reached from our machines) and fails on each
// reachable vulnerability that accepted.txt does not list, and on each line
// of accepted.txt that is no longer reported.
func TestModuleHasNoOpenVulnerabilities(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the vulnerability scan (about a minute of CPU)")
	}
	root := moduleRoot(t)
	ctx := context.Background()
	if deadline, ok := t.Deadline(); ok {
		// Stop the tools in time to say which step was slow, rather than
		// letting the test binary's timeout panic.
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-30*time.Second))
		t.Cleanup(cancel)
	}

	db := buildDB(ctx, t, root)
	bin := installGovulncheck(ctx, t)
	dbURL := (&url.URL{Scheme: "file", Path: db}).String()

	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-db", dbURL, "-format", "json", "./...")
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("govulncheck: %v\n%s", err, stderr.Bytes())
	}
	rep, err := Parse(&stdout)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("govulncheck %s with %s against %s: %d reachable vulnerabilities (%s)",
		GovulncheckVersion, rep.GoVersion, rep.DB, len(rep.Findings), time.Since(start).Round(time.Second))
	if rep.DB != dbURL {
		t.Errorf("govulncheck read %q, want the local database %q", rep.DB, dbURL)
	}
	if rep.ScanLevel != "symbol" {
		t.Errorf("scan level %q: want %q, so that only vulnerabilities our code can reach count", rep.ScanLevel, "symbol")
	}

	accepted, err := Accepted()
	if err != nil {
		t.Fatalf("accepted.txt: %v", err)
	}
	v := Judge(rep.Findings, accepted)
	for _, f := range v.Accepted {
		t.Logf("accepted %s in %s: %s", f.ID, f.Package, f.Fix())
	}
	for _, f := range v.Open {
		t.Errorf("reachable vulnerability:\n%s", f)
	}
	for _, id := range v.Stale {
		t.Errorf("%s is listed in accepted.txt but govulncheck no longer finds it reachable: delete its line", id)
	}
}

// buildDB runs scripts/vulndb, which prints the database folder (building it
// on first use), and returns that folder.
func buildDB(ctx context.Context, t *testing.T, root string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(root, "scripts", "vulndb"))
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 3 {
		offline(t, "scripts/vulndb could not fetch golang.org/x/vulndb", stderr.Bytes())
	}
	if err != nil {
		t.Fatalf("scripts/vulndb: %v\n%s", err, stderr.Bytes())
	}
	db := strings.TrimSpace(stdout.String())
	if _, err := os.Stat(filepath.Join(db, "index", "db.json")); err != nil {
		t.Fatalf("scripts/vulndb printed %q, which holds no database: %v", db, err)
	}
	return db
}

// installGovulncheck builds the pinned govulncheck into a temporary folder.
// Installing it apart from running it tells a failed download (skipped
// outside CI) from a failed scan (always a failure).
func installGovulncheck(ctx context.Context, t *testing.T) string {
	t.Helper()
	bin := t.TempDir()
	cmd := exec.CommandContext(ctx, "go", "install", "golang.org/x/vuln/cmd/govulncheck@"+GovulncheckVersion)
	cmd.Env = append(os.Environ(), "GOBIN="+bin)
	if out, err := cmd.CombinedOutput(); err != nil {
		offline(t, "could not install golang.org/x/vuln/cmd/govulncheck@"+GovulncheckVersion, out)
	}
	return filepath.Join(bin, "govulncheck")
}

// offline stops the test when a module could not be fetched: a skip on a
// developer's machine without the module proxy, a failure under CI, where
// the scan must run.
func offline(t *testing.T, what string, detail []byte) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s under CI: the vulnerability scan must run\n%s", what, detail)
	}
	t.Skipf("%s (is the module proxy reachable?): skipping the vulnerability scan\n%s", what, detail)
}

// moduleRoot finds the folder of our go.mod above the test's folder. It
// reads go.mod and go.sum so that go test's cache, which records the files a
// test opens, reruns the scan when the dependencies change.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.ReadFile(filepath.Join(dir, "go.sum")); err != nil {
				t.Fatal(err)
			}
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}
