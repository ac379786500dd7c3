package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"sync"
	"time"
)

// recorder keeps every request's latency and outcome per endpoint.
type recorder struct {
	mu     sync.Mutex
	series map[string]*series
}

type series struct {
	latencies []time.Duration
	errors    int
	limited   int    // 429s, which the soak's pacing should prevent
	lastError string // the most recent, to say what went wrong
}

func newRecorder() *recorder { return &recorder{series: map[string]*series{}} }

// observe records one request. problem is "" for an expected answer.
func (r *recorder) observe(endpoint string, d time.Duration, status int, problem string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.series[endpoint]
	if s == nil {
		s = &series{}
		r.series[endpoint] = s
	}
	s.latencies = append(s.latencies, d)
	if problem != "" {
		s.errors++
		s.lastError = problem
		if status == 429 {
			s.limited++
		}
	}
}

// percentile returns the p-th percentile (0 < p <= 1) of sorted latencies,
// by the nearest-rank method.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(p*float64(len(sorted)) + 0.999999999)
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// totals returns how many requests were made and how many went wrong.
func (r *recorder) totals() (requests, errors int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.series {
		requests += len(s.latencies)
		errors += s.errors
	}
	return requests, errors
}

// report prints one line per endpoint: count, errors, p50 and p99, and the
// last error of each endpoint that had any.
func (r *recorder) report(w io.Writer, elapsed time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := make([]string, 0, len(r.series))
	for n := range r.series {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "%-46s %8s %7s %7s %9s %9s %9s\n", "endpoint", "count", "per s", "errors", "p50 ms", "p99 ms", "max ms")
	for _, n := range names {
		s := r.series[n]
		lat := slices.Clone(s.latencies)
		slices.Sort(lat)
		fmt.Fprintf(w, "%-46s %8d %7.1f %7d %9.1f %9.1f %9.1f\n", n, len(lat), float64(len(lat))/elapsed.Seconds(), s.errors,
			ms(percentile(lat, 0.50)), ms(percentile(lat, 0.99)), ms(percentile(lat, 1)))
	}
	for _, n := range names {
		if s := r.series[n]; s.errors > 0 {
			fmt.Fprintf(w, "  %s: %d errors (%d were 429), last: %s\n", n, s.errors, s.limited, s.lastError)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
