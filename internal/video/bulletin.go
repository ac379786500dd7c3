package video

import (
	"strings"
	"time"
)

// LangLabel names a bulletin's language for readers: "en" is "English", "si"
// "Sinhala", "ta" "Tamil". Case and a region ("en-GB") do not matter; other
// languages give "".
func LangLabel(lang string) string {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(lang)), "-")
	switch primary {
	case "en":
		return "English"
	case "si":
		return "Sinhala"
	case "ta":
		return "Tamil"
	}
	return ""
}

// EpisodeTitle builds a bulletin's display title: the programme and slot
// names upper-cased and the air date as YYYY.MM.DD, joined by " | ":
// EpisodeTitle("News in Brief", "Prime Time", date) is
// "NEWS IN BRIEF | PRIME TIME | 2023.09.22". An empty programme or slot is
// left out, and so is a zero date. The date is read in airDate's own location,
// so pass it in the newsroom's time zone. Runs of spaces are collapsed;
// scripts without case, such as Sinhala and Tamil, are left as they are.
func EpisodeTitle(programme, slot string, airDate time.Time) string {
	var parts []string
	for _, name := range []string{programme, slot} {
		if name = strings.Join(strings.Fields(name), " "); name != "" {
			parts = append(parts, strings.ToUpper(name))
		}
	}
	if !airDate.IsZero() {
		parts = append(parts, airDate.Format("2006.01.02"))
	}
	return strings.Join(parts, " | ")
}
