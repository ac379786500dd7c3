package moderation

// Segment is a piece of a comment for display: plain text (Rule "") or text
// a finding matched. Templates print Text as ordinary escaped text, so
// highlighting needs no raw HTML.
type Segment struct {
	Text string
	Rule Rule
}

// Highlight splits body at the spans of findings, for the moderator queue.
// Overlapping findings merge; where findings of different rules overlap, the
// more specific rule is shown. Findings without a span, or with offsets
// outside the body, are skipped. Joining the Text of every segment gives
// string([]rune(body)): the body, with any invalid UTF-8 as U+FFFD.
func Highlight(body string, findings []Finding) []Segment {
	runes := []rune(body)
	if len(runes) == 0 {
		return nil
	}
	paint := make([]Rule, len(runes))
	// Paint the broad rules first so the specific ones win where they
	// overlap: an obscene word still stands out in an all-capitals comment.
	for _, rule := range [...]Rule{AllCaps, Spam, DefamationRisk, OutsideLink, Obscene} {
		for _, f := range findings {
			if f.Rule != rule || f.Start < 0 || f.End > len(runes) || f.Start >= f.End {
				continue
			}
			for i := f.Start; i < f.End; i++ {
				paint[i] = rule
			}
		}
	}
	var out []Segment
	start := 0
	for i := 1; i <= len(runes); i++ {
		if i == len(runes) || paint[i] != paint[start] {
			out = append(out, Segment{Text: string(runes[start:i]), Rule: paint[start]})
			start = i
		}
	}
	return out
}
