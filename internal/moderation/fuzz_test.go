package moderation

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The fuzz targets below take each guideline check on its own: the function
// that finds it, on the normalised view, and the invariants that hold
// whatever the text. FuzzCheck (moderation_test.go) runs them all together
// through Check.

// fuzzSeeds are comments real and hostile, shared by the targets.
var fuzzSeeds = []string{
	"", "Well said!", "f*ck", "f u c k", "sh1t a$$", "fuuuuuck", "Scunthorpe", "ﬀuck ｆｕｃｋ", "\u202ekcuf\u202c",
	"visit example[.]com", "h t t p s : / / evil.com", `<a href="http://evil.com">x</a>`, "[x](http://evil.com)",
	"[url=evil.com]x[/url]", "x@evil.com", "example dot com", "e.g. U.S. Rs.1,500 3.5%", "https://dateline.lk/news/42",
	"THIS IS ALL CAPS SHOUTING", "The US and UN and NATO said", "I AGREE WITH THE MP", "ＴＨＩＳ ＩＳ ＳＨＯＵＴＩＮＧ",
	"Nimal Perera is a thief", "He stole it", "Minister Perera stole the show", "A. S. S. Perera",
	"නිමල් පෙරේරා මහතා හොරෙක්", "அமைச்சர் ஒரு திருடன்", "ශ්\u200dරී ලංකාවේ IMF වාර්තාව",
	"\xff\xfe\xfd", "a\u200bb\u200cc\u200d", "\u0301", "\x00\x1b[31m", strings.Repeat("ha", 30),
	strings.Repeat("spam ", 12), strings.Repeat("!", 45), "⒡⒰⒞⒦", "ⓕⓤⓒⓚ",
}

// checkSpans fails unless every span lies inside the view, is not empty,
// and, when merged is set, the spans are in order and do not overlap.
func checkSpans(t *testing.T, what string, v *view, spans []span, merged bool) {
	t.Helper()
	for k, sp := range spans {
		if sp.s < 0 || sp.e > len(v.cased) || sp.s >= sp.e {
			t.Fatalf("%s: span %v outside a view of %d runes", what, sp, len(v.cased))
		}
		if merged && k > 0 && spans[k-1].e > sp.s {
			t.Fatalf("%s: spans %v and %v out of order or overlapping", what, spans[k-1], sp)
		}
	}
}

// covers reports whether a finding of rule spans the runes [s, e) of the body.
func covers(fs []Finding, rule Rule, s, e int) bool {
	for _, f := range fs {
		if f.Rule == rule && f.Start <= s && f.End >= e {
			return true
		}
	}
	return false
}

// withoutLetters is body with every letter removed after compatibility
// decomposition, so that no circled or fullwidth letter is left either.
func withoutLetters(body string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return -1
		}
		return r
	}, norm.NFKD.String(string([]rune(body))))
}

// fuzzChecker is the checker every target uses: the site's host, and one
// extra word per language as admins add them.
func fuzzChecker() *Checker {
	return New("dateline.lk", map[string][]string{"en": {"gobshite", "son of a gun*"}, "si": {"මෝඩයා"}})
}

// noSpam leaves the obscenity, link and capitals rules on and spam off, so a
// test about one rule is not decided by another.
var noSpam = Policy{Actions: map[Rule]Action{Spam: Allow}}

func FuzzObscene(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	c := fuzzChecker()
	f.Fuzz(func(t *testing.T, body string) {
		v := newView(body)
		spans := c.findObscene(&v)
		checkSpans(t, "findObscene", &v, spans, true)
		again := newView(body)
		if other := c.findObscene(&again); !reflect.DeepEqual(spans, other) {
			t.Fatalf("findObscene(%q) is not deterministic: %v, then %v", body, spans, other)
		}
		// A listed word on a line of its own is found, whatever surrounds it.
		runes := []rune(body)
		withWord := body + "\nfuck\n" + body
		_, fs := c.Check(Input{Body: withWord}, noSpam)
		if at := len(runes) + 1; !covers(fs, Obscene, at, at+4) {
			t.Fatalf("%q: the word at runes %d-%d is not found: %+v", withWord, at, at+4, fs)
		}
		// Without letters there is no word to find.
		bare := withoutLetters(body)
		bv := newView(bare)
		if spans := c.findObscene(&bv); spans != nil {
			t.Fatalf("%q has no letters but findObscene found %v", bare, spans)
		}
	})
}

