package i18n

import (
	"testing"
	"time"
)

// TestDatesInEachLanguage formats instants given in UTC, so each case also
// checks that the site's zone (Asia/Colombo, UTC+05:30) is applied: a few
// fall on another day there than in UTC. Midnight is 12 am and noon 12 pm.
func TestDatesInEachLanguage(t *testing.T) {
	b := load(t)
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name                 string
		when                 time.Time
		lang                 string
		dateline, long, shrt string
	}{
		{"morning", at("2023-09-23T02:54:00Z"), "en",
			"September 23, 2023 08:24 am", "Saturday, September 23, 2023", "Sep 23, 08:24 am"},
		{"morning", at("2023-09-23T02:54:00Z"), "si",
			"2023 සැප්තැම්බර් 23, පෙ.ව. 08:24", "2023 සැප්තැම්බර් 23, සෙනසුරාදා", "සැප් 23, පෙ.ව. 08:24"},
		{"morning", at("2023-09-23T02:54:00Z"), "ta",
			"23 செப்டம்பர், 2023 முற்பகல் 08:24", "சனி, 23 செப்டம்பர், 2023", "23 செப்., முற்பகல் 08:24"},

		{"just after midnight, still the old year in UTC", at("2023-12-31T18:35:00Z"), "en",
			"January 1, 2024 12:05 am", "Monday, January 1, 2024", "Jan 1, 12:05 am"},
		{"just after midnight, still the old year in UTC", at("2023-12-31T18:35:00Z"), "si",
			"2024 ජනවාරි 1, පෙ.ව. 12:05", "2024 ජනවාරි 1, සඳුදා", "ජන 1, පෙ.ව. 12:05"},
		{"just after midnight, still the old year in UTC", at("2023-12-31T18:35:00Z"), "ta",
			"1 ஜனவரி, 2024 முற்பகல் 12:05", "திங்கள், 1 ஜனவரி, 2024", "1 ஜன., முற்பகல் 12:05"},

		{"half past noon", at("2024-04-17T07:00:00Z"), "en",
			"April 17, 2024 12:30 pm", "Wednesday, April 17, 2024", "Apr 17, 12:30 pm"},
		{"half past noon", at("2024-04-17T07:00:00Z"), "si",
			"2024 අප\u0dca\u200dරේල් 17, ප.ව. 12:30", "2024 අප\u0dca\u200dරේල් 17, බදාදා", "අප\u0dca\u200dරේල් 17, ප.ව. 12:30"},
		{"half past noon", at("2024-04-17T07:00:00Z"), "ta",
			"17 ஏப்ரல், 2024 பிற்பகல் 12:30", "புதன், 17 ஏப்ரல், 2024", "17 ஏப்., பிற்பகல் 12:30"},

		{"11:59 pm on a Thursday", at("2026-11-26T18:29:00Z"), "en",
			"November 26, 2026 11:59 pm", "Thursday, November 26, 2026", "Nov 26, 11:59 pm"},
		{"11:59 pm on a Thursday", at("2026-11-26T18:29:00Z"), "si",
			"2026 නොවැම්බර් 26, ප.ව. 11:59", "2026 නොවැම්බර් 26, බ\u0dca\u200dරහස්පතින්දා", "නොවැ 26, ප.ව. 11:59"},
		{"11:59 pm on a Thursday", at("2026-11-26T18:29:00Z"), "ta",
			"26 நவம்பர், 2026 பிற்பகல் 11:59", "வியாழன், 26 நவம்பர், 2026", "26 நவ., பிற்பகல் 11:59"},

		{"leap day in UTC, March in Colombo", at("2024-02-29T20:00:00Z"), "en",
			"March 1, 2024 01:30 am", "Friday, March 1, 2024", "Mar 1, 01:30 am"},
		{"leap day in UTC, March in Colombo", at("2024-02-29T20:00:00Z"), "si",
			"2024 මාර්තු 1, පෙ.ව. 01:30", "2024 මාර්තු 1, සිකුරාදා", "මාර්තු 1, පෙ.ව. 01:30"},
		{"leap day in UTC, March in Colombo", at("2024-02-29T20:00:00Z"), "ta",
			"1 மார்ச், 2024 முற்பகல் 01:30", "வெள்ளி, 1 மார்ச், 2024", "1 மார்., முற்பகல் 01:30"},
	}
	for _, tc := range cases {
		c := b.Get(tc.lang)
		if got := c.Dateline(tc.when); got != tc.dateline {
			t.Errorf("%s, %s: Dateline = %q, want %q", tc.name, tc.lang, got, tc.dateline)
		}
		if got := c.LongDate(tc.when); got != tc.long {
			t.Errorf("%s, %s: LongDate = %q, want %q", tc.name, tc.lang, got, tc.long)
		}
		if got := c.ShortDate(tc.when); got != tc.shrt {
			t.Errorf("%s, %s: ShortDate = %q, want %q", tc.name, tc.lang, got, tc.shrt)
		}
	}
}

func TestDateWithoutTime(t *testing.T) {
	b := load(t)
	aired := time.Date(2023, 9, 22, 0, 0, 0, 0, colombo(t))
	for lang, want := range map[string]string{"en": "September 22, 2023", "si": "2023 සැප්තැම්බර් 22", "ta": "22 செப்டம்பர், 2023"} {
		if got := b.Get(lang).Date(aired); got != want {
			t.Errorf("%s: Date = %q, want %q", lang, got, want)
		}
	}
}

func TestZeroTimeIsBlank(t *testing.T) {
	b := load(t)
	for _, l := range b.Langs() {
		c := b.Get(l)
		var zero time.Time
		if got := c.Dateline(zero) + c.LongDate(zero) + c.ShortDate(zero) + c.Date(zero); got != "" {
			t.Errorf("%s: the zero time gives %q, want nothing", l, got)
		}
	}
}

// TestEnglishMatchesTheGoLayouts: the English site has always written dates
// with Go's layouts; every hour of a year's worth of days must come out the
// same, so pages, feeds and tests that compare with the layouts agree.
func TestEnglishMatchesTheGoLayouts(t *testing.T) {
	loc := colombo(t)
	en := load(t).Get("en")
	start := time.Date(2025, 1, 1, 0, 7, 0, 0, time.UTC)
	for h := 0; h < 366*24; h += 7 {
		when := start.Add(time.Duration(h) * time.Hour)
		local := when.In(loc)
		for _, c := range []struct{ got, layout string }{
			{en.Dateline(when), "January 2, 2006 03:04 pm"},
			{en.LongDate(when), "Monday, January 2, 2006"},
			{en.ShortDate(when), "Jan 2, 03:04 pm"},
			{en.Date(when), "January 2, 2006"},
		} {
			if want := local.Format(c.layout); c.got != want {
				t.Fatalf("%s: got %q, want %q (layout %q)", when, c.got, want, c.layout)
			}
		}
	}
}
