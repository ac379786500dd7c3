package web

import (
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Recover turns a panic in a handler into a 500 written by onErr, logging the
// stack; the client never sees it.
func Recover(next http.Handler, onErr ErrorWriter) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				slog.ErrorContext(r.Context(), "panic", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				if !rw.wrote {
					onErr(rw, r, http.StatusInternalServerError, "Something went wrong on our side. Please try again shortly.")
				}
			}
		}()
		next.ServeHTTP(rw, r)
	})
}

// Metrics counts requests and their durations by route pattern and status.
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
}

// NewMetrics registers the HTTP metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dateline_http_requests_total",
			Help: "HTTP requests served, by route pattern and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "dateline_http_request_duration_seconds",
			Help:    "Time to serve HTTP requests, by route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "dateline_http_requests_in_flight",
			Help: "HTTP requests being served now (a slow upload counts from its headers on).",
		}),
	}
	reg.MustRegister(m.requests, m.duration, m.inFlight)
	return m
}

// Wrap instruments next. The route label is the ServeMux pattern, never the
// raw path, so hostile URLs cannot grow the label set.
func (m *Metrics) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.inFlight.Inc()
		defer m.inFlight.Dec()
		rw, ok := w.(*statusWriter)
		if !ok {
			rw = &statusWriter{ResponseWriter: w}
		}
		next.ServeHTTP(rw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, strconv.Itoa(rw.Status())).Inc()
		m.duration.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

// statusWriter remembers the status written, for metrics and for knowing
// whether a panic can still be answered with an error page.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
	// drop, when set, is asked at the first write whether to throw the
	// whole response away (a body that timed out: the handler answered a
	// request it only half read); the caller then answers instead.
	drop    func() bool
	dropped bool
}

func (w *statusWriter) dropping() bool {
	if !w.wrote && !w.dropped && w.drop != nil && w.drop() {
		w.dropped = true
	}
	return w.dropped
}

func (w *statusWriter) WriteHeader(code int) {
	if w.dropping() {
		return
	}
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.dropping() {
		return len(b), nil
	}
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

// Status is the status code sent, 200 if none was set explicitly.
func (w *statusWriter) Status() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Logged logs each request at debug level with its status and duration.
func Logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(rw, r)
		// Asked first, so the cached path does not box four values per
		// request for a line that is usually off.
		if ctx := r.Context(); slog.Default().Enabled(ctx, slog.LevelDebug) {
			slog.DebugContext(ctx, "request", "method", r.Method, "path", r.URL.Path,
				"status", rw.Status(), "duration", time.Since(start))
		}
	})
}
