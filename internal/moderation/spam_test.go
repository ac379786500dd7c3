package moderation

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSpam(t *testing.T) {
	const typed = "I read the whole article and I think the minister is right about this."
	tests := []struct {
		name string
		in   Input
		want []string // matches of the spam rule, in order
	}{
		{"clean", Input{Body: typed, Elapsed: 90 * time.Second, RecentFromVisitor: 2}, nil},
		{"unknown time", Input{Body: typed}, nil},

		// signals the caller measured
		{"honeypot", Input{Body: typed, Honeypot: "http://spam.example"}, []string{"hidden field filled"}},
		{"honeypot whitespace", Input{Body: typed, Honeypot: " "}, []string{"hidden field filled"}},
		{"too fast", Input{Body: typed, Elapsed: 1200 * time.Millisecond}, []string{"sent 1.2 s after the form opened"}},
		{"just under", Input{Body: typed, Elapsed: 2999 * time.Millisecond}, []string{"sent 3.0 s after the form opened"}},
		{"three seconds", Input{Body: typed, Elapsed: 3 * time.Second}, nil},
		{"fast but short", Input{Body: "Well said!", Elapsed: time.Second}, nil},
		{"fast, 20 characters", Input{Body: "12345678901234567890", Elapsed: time.Second}, nil},
		{"fast, 21 characters", Input{Body: "123456789012345678901", Elapsed: time.Second}, []string{"sent 1.0 s after the form opened"}},
		{"fast Sinhala counts characters", Input{Body: "ඉතා හොඳ ලිපියක්", Elapsed: time.Second}, nil},
		{"duplicate", Input{Body: typed, DuplicateRecent: true}, []string{"same text posted in the last 10 minutes"}},
		{"four recent", Input{Body: typed, RecentFromVisitor: 4}, nil},
		{"burst", Input{Body: typed, RecentFromVisitor: 5}, []string{"5 earlier comments from this visitor in the last 10 minutes"}},
		{"everything", Input{Body: typed, Honeypot: "x", Elapsed: 500 * time.Millisecond, DuplicateRecent: true, RecentFromVisitor: 9},
			[]string{"hidden field filled", "sent 0.5 s after the form opened", "same text posted in the last 10 minutes",
				"9 earlier comments from this visitor in the last 10 minutes"}},

		// repetition in the body
		{"one character", Input{Body: "Nice " + strings.Repeat("!", 40)}, []string{strings.Repeat("!", 40)}},
		{"39 is fine", Input{Body: "Nice " + strings.Repeat("!", 39)}, nil},
		{"letters", Input{Body: strings.Repeat("a", 60) + " ok"}, []string{strings.Repeat("a", 60)}},
		{"laughing", Input{Body: "lol " + strings.Repeat("ha", 25)}, []string{strings.Repeat("ha", 25)}},
		{"short laugh", Input{Body: "hahahahaha good one"}, nil},
		{"Sinhala repeated", Input{Body: strings.Repeat("ක", 45)}, []string{strings.Repeat("ක", 45)}},
		{"spaces are layout", Input{Body: "para one" + strings.Repeat(" ", 80) + "para two"}, nil},
		{"blank lines are layout", Input{Body: "para one" + strings.Repeat("\n", 60) + "para two"}, nil},
		{"same word, any case", Input{Body: "shame " + strings.Repeat("SHAME! ", 10) + "on you"}, []string{"shame " + strings.Repeat("SHAME! ", 9) + "SHAME"}},
		{"nine times is a chant", Input{Body: strings.Repeat("jayawewa ", 9)}, nil},
		{"Tamil word", Input{Body: strings.Repeat("வாழ்க ", 12)}, []string{strings.TrimSpace(strings.Repeat("வாழ்க ", 12))}},
		{"zero-width padding", Input{Body: strings.Repeat("a\u200b", 45)}, []string{strings.Repeat("a\u200b", 44) + "a"}},

		// mostly links
		{"only a link", Input{Body: "https://cheap-pills.example.com/buy"}, []string{"100% of the comment is links"}},
		{"links and a word", Input{Body: "great https://a.com https://b.com https://c.com"}, []string{"75% of the comment is links"}},
		{"half is not most", Input{Body: "see https://evil.com/x"}, nil},
		{"one link in a sentence", Input{Body: "The report is at https://evil.com/report and says the opposite"}, nil},
		{"own links do not count", Input{Body: "https://dateline.lk/a https://dateline.lk/b"}, nil},
	}
	c := New("dateline.lk", nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			action, fs := c.Check(tt.in, DefaultPolicy())
			checkOffsets(t, tt.in.Body, fs)
			if got := matches(fs, Spam); !slices.Equal(got, tt.want) {
				t.Fatalf("spam matches = %q, want %q", got, tt.want)
			}
			if len(tt.want) > 0 && action != Reject {
				t.Errorf("action = %v, want reject", action)
			}
		})
	}
}

func TestSpamSignalsHaveNoSpan(t *testing.T) {
	c := New("dateline.lk", nil)
	_, fs := c.Check(Input{Body: "f*ck", Honeypot: "x", RecentFromVisitor: 7}, DefaultPolicy())
	if len(fs) != 3 || fs[0].Rule != Obscene {
		t.Fatalf("findings = %+v", fs)
	}
	for _, f := range fs[1:] {
		if f.Rule != Spam || f.Start != 0 || f.End != 0 || f.Reason == "" {
			t.Errorf("signal %+v: want spam with no span and a reason", f)
		}
	}
}
