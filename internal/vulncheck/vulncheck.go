// Package vulncheck reads what govulncheck reports about Dateline and weighs
// it against the findings we have accepted (accepted.txt). Its test runs
// govulncheck over the whole module against the vulnerability database that
// scripts/vulndb builds from golang.org/x/vulndb, and fails on any reachable
// vulnerability that is not accepted.
package vulncheck

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// GovulncheckVersion is the pinned golang.org/x/vuln release whose
// cmd/govulncheck the test runs. Bump it by hand: a newer scanner can report
// more.
const GovulncheckVersion = "v1.9.0"

// Stdlib is the module name govulncheck gives the Go standard library.
const Stdlib = "stdlib"

// Report is what one govulncheck run found.
type Report struct {
	GoVersion string // the toolchain govulncheck scanned with, e.g. "go1.26.8"
	DB        string // the database it read
	ScanLevel string // "symbol" when call graphs were checked
	// Findings holds one entry per vulnerability that our code can reach
	// (a symbol-level finding), in the order first reported.
	Findings []Finding
}

// Finding is one vulnerability reachable from our code.
type Finding struct {
	ID      string // "GO-2026-6809"
	Summary string
	Module  string // Stdlib or a module path
	Package string // the vulnerable package
	Version string // the version in use, "v1.26.8" for the standard library
	FixedIn string // the first fixed version, empty when none is known
	Trace   string // one call path from our code to the vulnerable symbol
}

// Fix says what removes the finding.
func (f Finding) Fix() string {
	switch {
	case f.FixedIn == "":
		return "no fixed version is known"
	case f.Module == Stdlib:
		return "needs Go " + strings.TrimPrefix(f.FixedIn, "v") + " (the standard library is the toolchain's)"
	default:
		return "go get " + f.Module + "@" + f.FixedIn
	}
}

func (f Finding) String() string {
	return fmt.Sprintf("%s %s: %s\n    in %s@%s; %s\n    %s",
		f.ID, f.Package, f.Summary, f.Module, f.Version, f.Fix(), f.Trace)
}

// frame is one step of a govulncheck trace.
type frame struct {
	Module   string `json:"module"`
	Version  string `json:"version"`
	Package  string `json:"package"`
	Function string `json:"function"`
	Receiver string `json:"receiver"`
	Position *struct {
		Filename string `json:"filename"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
	} `json:"position"`
}

func (f frame) String() string {
	name := f.Package + "." + f.Function
	if f.Receiver != "" {
		name = f.Package + ".(" + f.Receiver + ")." + f.Function
	}
	return name
}

// message is one value of govulncheck's -format json stream; exactly one
// field is set. Only the fields we use are decoded.
type message struct {
	Config *struct {
		GoVersion string `json:"go_version"`
		DB        string `json:"db"`
		ScanLevel string `json:"scan_level"`
	} `json:"config"`
	OSV *struct {
		ID      string `json:"id"`
		Summary string `json:"summary"`
	} `json:"osv"`
	Finding *struct {
		OSV          string  `json:"osv"`
		FixedVersion string  `json:"fixed_version"`
		Trace        []frame `json:"trace"`
	} `json:"finding"`
}

// Parse reads the stream that govulncheck -format json writes. A finding at
// module or package level only (the code imports the package but never calls
// the vulnerable symbol) is not kept: govulncheck itself does not fail on it.
func Parse(r io.Reader) (Report, error) {
	var rep Report
	seenConfig := false
	summaries := map[string]string{}
	index := map[string]int{}
	dec := json.NewDecoder(r)
	for {
		var m message
		err := dec.Decode(&m)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Report{}, fmt.Errorf("govulncheck output: %w", err)
		}
		switch {
		case m.Config != nil:
			seenConfig = true
			rep.GoVersion, rep.DB, rep.ScanLevel = m.Config.GoVersion, m.Config.DB, m.Config.ScanLevel
		case m.OSV != nil:
			summaries[m.OSV.ID] = m.OSV.Summary
		case m.Finding != nil:
			tr := m.Finding.Trace
			if len(tr) == 0 || tr[0].Function == "" {
				continue
			}
			if _, dup := index[m.Finding.OSV]; dup {
				continue // one call path is enough to act on
			}
			index[m.Finding.OSV] = len(rep.Findings)
			rep.Findings = append(rep.Findings, Finding{
				ID:      m.Finding.OSV,
				Module:  tr[0].Module,
				Package: tr[0].Package,
				Version: tr[0].Version,
				FixedIn: m.Finding.FixedVersion,
				Trace:   describe(tr),
			})
		}
	}
	if !seenConfig {
		return Report{}, errors.New("govulncheck output has no config message: the scan did not run")
	}
	// OSV entries may come before or after their findings.
	for i := range rep.Findings {
		rep.Findings[i].Summary = summaries[rep.Findings[i].ID]
	}
	return rep, nil
}

// describe writes a trace as "entry (file:line) -> ... -> vulnerable symbol".
// govulncheck lists the vulnerable symbol first and each frame's position is
// where that frame calls the one before it.
func describe(tr []frame) string {
	parts := make([]string, 0, len(tr))
	for _, f := range slices.Backward(tr) {
		s := f.String()
		if f.Position != nil && f.Module != Stdlib && f.Position.Filename != "" {
			s += fmt.Sprintf(" (%s:%d:%d)", f.Position.Filename, f.Position.Line, f.Position.Column)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " -> ")
}

//go:embed accepted.txt
var acceptedFile []byte

// Accepted returns the findings listed in accepted.txt, ID to reason.
func Accepted() (map[string]string, error) {
	return ParseAccepted(bytes.NewReader(acceptedFile))
}

var idPattern = regexp.MustCompile(`^GO-\d{4}-\d{4,}$`)

// ParseAccepted reads lines of an ID, white space and a reason; blank lines and lines starting
// with # are skipped. Every entry needs a reason, and an ID appears once.
func ParseAccepted(r io.Reader) (map[string]string, error) {
	out := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason := line, ""
		if i := strings.IndexFunc(line, unicode.IsSpace); i >= 0 {
			id, reason = line[:i], strings.TrimSpace(line[i:])
		}
		switch {
		case !idPattern.MatchString(id):
			return nil, fmt.Errorf("line %d: %q is not a Go vulnerability ID (GO-YYYY-NNNN)", n, id)
		case reason == "":
			return nil, fmt.Errorf("line %d: %s has no reason", n, id)
		case out[id] != "":
			return nil, fmt.Errorf("line %d: %s is listed twice", n, id)
		}
		out[id] = reason
	}
	return out, sc.Err()
}

// Verdict sorts a report's findings against the accepted list.
type Verdict struct {
	Open     []Finding // reachable and not accepted: these fail the check
	Accepted []Finding // reachable and accepted
	Stale    []string  // accepted IDs no longer reported: their lines should go
}

// Judge weighs findings against the accepted list. Only standard-library
// findings can be accepted: their fix is a newer Go toolchain, which these
// machines pin, while a dependency's fix is an upgrade we can always make.
func Judge(findings []Finding, accepted map[string]string) Verdict {
	var v Verdict
	reported := map[string]bool{}
	for _, f := range findings {
		reported[f.ID] = true
		if _, ok := accepted[f.ID]; ok && f.Module == Stdlib {
			v.Accepted = append(v.Accepted, f)
			continue
		}
		v.Open = append(v.Open, f)
	}
	for id := range accepted {
		if !reported[id] {
			v.Stale = append(v.Stale, id)
		}
	}
	slices.Sort(v.Stale)
	return v
}
