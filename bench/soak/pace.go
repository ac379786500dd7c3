package main

import (
	"sync"
	"time"
)

// bucket mirrors one of the server's per-address token buckets on the
// client side, set a little below the server's rate, so the soak's readers
// never run into a limit a real reader would respect: an action the bucket
// refuses is replaced by another, never sent to be refused.
type bucket struct {
	mu     sync.Mutex
	rate   float64 // tokens a second
	burst  float64
	tokens float64
	last   time.Time
}

func newBucket(perMinute, burst float64) *bucket {
	return &bucket{rate: perMinute / 60, burst: burst, tokens: burst}
}

// take spends a token if one is there.
func (b *bucket) take(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.last.IsZero() {
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
