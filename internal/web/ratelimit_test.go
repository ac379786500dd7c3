package web

import (
	"testing"
	"time"
)

func TestLimiterRefillsAndStaysBounded(t *testing.T) {
	l := NewLimiter(60, 3, 2)
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	l.now = func() time.Time { return now }
	for i := range 3 {
		if !l.Allow("a") {
			t.Fatalf("request %d refused within the burst", i)
		}
	}
	if l.Allow("a") {
		t.Fatal("fourth request in the same instant allowed")
	}
	now = now.Add(time.Second)
	if !l.Allow("a") {
		t.Fatal("a second later one token should have returned")
	}
	if !l.Allow("b") {
		t.Fatal("second key refused")
	}
	if l.Allow("c") {
		t.Fatal("a third key was tracked beyond maxKeys while the others are active")
	}
	now = now.Add(time.Minute)
	if !l.Allow("c") {
		t.Fatal("after the others refilled, a new key should be accepted")
	}
}
