package video

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestFormatDuration(t *testing.T) {
	cases := []struct {
		d          time.Duration
		clock, iso string
	}{
		{4*time.Minute + 5*time.Second, "4:05", "PT4M5S"},
		{time.Hour + 2*time.Minute + 3*time.Second, "1:02:03", "PT1H2M3S"},
		{7 * time.Second, "0:07", "PT7S"},
		{0, "0:00", "PT0S"},
		{999 * time.Millisecond, "0:00", "PT0S"},
		{4*time.Minute + 5*time.Second + 900*time.Millisecond, "4:05", "PT4M5S"},
		{59*time.Minute + 59*time.Second, "59:59", "PT59M59S"},
		{time.Hour, "1:00:00", "PT1H"},
		{time.Hour + 5*time.Second, "1:00:05", "PT1H5S"},
		{10 * time.Minute, "10:00", "PT10M"},
		{25 * time.Hour, "25:00:00", "PT25H"},
		{-3 * time.Second, "0:00", "PT0S"},
	}
	for _, tc := range cases {
		if got := FormatDuration(tc.d); got != tc.clock {
			t.Errorf("FormatDuration(%v) = %q, want %q", tc.d, got, tc.clock)
		}
		if got := ISODuration(tc.d); got != tc.iso {
			t.Errorf("ISODuration(%v) = %q, want %q", tc.d, got, tc.iso)
		}
	}
}

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		err  string
	}{
		{in: "4:05", want: 4*time.Minute + 5*time.Second},
		{in: "1:02:03", want: time.Hour + 2*time.Minute + 3*time.Second},
		{in: "0:07", want: 7 * time.Second},
		{in: "245", want: 245 * time.Second},
		{in: "4m5s", want: 4*time.Minute + 5*time.Second},
		{in: "1h2m3s", want: time.Hour + 2*time.Minute + 3*time.Second},
		{in: "90s", want: 90 * time.Second},
		{in: "2m", want: 2 * time.Minute},
		{in: "1H30M", want: 90 * time.Minute},
		{in: " 4:05 ", want: 4*time.Minute + 5*time.Second},
		{in: "75:00", want: 75 * time.Minute},
		{in: "0", want: 0},
		{in: "24:00:00", want: 24 * time.Hour},
		{in: "86400", want: 24 * time.Hour},
		{in: "", err: "Enter a duration"},
		{in: "   ", err: "Enter a duration"},
		{in: "-4:05", err: "A duration cannot be negative."},
		{in: "-5", err: "cannot be negative"},
		{in: "−5", err: "cannot be negative"},
		{in: "24:00:01", err: "longer than 24 hours"},
		{in: "25h", err: "longer than 24 hours"},
		{in: "999999", err: "longer than 24 hours"},
		{in: "9999999999999999999", err: "is not valid"},
		{in: "4:5", err: "is not valid"},
		{in: "4:60", err: "is not valid"},
		{in: "1:60:00", err: "is not valid"},
		{in: "1:2:3:4", err: "is not valid"},
		{in: ":05", err: "is not valid"},
		{in: "4:", err: "is not valid"},
		{in: "4.5", err: "is not valid"},
		{in: "1.5h", err: "is not valid"},
		{in: "4m5", err: "is not valid"},
		{in: "5s4m", err: "is not valid"},
		{in: "4m4m", err: "is not valid"},
		{in: "300ms", err: "is not valid"},
		{in: "four minutes", err: "is not valid"},
		{in: "4:05; DROP TABLE videos", err: "is not valid"},
		{in: "٤:٠٥", err: "is not valid"},
	}
	for _, tc := range cases {
		got, err := ParseDuration(tc.in)
		if tc.err != "" {
			if err == nil {
				t.Errorf("ParseDuration(%q) = %v, want error", tc.in, got)
				continue
			}
			if !strings.Contains(err.Error(), tc.err) || !errors.Is(err, ErrBadDuration) {
				t.Errorf("ParseDuration(%q) error %q, want %q wrapping ErrBadDuration", tc.in, err, tc.err)
			}
			checkSentence(t, err.Error())
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

// Whatever FormatDuration writes, ParseDuration reads back.
func TestDurationRoundTrip(t *testing.T) {
	for _, d := range []time.Duration{0, 7 * time.Second, 245 * time.Second, 3723 * time.Second, 24 * time.Hour} {
		got, err := ParseDuration(FormatDuration(d))
		if err != nil || got != d {
			t.Errorf("round trip of %v: %v, %v", d, got, err)
		}
	}
}
