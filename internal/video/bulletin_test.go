package video

import (
	"testing"
	"time"
	_ "time/tzdata"
)

func TestEpisodeTitle(t *testing.T) {
	colombo, err := time.LoadLocation("Asia/Colombo")
	if err != nil {
		t.Fatal(err)
	}
	aired := time.Date(2023, 9, 22, 20, 0, 0, 0, colombo)
	cases := []struct {
		programme, slot string
		date            time.Time
		want            string
	}{
		{"News in Brief", "Prime Time", aired, "NEWS IN BRIEF | PRIME TIME | 2023.09.22"},
		{"News in Brief", "", aired, "NEWS IN BRIEF | 2023.09.22"},
		{"  News   in Brief ", " \t ", aired, "NEWS IN BRIEF | 2023.09.22"},
		{"පුවත්", "Prime Time", aired, "පුවත් | PRIME TIME | 2023.09.22"},
		{"පුවත් සංග්\u200dරහය", "රාත්\u200dරී", aired, "පුවත් සංග්\u200dරහය | රාත්\u200dරී | 2023.09.22"},
		{"செய்திகள்", "Morning", aired, "செய்திகள் | MORNING | 2023.09.22"},
		{"Newsfirst පුවත්", "", aired, "NEWSFIRST පුවත් | 2023.09.22"},
		{"", "Prime Time", aired, "PRIME TIME | 2023.09.22"},
		{"News in Brief", "Prime Time", time.Time{}, "NEWS IN BRIEF | PRIME TIME"},
		// 20:00 in Colombo is 14:30 UTC: the date is read where the time says it is.
		{"Late News", "", time.Date(2023, 9, 22, 23, 30, 0, 0, colombo), "LATE NEWS | 2023.09.22"},
		{"Late News", "", time.Date(2023, 9, 22, 23, 30, 0, 0, colombo).UTC(), "LATE NEWS | 2023.09.22"},
		{"Early News", "", time.Date(2023, 9, 23, 1, 0, 0, 0, colombo).UTC(), "EARLY NEWS | 2023.09.22"},
		{"Early News", "", time.Date(2023, 9, 23, 1, 0, 0, 0, colombo), "EARLY NEWS | 2023.09.23"},
	}
	for _, tc := range cases {
		if got := EpisodeTitle(tc.programme, tc.slot, tc.date); got != tc.want {
			t.Errorf("EpisodeTitle(%q, %q, %v) = %q, want %q", tc.programme, tc.slot, tc.date, got, tc.want)
		}
	}
}

func TestLangLabel(t *testing.T) {
	cases := map[string]string{
		"en": "English", "si": "Sinhala", "ta": "Tamil",
		"EN": "English", " si ": "Sinhala", "ta-LK": "Tamil", "en-GB": "English",
		"": "", "fr": "", "sinhala": "", "e": "", "<script>": "",
	}
	for in, want := range cases {
		if got := LangLabel(in); got != want {
			t.Errorf("LangLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
