package vulncheck

import (
	"slices"
	"strings"
	"testing"
)

// stream is shaped like govulncheck v1.9.0's -format json output for this
// module: config, SBOM and progress messages, OSV entries, and findings at
// module, package and symbol level, with one vulnerability reached twice and
// one in a dependency whose OSV entry comes after its finding.
const stream = `{"config": {"protocol_version": "v1.0.0", "scanner_name": "govulncheck", "scanner_version": "v1.9.0",
  "db": "file:///root/.cache/dateline/vulndb-x", "db_last_modified": "0001-01-01T00:00:00Z",
  "go_version": "go1.26.8", "scan_level": "symbol", "scan_mode": "source"}}
{"SBOM": {"go_version": "go1.26.8", "modules": [{"path": "dateline"}, {"path": "golang.org/x/net", "version": "v0.62.0"}]}}
{"progress": {"message": "Fetching vulnerabilities from the database..."}}
{"osv": {"schema_version": "1.3.1", "id": "GO-2026-6809", "summary": "Distrust compromised intermediate certificates in crypto/x509",
  "affected": [{"package": {"name": "stdlib", "ecosystem": "Go"}}]}}
{"osv": {"id": "GO-2026-6604", "summary": "Symlink race in os"}}
{"progress": {"message": "Checking the code against the vulnerabilities..."}}
{"finding": {"osv": "GO-2026-6809", "fixed_version": "v1.26.10", "trace": [{"module": "stdlib", "version": "v1.26.8"}]}}
{"finding": {"osv": "GO-2026-6809", "fixed_version": "v1.26.10", "trace": [{"module": "stdlib", "version": "v1.26.8", "package": "crypto/x509"}]}}
{"finding": {"osv": "GO-2026-6604", "fixed_version": "v1.26.9", "trace": [{"module": "stdlib", "version": "v1.26.8", "package": "os"}]}}
{"finding": {"osv": "GO-2026-6809", "fixed_version": "v1.26.10", "trace": [
  {"module": "stdlib", "version": "v1.26.8", "package": "crypto/x509", "function": "Verify", "receiver": "*Certificate",
   "position": {"filename": "src/crypto/x509/verify.go", "line": 790, "column": 22}},
  {"module": "dateline", "package": "dateline/ui", "function": "Serve", "receiver": "Assets",
   "position": {"filename": "ui/embed.go", "line": 153, "column": 10}}]}}
{"finding": {"osv": "GO-2026-6809", "fixed_version": "v1.26.10", "trace": [
  {"module": "stdlib", "version": "v1.26.8", "package": "crypto/x509", "function": "Verify", "receiver": "*Certificate"},
  {"module": "dateline", "package": "dateline/bench/publishlag", "function": "main",
   "position": {"filename": "bench/publishlag/main.go", "line": 33, "column": 20}}]}}
{"finding": {"osv": "GO-2026-7001", "fixed_version": "v0.63.0", "trace": [
  {"module": "golang.org/x/net", "version": "v0.62.0", "package": "golang.org/x/net/html", "function": "Parse"},
  {"module": "github.com/microcosm-cc/bluemonday", "version": "v1.0.27", "package": "github.com/microcosm-cc/bluemonday", "function": "Sanitize", "receiver": "*Policy",
   "position": {"filename": "sanitize.go", "line": 120, "column": 3}},
  {"module": "dateline", "package": "dateline/internal/markup", "function": "Render",
   "position": {"filename": "internal/markup/markup.go", "line": 41, "column": 18}}]}}
{"osv": {"id": "GO-2026-7001", "summary": "Quadratic parsing in golang.org/x/net/html"}}
`

