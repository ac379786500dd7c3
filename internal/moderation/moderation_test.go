package moderation

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// checkOffsets asserts what every caller relies on: a finding with a span
// quotes the body exactly at its rune offsets, and a signal has none.
func checkOffsets(t *testing.T, body string, fs []Finding) {
	t.Helper()
	runes := []rune(body)
	for _, f := range fs {
		if f.Start == 0 && f.End == 0 {
			if f.Match == "" {
				t.Errorf("signal %+v has no description", f)
			}
			continue
		}
		if f.Start < 0 || f.End > len(runes) || f.Start >= f.End {
			t.Errorf("finding %+v: offsets out of range for a body of %d runes", f, len(runes))
			continue
		}
		if got := string(runes[f.Start:f.End]); got != f.Match {
			t.Errorf("finding %+v: body[%d:%d] = %q, not the match", f, f.Start, f.End, got)
		}
	}
}

// matches lists the matches of one rule's findings, in order.
func matches(fs []Finding, rule Rule) []string {
	var out []string
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f.Match)
		}
	}
	return out
}

func TestCleanComments(t *testing.T) {
	bodies := []string{
		"",
		"Well said!",
		"The Central Bank should explain why the rupee fell 3.5% against the dollar (Rs.1,500 a month more for my family).",
		"I disagree with the minister, but this article is fair. The US and UN and NATO said much the same in 2019.",
		"Dr.Perera's clinic in Kandy opens at 8.30 pm, e.g. on Poya days. See Section 3.2 of the Act, i.e. the amendment.",
		"the policy is a failure, he should resign",
		"ශ්\u200dරී ලංකාවේ ආර්ථිකය ගැන හොඳ ලිපියක්. ස්තූතියි!",
		"யாழ்ப்பாணம் பற்றிய நல்ல கட்டுரை. நன்றி.",
		"Read more on https://dateline.lk/news/42 or https://si.dateline.lk/news/42.",
	}
	c := New("dateline.lk", nil)
	for _, body := range bodies {
		in := Input{Body: body, ArticleText: "Minister Nimal Perera spoke in Parliament.", Elapsed: time.Minute}
		if action, fs := c.Check(in, DefaultPolicy()); action != Allow || fs != nil {
			t.Errorf("%q: Check = %v, %+v; want allow with no findings", body, action, fs)
		}
	}
}

func TestCheckOrderAndAction(t *testing.T) {
	c := New("dateline.lk", nil)
	body := "FUCK THIS GOVERNMENT, VISIT WWW.TRUTH-LANKA.COM FOR THE REAL STORY ABOUT NIMAL PERERA THE THIEF"
	in := Input{Body: body, Honeypot: "x", Name: "shitposter", DuplicateRecent: true, ArticleText: "Nimal Perera, the chairman, resigned."}
	action, fs := c.Check(in, DefaultPolicy())
	checkOffsets(t, body, fs)
	if action != Reject {
		t.Errorf("action = %v, want reject", action)
	}
	var got []string
	for _, f := range fs {
		got = append(got, string(f.Rule)+":"+f.Match)
	}
	want := []string{
		"obscene:FUCK",
		"all-caps:" + body,
		"outside-link:WWW.TRUTH-LANKA.COM",
		"defamation-risk:NIMAL PERERA THE THIEF",
		// signals last, in rule order
		"obscene:shitposter",
		"spam:hidden field filled",
		"spam:same text posted in the last 10 minutes",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings in order:\n got %q\nwant %q", got, want)
	}
}

