package web

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Limiter is a per-address token bucket for anonymous requests. A key that
// is an IP address counts by its AddressBlock, so a client cannot escape
// its limit by rotating through the addresses of its own IPv6 network. It
// lives in one process: with several nodes each enforces its own share,
// which still bounds what one address can do.
type Limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	maxKeys int
	buckets map[string]*bucket
	now     func() time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewLimiter allows perMinute requests a minute per key with bursts of burst,
// tracking at most maxKeys keys (memory stays bounded under a flood of
// addresses: full buckets are forgotten first).
func NewLimiter(perMinute, burst, maxKeys int) *Limiter {
	return &Limiter{rate: float64(perMinute) / 60, burst: float64(burst), maxKeys: maxKeys,
		buckets: map[string]*bucket{}, now: time.Now}
}

// Allow takes a token for key and reports whether one was available.
func (l *Limiter) Allow(key string) bool {
	ok, _ := l.Take(key)
	return ok
}

// Admit is Allow for a handler: when it refuses, it sets Retry-After on w,
// so every 429 an anonymous client gets says when to come back. The caller
// still returns its own 429.
func (l *Limiter) Admit(w http.ResponseWriter, key string) bool {
	ok, wait := l.Take(key)
	if !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	}
	return ok
}

// Take takes a token for key. When none is available it says how long
// until one is: never less than a second, the unit of Retry-After.
func (l *Limiter) Take(key string) (ok bool, wait time.Duration) {
	key = AddressBlock(key)
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.maxKeys {
			l.sweep(now)
		}
		if len(l.buckets) >= l.maxKeys {
			// Still full of active keys: refuse rather than grow, for as
			// long as one token takes to come back.
			return false, max(time.Second, time.Duration(float64(time.Second)/l.rate))
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false, max(time.Second, time.Duration((1-b.tokens)/l.rate*float64(time.Second)))
	}
	b.tokens--
	return true, 0
}

// sweep forgets keys whose buckets have refilled; they behave as new keys.
func (l *Limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}