func FuzzLinks(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	c := fuzzChecker()
	f.Fuzz(func(t *testing.T, body string) {
		v := newView(body)
		spans := c.findLinks(&v)
		checkSpans(t, "findLinks", &v, spans, true)
		again := newView(body)
		if other := c.findLinks(&again); !reflect.DeepEqual(spans, other) {
			t.Fatalf("findLinks(%q) is not deterministic: %v, then %v", body, spans, other)
		}
		if share := linkShare(&v, spans); share < 0 || share > 1 || spans == nil && share != 0 {
			t.Fatalf("linkShare(%q) = %v with links %v", body, share, spans)
		}
		// A comment holding an http(s) URL to another site is held for it.
		const url = "https://evil.example/page?x=1"
		runes := []rune(body)
		withURL := body + "\n" + url + "\n" + body
		action, fs := c.Check(Input{Body: withURL}, noSpam)
		if at := len(runes) + 1; !covers(fs, OutsideLink, at, at+len(url)) || action == Allow {
			t.Fatalf("%q: the URL at runes %d-%d is not held (%v): %+v", withURL, at, at+len(url), action, fs)
		}
		// A link needs a letter or digit somewhere in its host.
		bare := strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return -1
			}
			return r
		}, withoutLetters(body))
		bv := newView(bare)
		if spans := c.findLinks(&bv); spans != nil {
			t.Fatalf("%q has no letters or digits but findLinks found %v", bare, spans)
		}
	})
}

func FuzzAllCaps(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	c := fuzzChecker()
	f.Fuzz(func(t *testing.T, body string) {
		v := newView(body)
		got := allCaps(&v)
		again := newView(body)
		if allCaps(&again) != got {
			t.Fatalf("allCaps(%q) is not deterministic", body)
		}
		upper, lower := 0, 0
		for _, r := range v.cased {
			switch {
			case unicode.IsUpper(r) || unicode.IsTitle(r):
				upper++
			case unicode.IsLower(r):
				lower++
			}
		}
		if got && upper == 0 {
			t.Fatalf("allCaps(%q) with no capital letter", body)
		}
		if got && upper+lower < minCasedLetters {
			t.Fatalf("allCaps(%q) with only %d cased letters", body, upper+lower)
		}
		// Keep only the ASCII letters and spaces: in capitals, twelve or more
		// of them shout however the words fall; in lower case they never do.
		var shout, quiet strings.Builder
		letters := 0
		for _, r := range body {
			switch {
			case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
				shout.WriteRune(unicode.ToUpper(r))
				quiet.WriteRune(unicode.ToLower(r))
				letters++
			case r == ' ':
				shout.WriteRune(r)
				quiet.WriteRune(r)
			}
		}
		sv, qv := newView(shout.String()), newView(quiet.String())
		if allCaps(&sv) != (letters >= minCasedLetters) {
			t.Fatalf("allCaps(%q) = %v with %d capital letters", shout.String(), !(letters >= minCasedLetters), letters)
		}
		if allCaps(&qv) {
			t.Fatalf("allCaps(%q) = true in lower case", quiet.String())
		}
		// Through Check: the finding quotes the whole comment.
		_, fs := c.Check(Input{Body: body}, noSpam)
		if covers(fs, AllCaps, 0, len([]rune(body))) != got {
			t.Fatalf("Check(%q) and allCaps (%v) disagree: %+v", body, got, fs)
		}
	})
}

func FuzzDefamation(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "Minister Nimal Perera said.")
	}
	f.Add("Perera stole the funds. He is a crook.", "Police said Nimal Perera and Kamala Silva were arrested.")
	f.Add("ඔහු හොරෙක්", "ඇමති නිමල් පෙරේරා")
	f.Add("அவர் திருடன்", "அமைச்சர் நிமல் பெரேரா")
	c := fuzzChecker()
	f.Fuzz(func(t *testing.T, body, article string) {
		v := newView(body)
		ws := c.splitWords(&v)
		for k, w := range ws {
			if w.s < 0 || w.e > len(v.cased) || w.s >= w.e || k > 0 && ws[k-1].e > w.s {
				t.Fatalf("splitWords(%q): word %d %+v out of place", body, k, w)
			}
		}
		accs := c.findDefamation(ws, article)
		for _, a := range accs {
			checkSpans(t, "findDefamation", &v, []span{a.sp, a.person, a.term}, false)
			if a.person.s < a.sp.s || a.person.e > a.sp.e || a.term.s < a.sp.s || a.term.e > a.sp.e {
				t.Fatalf("findDefamation(%q): person %v or crime %v outside the statement %v", body, a.person, a.term, a.sp)
			}
			if a.person.s < a.term.e && a.term.s < a.person.e {
				t.Fatalf("findDefamation(%q): the person %v is the crime word %v", body, a.person, a.term)
			}
		}
		again := newView(body)
		if other := c.findDefamation(c.splitWords(&again), article); !reflect.DeepEqual(accs, other) {
			t.Fatalf("findDefamation(%q) is not deterministic: %v, then %v", body, accs, other)
		}
		bare := withoutLetters(body)
		bv := newView(bare)
		if accs := c.findDefamation(c.splitWords(&bv), article); accs != nil {
			t.Fatalf("%q has no letters but findDefamation found %v", bare, accs)
		}
		_, fs := c.Check(Input{Body: body, ArticleText: article}, noSpam)
		n := 0
		for _, f := range fs {
			if f.Rule == DefamationRisk {
				if !strings.Contains(f.Reason, "“") || f.Match == "" {
					t.Fatalf("Check(%q): finding without its quote: %+v", body, f)
				}
				n++
			}
		}
		if n != len(accs) {
			t.Fatalf("Check(%q) has %d defamation findings, findDefamation %d", body, n, len(accs))
		}
	})
}

