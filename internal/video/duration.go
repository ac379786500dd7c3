package video

import (
	"strconv"
	"strings"
	"time"
)

// maxDuration bounds ParseDuration; a bulletin or story video is far shorter,
// so anything longer is a typing mistake.
const maxDuration = 24 * time.Hour

// FormatDuration writes d as a player shows it: "0:07", "4:05", "1:02:03".
// Fractions of a second are dropped and negative durations show as "0:00".
func FormatDuration(d time.Duration) string {
	h, m, s := clock(d)
	if h > 0 {
		return strconv.FormatInt(h, 10) + ":" + twoDigits(m) + ":" + twoDigits(s)
	}
	return strconv.FormatInt(m, 10) + ":" + twoDigits(s)
}

// ISODuration writes d in ISO 8601 for JSON-LD: "PT4M5S", "PT1H2M3S",
// "PT0S". Fractions of a second are dropped and negatives written as PT0S.
func ISODuration(d time.Duration) string {
	h, m, s := clock(d)
	var b strings.Builder
	b.WriteString("PT")
	if h > 0 {
		b.WriteString(strconv.FormatInt(h, 10) + "H")
	}
	if m > 0 {
		b.WriteString(strconv.FormatInt(m, 10) + "M")
	}
	if s > 0 || h == 0 && m == 0 {
		b.WriteString(strconv.FormatInt(s, 10) + "S")
	}
	return b.String()
}

func clock(d time.Duration) (h, m, s int64) {
	if d < 0 {
		d = 0
	}
	total := int64(d / time.Second)
	return total / 3600, total / 60 % 60, total % 60
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// ParseDuration reads a duration as a producer types it: "4:05", "1:02:03",
// "245" (seconds) or "4m5s". Negative durations, durations over 24 hours and
// anything else are refused with an error wrapping ErrBadDuration whose
// message is a sentence for the producer.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, refuse(ErrBadDuration, "Enter a duration, like 4:05.")
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		return 0, refuse(ErrBadDuration, "A duration cannot be negative.")
	}
	var d time.Duration
	var ok bool
	if strings.Contains(s, ":") {
		d, ok = parseClock(s)
	} else {
		d, ok = parseUnits(s)
	}
	if !ok {
		return 0, refuse(ErrBadDuration, "The duration %s is not valid; write it like 4:05, 1:02:03, 245 (seconds) or 4m5s.", quote(s))
	}
	if d > maxDuration {
		return 0, refuse(ErrBadDuration, "The duration %s is longer than 24 hours; check it.", quote(s))
	}
	return d, nil
}

// parseClock reads "m:ss" and "h:mm:ss". The first part may be as large as
// needed ("75:00"), the others have two digits and are under 60.
func parseClock(s string) (time.Duration, bool) {
	parts := strings.Split(s, ":")
	if len(parts) != 2 && len(parts) != 3 {
		return 0, false
	}
	var total int64
	for i, p := range parts {
		n, ok := smallNumber(p)
		if !ok || i > 0 && (len(p) != 2 || n > 59) {
			return 0, false
		}
		total = total*60 + n
	}
	return time.Duration(total) * time.Second, true
}

// parseUnits reads whole seconds ("90") or hours, minutes and seconds with
// their units, largest first, each at most once ("90s", "1m30s", "1h2m3s").
// It is shared by ParseDuration and the start times in video links.
func parseUnits(s string) (time.Duration, bool) {
	if s == "" {
		return 0, false
	}
	if n, ok := smallNumber(s); ok {
		return time.Duration(n) * time.Second, true
	}
	var total int64
	next := 0 // index into "hms" of the smallest unit still allowed
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == len(s) {
			return 0, false // a number without a unit after a unit: "1m30"
		}
		n, ok := smallNumber(s[:i])
		if !ok {
			return 0, false
		}
		u := strings.IndexByte("hms", s[i]|0x20) // |0x20 lower-cases ASCII letters
		if u < next {
			return 0, false
		}
		total += n * [...]int64{3600, 60, 1}[u]
		next = u + 1
		s = s[i+1:]
	}
	return time.Duration(total) * time.Second, true
}

// smallNumber parses a run of 1 to 6 ASCII digits; the cap keeps every sum
// far from overflow while allowing "86400" seconds or "1440m".
func smallNumber(s string) (int64, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	var n int64
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}
