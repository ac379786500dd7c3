package popularity

import (
	"fmt"
	"time"
)

// Window is the stretch of time a ranked list covers, as named in URLs and
// the API.
type Window string

// The windows the lists are ranked over: Most Viewed uses Day, Most Viewed
// Video Stories uses Week.
const (
	Day   Window = "24h"
	Week  Window = "7d"
	Month Window = "30d"
)

// ParseWindow returns the Window named by s ("24h", "7d" or "30d"), or an
// error naming the ones it knows.
func ParseWindow(s string) (Window, error) {
	switch w := Window(s); w {
	case Day, Week, Month:
		return w, nil
	}
	return "", fmt.Errorf("popularity: unknown window %q (want 24h, 7d or 30d)", s)
}

// Duration returns the length of the window, or zero for an unknown one.
func (w Window) Duration() time.Duration {
	switch w {
	case Day:
		return 24 * time.Hour
	case Week:
		return 7 * 24 * time.Hour
	case Month:
		return 30 * 24 * time.Hour
	}
	return 0
}

// Since returns the first hour bucket included in the window ending at now:
// the bucket holding now minus the window's duration. A list therefore
// never covers less than its window; it covers up to an hour more, rather
// than losing most of an hour's views whenever the clock passes the hour.
// Buckets are UTC hours; the lists select hour >= Since(now).
func (w Window) Since(now time.Time) time.Time {
	return now.Add(-w.Duration()).UTC().Truncate(time.Hour)
}