func TestPolicy(t *testing.T) {
	c := New("dateline.lk", nil)
	body := "see example.com"
	tests := []struct {
		name   string
		policy Policy
		want   Action
	}{
		{"default holds links", DefaultPolicy(), Hold},
		{"zero policy uses defaults", Policy{}, Hold},
		{"links allowed", Policy{Actions: map[Rule]Action{OutsideLink: Allow}}, Allow},
		{"links rejected", Policy{Actions: map[Rule]Action{OutsideLink: Reject}}, Reject},
		{"unknown action holds", Policy{Actions: map[Rule]Action{OutsideLink: "publish"}}, Hold},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			action, fs := c.Check(Input{Body: body}, tt.policy)
			if action != tt.want || len(fs) != 1 || fs[0].Action != tt.want {
				t.Errorf("Check = %v, %+v; want %v", action, fs, tt.want)
			}
		})
	}
	// DefaultPolicy hands out a fresh map: changing one changes no other
	p := DefaultPolicy()
	p.Actions[Obscene] = Allow
	if DefaultPolicy().Actions[Obscene] != Reject {
		t.Error("DefaultPolicy shares its map")
	}
	for _, r := range Rules {
		if _, ok := DefaultPolicy().Actions[r]; !ok {
			t.Errorf("DefaultPolicy has no action for %s", r)
		}
	}
}

