package news

import "time"

// DatelineLayout is how the site shows an instant: "September 23, 2023 08:24 am".
const DatelineLayout = "January 2, 2006 03:04 pm"

// FormatDateline renders t in loc the way the article page shows it.
func FormatDateline(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(DatelineLayout)
}