func TestParse(t *testing.T) {
	rep, err := Parse(strings.NewReader(stream))
	if err != nil {
		t.Fatal(err)
	}
	if rep.GoVersion != "go1.26.8" || rep.ScanLevel != "symbol" || rep.DB != "file:///root/.cache/dateline/vulndb-x" {
		t.Errorf("config: got %q %q %q", rep.GoVersion, rep.ScanLevel, rep.DB)
	}
	want := []Finding{
		{
			ID: "GO-2026-6809", Summary: "Distrust compromised intermediate certificates in crypto/x509",
			Module: "stdlib", Package: "crypto/x509", Version: "v1.26.8", FixedIn: "v1.26.10",
			Trace: "dateline/ui.(Assets).Serve (ui/embed.go:153:10) -> crypto/x509.(*Certificate).Verify",
		},
		{
			ID: "GO-2026-7001", Summary: "Quadratic parsing in golang.org/x/net/html",
			Module: "golang.org/x/net", Package: "golang.org/x/net/html", Version: "v0.62.0", FixedIn: "v0.63.0",
			Trace: "dateline/internal/markup.Render (internal/markup/markup.go:41:18) -> " +
				"github.com/microcosm-cc/bluemonday.(*Policy).Sanitize (sanitize.go:120:3) -> golang.org/x/net/html.Parse",
		},
	}
	// GO-2026-6604 is only imported, never called: govulncheck does not fail
	// on it, and neither do we.
	if !slices.Equal(rep.Findings, want) {
		t.Errorf("findings:\n got %+v\nwant %+v", rep.Findings, want)
	}
	if got := rep.Findings[0].Fix(); got != "needs Go 1.26.10 (the standard library is the toolchain's)" {
		t.Errorf("stdlib fix: %q", got)
	}
	if got := rep.Findings[1].Fix(); got != "go get golang.org/x/net@v0.63.0" {
		t.Errorf("module fix: %q", got)
	}
}

func TestParseRefusesWhatIsNotAScan(t *testing.T) {
	for name, in := range map[string]string{
		"empty":                "",
		"text output":          "=== Symbol Results ===\n\nNo vulnerabilities found.\n",
		"no config":            `{"progress": {"message": "Scanning your code..."}}`,
		"cut off mid-message":  `{"config": {"go_version": "go1.26.8"}} {"finding": {"osv": "GO-2026-6809", "tra`,
		"an error, not a scan": `govulncheck: loading packages: exit status 1`,
	} {
		if _, err := Parse(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestParseAccepted(t *testing.T) {
	got, err := ParseAccepted(strings.NewReader(`# header
GO-2026-6809 crypto/x509: fixed in Go 1.26.10, toolchain pinned at 1.26.8

   GO-2026-6617   net/http: fixed in Go 1.26.9   
GO-2026-6600	html/template: a tab after the ID
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got["GO-2026-6600"] != "html/template: a tab after the ID" || got["GO-2026-6809"] != "crypto/x509: fixed in Go 1.26.10, toolchain pinned at 1.26.8" ||
		got["GO-2026-6617"] != "net/http: fixed in Go 1.26.9" {
		t.Errorf("got %q", got)
	}

	for name, in := range map[string]string{
		"no reason":           "GO-2026-6809\n",
		"blank reason":        "GO-2026-6809    \n",
		"listed twice":        "GO-2026-6809 one\nGO-2026-6809 two\n",
		"a CVE, not a GO ID":  "CVE-2026-111943 crypto/x509\n",
		"a GHSA":              "GHSA-qcmw-8mm4-4p28 antrea\n",
		"lower case":          "go-2026-6809 crypto/x509\n",
		"short number":        "GO-2026-68 crypto/x509\n",
		"pattern, not an ID":  "GO-* everything\n",
		"comment mid-line ID": "GO-2026-6809# crypto/x509\n",
	} {
		if _, err := ParseAccepted(strings.NewReader(in)); err == nil {
			t.Errorf("%s: accepted %q", name, in)
		}
	}
}

func TestAcceptedFileParses(t *testing.T) {
	if _, err := Accepted(); err != nil {
		t.Fatalf("accepted.txt: %v", err)
	}
}

func TestJudge(t *testing.T) {
	x509 := Finding{ID: "GO-2026-6809", Module: Stdlib, Package: "crypto/x509"}
	http := Finding{ID: "GO-2026-6617", Module: Stdlib, Package: "net/http"}
	xnet := Finding{ID: "GO-2026-7001", Module: "golang.org/x/net", Package: "golang.org/x/net/html"}
	accepted := map[string]string{
		"GO-2026-6809": "fixed in Go 1.26.10",
		"GO-2026-7001": "a dependency: listing it must not hide it",
		"GO-2026-6599": "no longer reachable",
		"GO-2026-6600": "no longer reachable",
	}
	v := Judge([]Finding{x509, http, xnet}, accepted)
	if !slices.Equal(v.Accepted, []Finding{x509}) {
		t.Errorf("accepted: %v", v.Accepted)
	}
	if !slices.Equal(v.Open, []Finding{http, xnet}) {
		t.Errorf("open: %v", v.Open)
	}
	if !slices.Equal(v.Stale, []string{"GO-2026-6599", "GO-2026-6600"}) {
		t.Errorf("stale: %v", v.Stale)
	}

	if v := Judge(nil, nil); v.Open != nil || v.Accepted != nil || v.Stale != nil {
		t.Errorf("nothing found, nothing accepted: %+v", v)
	}
}
