package web

import (
	"sync"
	"time"
)

// Limiter is a per-key token bucket for anonymous requests (keyed by client
// address). It lives in one process: with several nodes each enforces its
// own share, which still bounds what one address can do.
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
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.maxKeys {
			l.sweep(now)
		}
		if len(l.buckets) >= l.maxKeys {
			return false // still full of active keys: refuse rather than grow
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// sweep forgets keys whose buckets have refilled; they behave as new keys.
func (l *Limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}