func TestFindingJSON(t *testing.T) {
	b, err := json.Marshal(Finding{Rule: Obscene, Match: "x", Start: 1, End: 2, Action: Reject, Reason: "r"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"rule":"obscene","match":"x","start":1,"end":2,"action":"reject","reason":"r"}`
	if string(b) != want {
		t.Errorf("JSON = %s, want %s", b, want)
	}
}

func TestHostile(t *testing.T) {
	long := strings.Repeat("The minister spoke about the budget in Parliament today. ", 180) // ~10,000 runes
	tests := []struct {
		name  string
		body  string
		rules []Rule // the rules that must fire, in order of first appearance
	}{
		{"invalid UTF-8", "bad \xff\xfe bytes fu\xffck shit \xc3", []Rule{Obscene}},
		{"invalid UTF-8 only", "\xff\xff\xff\xff", nil},
		{"control characters", "sh\x00it is \x00 \x7f fine", []Rule{Obscene}},
		{"long clean", long, nil},
		{"long with a swear at the end", long + "fuck", []Rule{Obscene}},
		{"long link at the end", long + " evil.com", []Rule{OutsideLink}},
		{"one huge word", strings.Repeat("a", 10000), []Rule{Spam}},
		{"huge masked word", "f" + strings.Repeat("*", 10000) + "k", []Rule{Spam}},
		{"huge stretched swear", "f" + strings.Repeat("u", 300) + "ck", []Rule{Spam}},
		{"many single letters", strings.Repeat("a ", 5000), []Rule{Spam}},
		{"many dots", strings.Repeat(".", 10000), []Rule{Spam}},
		{"many brackets", strings.Repeat("[.]", 3000), []Rule{Spam}},
		{"many schemes", strings.Repeat("://", 3000), []Rule{Spam}},
		{"many anchors", strings.Repeat("<a href=", 1000), nil},
		{"many markdown", strings.Repeat("[x](", 2000), []Rule{Spam}},
		{"zero-width inside a link", "visit ev\u200bil\u200c.\u200dcom", []Rule{OutsideLink}},
		{"right-to-left override", "\u202eevil.com\u202c is fine", []Rule{OutsideLink}},
		{"HTML script", `<script>alert("x")</script> nice article`, nil},
		{"HTML anchor", `<a href="https://evil.com">read</a>`, []Rule{OutsideLink, Spam}},
		{"HTML entities", "&lt;b&gt;shit&lt;/b&gt;", []Rule{Obscene}},
		{"only marks", "\u0301\u0301\u0301", nil},
		{"only invisible", "\u200b\u200c\u200d\u2060\ufeff", nil},
		{"emoji", "🙂🙂 great 🇱🇰 article 👍🏽", nil},
	}
	c := New("dateline.lk", nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, fs := c.Check(Input{Body: tt.body, ArticleText: long}, DefaultPolicy())
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Check took %v", d)
			}
			checkOffsets(t, tt.body, fs)
			var rules []Rule
			for _, f := range fs {
				if !slices.Contains(rules, f.Rule) {
					rules = append(rules, f.Rule)
				}
			}
			if !slices.Equal(rules, tt.rules) {
				t.Errorf("rules = %v, want %v; findings %+v", rules, tt.rules, fs)
			}
		})
	}
}

func TestConcurrentUse(t *testing.T) {
	c := New("dateline.lk", map[string][]string{"en": {"gobshite"}})
	bodies := []string{"f*ck", "visit evil.com", "Nimal Perera is a thief", "ALL OF THIS IS SHOUTING AT YOU", "gobshite"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 50 {
				body := bodies[(g+k)%len(bodies)]
				if _, fs := c.Check(Input{Body: body}, DefaultPolicy()); len(fs) == 0 {
					t.Errorf("%q: no findings", body)
				}
			}
		})
	}
	wg.Wait()
}

func TestSiteHost(t *testing.T) {
	tests := []struct {
		site, body string
		external   bool
	}{
		{"dateline.lk", "https://dateline.lk/x", false},
		{"dateline.lk", "https://www.dateline.lk/x", false},
		{"dateline.lk", "https://si.dateline.lk/x", false},
		{"dateline.lk", "https://DATELINE.LK/x", false},
		{"dateline.lk", "https://dateline.lk./x", false},
		{"www.dateline.lk", "https://dateline.lk/x", false},
		{"https://www.Dateline.lk:443/", "dateline.lk/x", false},
		{"dateline.lk", "https://notdateline.lk/x", true},
		{"dateline.lk", "https://dateline.lk.evil.com/x", true},
		{"dateline.lk", "https://dateline.lk@evil.com/x", true},
		{"dateline.lk", "https://evil.com/?u=dateline.lk", true},
		{"", "https://dateline.lk/x", true},
	}
	for _, tt := range tests {
		_, fs := New(tt.site, nil).Check(Input{Body: tt.body}, Policy{Actions: map[Rule]Action{Spam: Allow}})
		if got := len(matches(fs, OutsideLink)) > 0; got != tt.external {
			t.Errorf("site %q, %q: external = %v, want %v (%+v)", tt.site, tt.body, got, tt.external, fs)
		}
	}
}

func FuzzCheck(f *testing.F) {
	seeds := []string{
		"", "f*ck", "f u c k", "sh1t a$$", "fuuuuuck", "Scunthorpe", "visit example[.]com",
		"h t t p s : / / evil.com", `<a href="http://evil.com">x</a>`, "[x](http://evil.com)",
		"THIS IS ALL CAPS SHOUTING", "Nimal Perera is a thief", "He stole it",
		"නිමල් පෙරේරා මහතා හොරෙක්", "அமைச்சர் ஒரு திருடன்", "\xff\xfe\xfd", "\u202ekcuf\u202c",
		"a\u200bb\u200cc\u200d", strings.Repeat("ha", 30), "e.g. U.S. Rs.1,500 3.5%", "ﬀuck ｆｕｃｋ",
		"example dot com", "x@evil.com", "[url=evil.com]x[/url]", "A. S. S. Perera", "\u0301",
	}
	for _, s := range seeds {
		f.Add(s, "Nimal Perera")
	}
	c := New("dateline.lk", map[string][]string{"en": {"gobshite", "son of a gun*"}})
	f.Fuzz(func(t *testing.T, body, name string) {
		action, fs := c.Check(Input{Body: body, Name: name, ArticleText: "Minister Nimal Perera said."}, DefaultPolicy())
		checkOffsets(t, body, fs)
		strongest := Allow
		for k, f := range fs {
			if !slices.Contains(Rules, f.Rule) || f.Reason == "" || !utf8.ValidString(f.Match) {
				t.Errorf("bad finding %+v", f)
			}
			if f.Action.strength() > strongest.strength() {
				strongest = f.Action
			}
			if k > 0 && f.End > 0 && fs[k-1].Start > f.Start {
				t.Errorf("findings out of order: %+v", fs)
			}
		}
		if action != strongest {
			t.Errorf("action %v, strongest finding %v", action, strongest)
		}
		var joined strings.Builder
		for _, s := range Highlight(body, fs) {
			joined.WriteString(s.Text)
		}
		if joined.String() != string([]rune(body)) {
			t.Errorf("Highlight lost text: %q", joined.String())
		}
	})
}
