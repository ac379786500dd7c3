package popularity

import (
	"testing"
	"time"
)

func TestParseWindow(t *testing.T) {
	tests := []struct {
		in   string
		want Window
		ok   bool
	}{
		{"24h", Day, true},
		{"7d", Week, true},
		{"30d", Month, true},
		{"", "", false},
		{"1d", "", false},
		{"24H", "", false},
		{"week", "", false},
		{"7d;DROP TABLE views", "", false},
	}
	for _, tt := range tests {
		got, err := ParseWindow(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseWindow(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestWindowSince(t *testing.T) {
	loc := colombo(t)
	tests := []struct {
		w    Window
		now  time.Time
		want time.Time
		dur  time.Duration
	}{
		{Day, time.Date(2026, 5, 3, 14, 35, 0, 0, time.UTC), time.Date(2026, 5, 2, 14, 0, 0, 0, time.UTC), 24 * time.Hour},
		{Day, time.Date(2026, 5, 3, 14, 0, 0, 0, time.UTC), time.Date(2026, 5, 2, 14, 0, 0, 0, time.UTC), 24 * time.Hour},
		// 20:05 in Colombo is 14:35 UTC; buckets are UTC hours.
		{Day, time.Date(2026, 5, 3, 20, 5, 0, 0, loc), time.Date(2026, 5, 2, 14, 0, 0, 0, time.UTC), 24 * time.Hour},
		{Week, time.Date(2026, 5, 3, 0, 10, 0, 0, time.UTC), time.Date(2026, 4, 26, 0, 0, 0, 0, time.UTC), 7 * 24 * time.Hour},
		{Month, time.Date(2026, 3, 1, 9, 59, 0, 0, time.UTC), time.Date(2026, 1, 30, 9, 0, 0, 0, time.UTC), 30 * 24 * time.Hour},
		{"1y", time.Date(2026, 3, 1, 9, 59, 0, 0, time.UTC), time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), 0},
	}
	for _, tt := range tests {
		if d := tt.w.Duration(); d != tt.dur {
			t.Errorf("%q.Duration() = %v, want %v", tt.w, d, tt.dur)
		}
		got := tt.w.Since(tt.now)
		if !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("%q.Since(%v) = %v, want %v", tt.w, tt.now, got, tt.want)
		}
		// The window never covers less than its duration.
		if tt.now.Sub(got) < tt.dur {
			t.Errorf("%q.Since(%v) covers only %v", tt.w, tt.now, tt.now.Sub(got))
		}
	}
}
