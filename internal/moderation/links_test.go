package moderation

import (
	"slices"
	"testing"
)

func TestOutsideLink(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string // matches of the outside-link rule, in order
	}{
		// with a scheme
		{"https", "see https://evil.com/page?x=1 for more", []string{"https://evil.com/page?x=1"}},
		{"trailing full stop", "Source: https://evil.com/report.", []string{"https://evil.com/report"}},
		{"in brackets", "(see http://evil.com/a)", []string{"http://evil.com/a"}},
		{"balanced brackets kept", "https://en.wikipedia.org/wiki/Kandy_(city) is good", []string{"https://en.wikipedia.org/wiki/Kandy_(city)"}},
		{"ftp", "ftp://files.evil.com/x", []string{"ftp://files.evil.com/x"}},
		{"capitals", "HTTPS://EVIL.COM", []string{"HTTPS://EVIL.COM"}},
		{"backslashes", `http:\\evil.com\x`, []string{`http:\\evil.com\x`}},
		{"user info", "http://dateline.lk@evil.com/x", []string{"http://dateline.lk@evil.com/x"}},
		{"site as subdomain of another", "https://dateline.lk.evil.com/x", []string{"https://dateline.lk.evil.com/x"}},
		{"hidden in own URL", "https://dateline.lk/go?u=https://evil.com", []string{"https://evil.com"}},
		{"IP address", "http://192.168.0.1/admin", []string{"http://192.168.0.1/admin"}},
		{"IP with port", "http://203.0.113.9:8080", []string{"http://203.0.113.9:8080"}},
		{"unicode host", "https://ශ්\u200dරී.example/x", []string{"https://ශ්\u200dරී.example/x"}},
		{"fullwidth", "ｈｔｔｐｓ：／／ｅｖｉｌ．ｃｏｍ", []string{"ｈｔｔｐｓ：／／ｅｖｉｌ．ｃｏｍ"}},
		{"ideographic full stop", "evil。com", []string{"evil。com"}},
		{"cyrillic look-alikes", "https://ехаmple.com", []string{"https://ехаmple.com"}},
		{"homograph of the site", "https://dаteline.lk/x", []string{"https://dаteline.lk/x"}},

		// without a scheme
		{"bare domain", "visit example.com now", []string{"example.com"}},
		{"bare with path", "read evil.com/truth today", []string{"evil.com/truth"}},
		{"www", "www.evil.xyz", []string{"www.evil.xyz"}},
		{"www with new suffix", "www.example.now", []string{"www.example.now"}},
		{"second-level suffix", "Read news.bbc.co.uk/sinhala today", []string{"news.bbc.co.uk/sinhala"}},
		{"Sri Lankan domain", "call 077-123-4567 or visit lanka.lk", []string{"lanka.lk"}},
		{"com.lk", "see www.shop.com.lk", []string{"www.shop.com.lk"}},
		{"capitalised .Com", "Visit Google.Com today", []string{"Google.Com"}},
		{"then a sentence", "Go to example.com.Then tell me", []string{"example.com"}},
		{"e-mail address", "mail someone@gmail.com please", []string{"someone@gmail.com"}},
		{"bare IP with path", "login at 203.0.113.9/admin", []string{"203.0.113.9/admin"}},
		{"bare IP with port", "connect to 10.0.0.1:8080 now", []string{"10.0.0.1:8080"}},
		{"punycode", "xn--fiqs8s.xn--fzc2c9e2c", []string{"xn--fiqs8s.xn--fzc2c9e2c"}},

		// shorteners
		{"bit.ly", "bit.ly/3xYz", []string{"bit.ly/3xYz"}},
		{"t.co", "t.co/abc and tinyurl.com/x", []string{"t.co/abc", "tinyurl.com/x"}},
		{"youtu.be", "watch youtu.be/dQw4w9WgXcQ", []string{"youtu.be/dQw4w9WgXcQ"}},

		// disguised
		{"bracketed dot", "example[.]com", []string{"example[.]com"}},
		{"parenthesised dot", "example(.)com", []string{"example(.)com"}},
		{"braced dot", "example{.}com", []string{"example{.}com"}},
		{"(dot)", "example (dot) com", []string{"example (dot) com"}},
		{"[dot]", "example [dot] com", []string{"example [dot] com"}},
		{"[DOT] capitals", "EXAMPLE[DOT]COM", []string{"EXAMPLE[DOT]COM"}},
		{"dot word", "go to example dot com today", []string{"example dot com"}},
		{"dot word twice", "news dot example dot co dot uk", []string{"news dot example dot co dot uk"}},
		{"spaced full stop", "example . com", []string{"example . com"}},
		{"space after full stop", "example. com is great", []string{"example. com"}},
		{"spaced scheme", "h t t p s : / / evil.com", []string{"h t t p s : / / evil.com"}},
		{"spaced everything", "e x a m p l e . c o m", []string{"e x a m p l e . c o m"}},
		{"spaced www", "w w w . e v i l . c o m", []string{"w w w . e v i l . c o m"}},
		{"hxxp", "hxxp://evil.com", []string{"hxxp://evil.com"}},
		{"hxxps with bracket dot", "hxxps://evil[.]com/x", []string{"hxxps://evil[.]com/x"}},
		{"bracketed colon", "https[:]//evil.com", []string{"https[:]//evil.com"}},
		{"zero-width inside", "ev\u200bil.c\u200dom", []string{"ev\u200bil.c\u200dom"}},

		// markup
		{"HTML anchor", `<a href="http://evil.com">click</a> now`, []string{`<a href="http://evil.com">click</a>`}},
		{"anchor single quotes", `<a class=x href='https://evil.com/'>x</a>`, []string{`<a class=x href='https://evil.com/'>x</a>`}},
		{"anchor unquoted", `<a href=//evil.com>x</a>`, []string{`<a href=//evil.com>x</a>`}},
		{"anchor bare host", `<a href="evil.com">x</a>`, []string{`<a href="evil.com">x</a>`}},
		{"anchor javascript", `<a href="javascript:alert(1)">x</a>`, []string{`<a href="javascript:alert(1)">x</a>`}},
		{"anchor unclosed", `<a href="http://evil.com">x`, []string{`<a href="http://evil.com">`}},
		{"markdown", "[click](http://evil.com) and [home](/news/1)", []string{"[click](http://evil.com)"}},
		{"markdown title", `[x](http://evil.com "t")`, []string{`[x](http://evil.com "t")`}},
		{"markdown image", "![img](http://evil.com/x.png)", []string{"![img](http://evil.com/x.png)"}},
		{"bbcode", "[url=http://evil.com]cheap[/url]", []string{"[url=http://evil.com]cheap[/url]"}},
		{"bbcode plain", "[url]evil.com[/url]", []string{"[url]evil.com[/url]"}},

		// the site's own links are fine
		{"own site", "https://dateline.lk/news/1", nil},
		{"own www", "www.dateline.lk", nil},
		{"own subdomain", "see si.dateline.lk and ta.dateline.lk/x", nil},
		{"own e-mail", "write to letters@dateline.lk", nil},
		{"own anchor", `<a href="https://dateline.lk/x">x</a>`, nil},
		{"relative anchor", `<a href="/news/2">x</a>`, nil},
		{"relative markdown", "[see](../news/2) and [top](#top)", nil},

		// false-positive traps
		{"U.S.", "The U.S. and the U.K. agreed", nil},
		{"e.g. i.e.", "some ministers, e.g. finance, i.e. the big ones", nil},
		{"rupees", "it costs Rs.1,500 now, up from Rs.900.", nil},
		{"percent", "inflation was 3.5% last month", nil},
		{"time", "the meeting is at 8.30 pm", nil},
		{"section", "see Section 3.2 of the Act", nil},
		{"Mr.Smith", "Mr.Smith and Dr.Perera and Ms.Silva", nil},
		{"No.5", "No.5 Galle Road", nil},
		{"missing space", "a missing space after a full stop.Like this", nil},
		{"missing space before it", "This is wrong.It should be fixed", nil},
		{"missing space before now", "the end.Now we see", nil},
		{"St.Anthony's", "St.Anthony's church in Kochchikade", nil},
		{"version", "version 2.0 and v1.2.3.4 released", nil},
		{"etc.", "roads, bridges etc. were damaged", nil},
		{"decimals", "3.14159 and 1,500.50 and 0.5", nil},
		{"dot on the i", "the dot on the i and a dotted line", nil},
		{"dot com bubble", "the dot com bubble burst", nil},
		{"dot in prose", "a big dot in the middle", nil},
		{"ellipsis", "wait...what happened", nil},
		{"file names", "file.zip and report.pdf and main.go", nil},
		{"p.m.", "at 5.30 p.m. on Monday", nil},
		{"cricket score", "245/6 in 50.0 overs, won by 5.wickets", nil},
		{"initials", "S.W.R.D. Bandaranaike and J.R. Jayewardene", nil},
		{"scheme without host", "http:// is how links start", nil},
		// found by FuzzLinks: markup whose target has no host at all
		{"markup without host", `[](//) and <a href="http://">x</a> and [url=//.]x[/url]`, nil},
		{"at sign", "meet @ 5 at the office", nil},
		{"mention", "@nimal you are right", nil},
		{"HTML without links", "<b>bold</b> and <i>italic</i>", nil},
		{"sentence then com", "I love it. Com on", nil},
		{"sentence then net", "Great job. Net result is zero", nil},
		{"lower-case sentences", "well done. me and my family agree. co-operation matters", nil},
		{"dot word, capitals", "Example Dot Com", []string{"Example Dot Com"}},
		{"Sinhala", "ශ්\u200dරී ලංකාව. කොළඹ", nil},
		{"Tamil", "யாழ்ப்பாணம். கொழும்பு", nil},
	}
	c := New("dateline.lk", nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := c.Check(Input{Body: tt.body}, DefaultPolicy())
			checkOffsets(t, tt.body, fs)
			if got := matches(fs, OutsideLink); !slices.Equal(got, tt.want) {
				t.Errorf("outside-link matches = %q, want %q", got, tt.want)
			}
			for _, f := range fs {
				if f.Rule == OutsideLink && (f.Action != Hold || f.Reason != "Links to other websites are not allowed.") {
					t.Errorf("finding %+v: want hold with the standard reason", f)
				}
			}
		})
	}
}

func TestOutsideLinkInName(t *testing.T) {
	c := New("dateline.lk", nil)
	_, fs := c.Check(Input{Body: "Nice article.", Name: "Best deals at cheap-pills.com"}, DefaultPolicy())
	if len(fs) != 1 || fs[0].Rule != OutsideLink || fs[0].Match != "cheap-pills.com" || fs[0].Start != 0 || fs[0].End != 0 {
		t.Errorf("findings = %+v, want one span-less link finding for the name", fs)
	}
}