func FuzzSpam(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "", int64(0), false, 0)
	}
	f.Add("Buy cheap watches at my shop, best prices in town", "http://x", int64(900), true, 7)
	f.Add("Well said!", "", int64(100), false, 4)
	c := fuzzChecker()
	f.Fuzz(func(t *testing.T, body, honeypot string, elapsedMS int64, dup bool, recent int) {
		v := newView(body)
		ws := c.splitWords(&v)
		words, runs := repeatedWords(ws), repeatedRuns(&v)
		checkSpans(t, "repeatedWords", &v, words, true)
		checkSpans(t, "repeatedRuns", &v, runs, true)
		for _, sp := range runs {
			if sp.e-sp.s < repeatRunes {
				t.Fatalf("repeatedRuns(%q): %v is shorter than %d", body, sp, repeatRunes)
			}
		}
		in := Input{Body: body, Honeypot: honeypot, Elapsed: time.Duration(elapsedMS) * time.Millisecond,
			DuplicateRecent: dup, RecentFromVisitor: recent}
		action, fs := c.Check(in, DefaultPolicy())
		signals := map[string]bool{}
		for _, f := range fs {
			if f.Rule == Spam && f.Start == 0 && f.End == 0 {
				signals[f.Reason] = true
			}
		}
		bodyRunes := len([]rune(body))
		for _, tc := range []struct {
			reason string
			want   bool
		}{
			{"A form field that people cannot see was filled in, which only automated programs do.", honeypot != ""},
			{"The comment was sent too soon after the form opened to have been typed.", in.Elapsed > 0 && in.Elapsed < minHumanTime && bodyRunes >= minTypedRunes},
			{"The same comment was posted a few minutes ago.", dup},
			{"Too many comments from the same visitor in a short time.", recent >= burstComments},
		} {
			if signals[tc.reason] != tc.want {
				t.Fatalf("Check(%+v): signal %q = %v, want %v", in, tc.reason, signals[tc.reason], tc.want)
			}
			if tc.want && action != Reject {
				t.Fatalf("Check(%+v): spam signal %q, but the action is %v", in, tc.reason, action)
			}
		}
		// A long run of one character, or ten of one word, is spam wherever
		// it stands.
		runes := []rune(body)
		for _, filler := range []string{strings.Repeat("!", repeatRunes), strings.Repeat("buy ", repeatWords)} {
			padded := body + "\n" + filler + "\n" + body
			_, fs := c.Check(Input{Body: padded}, DefaultPolicy())
			at := len(runes) + 1
			if !covers(fs, Spam, at, at+len(strings.TrimSpace(filler))) {
				t.Fatalf("%q: the repetition at %d is not spam: %+v", padded, at, fs)
			}
		}
	})
}

// FuzzCheckStable runs the whole check twice on the same comment, and once
// more with each invalid byte written as U+FFFD: the package promises that
// invalid UTF-8 is read exactly as []rune(body) reads it.
func FuzzCheckStable(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "Nimal\xff")
	}
	c := fuzzChecker()
	f.Fuzz(func(t *testing.T, body, name string) {
		in := Input{Body: body, Name: name, ArticleText: "Minister Nimal Perera said.", Elapsed: time.Minute}
		action, fs := c.Check(in, DefaultPolicy())
		action2, fs2 := c.Check(in, DefaultPolicy())
		if action != action2 || !reflect.DeepEqual(fs, fs2) {
			t.Fatalf("Check(%q) is not deterministic:\n%v %+v\n%v %+v", body, action, fs, action2, fs2)
		}
		valid := in
		valid.Body, valid.Name = string([]rune(body)), string([]rune(name))
		action3, fs3 := c.Check(valid, DefaultPolicy())
		if action != action3 || !reflect.DeepEqual(fs, fs3) {
			t.Fatalf("Check(%q) and Check(%q) differ:\n%v %+v\n%v %+v", body, valid.Body, action, fs, action3, fs3)
		}
	})
}
