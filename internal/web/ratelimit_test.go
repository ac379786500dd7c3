package web

import (
	"net/http/httptest"
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

// TestLimiterSaysWhenToComeBack: a refusal carries the time until the next
// token, rounded up to whole seconds in Retry-After and never below one.
func TestLimiterSaysWhenToComeBack(t *testing.T) {
	l := NewLimiter(6, 2, 1) // a token every 10 seconds
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	l.now = func() time.Time { return now }
	for range 2 {
		if ok, _ := l.Take("a"); !ok {
			t.Fatal("refused within the burst")
		}
	}
	now = now.Add(2500 * time.Millisecond)
	w := httptest.NewRecorder()
	if l.Admit(w, "a") {
		t.Fatal("allowed beyond the burst")
	}
	if got := w.Header().Get("Retry-After"); got != "8" {
		t.Errorf("Retry-After %q, want 8 (7.5 seconds to the next token, rounded up)", got)
	}
	now = now.Add(7499 * time.Millisecond)
	w = httptest.NewRecorder()
	if l.Admit(w, "a") || w.Header().Get("Retry-After") != "1" {
		t.Errorf("a millisecond before the token: Retry-After %q, want 1", w.Header().Get("Retry-After"))
	}
	// A key refused because the table is full waits for one token's time.
	w = httptest.NewRecorder()
	if l.Admit(w, "b") || w.Header().Get("Retry-After") != "10" {
		t.Errorf("refused for a full table: Retry-After %q, want 10", w.Header().Get("Retry-After"))
	}
	now = now.Add(time.Millisecond)
	if w := httptest.NewRecorder(); !l.Admit(w, "a") || w.Header().Get("Retry-After") != "" {
		t.Errorf("the token is back: allowed=false or Retry-After %q", w.Header().Get("Retry-After"))
	}
}
