package moderation

import (
	"slices"
	"strings"
	"testing"
)

func TestObscene(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string // matches of the obscene rule, in order
	}{
		// plain words and inflections
		{"plain", "What a load of shit from the ministry.", []string{"shit"}},
		{"inflected stem", "These fucking politicians never learn", []string{"fucking"}},
		{"compound", "Only a motherfucker would vote for this", []string{"motherfucker"}},
		{"two words", "you are a bitch and a cunt", []string{"bitch", "cunt"}},
		{"mixed case", "FuCk this government", []string{"FuCk"}},
		{"capitals", "SHIT", []string{"SHIT"}},
		{"possessive", "that bastard's speech", []string{"bastard"}},
		{"slur", "go home you paki", []string{"paki"}},

		// masking and leetspeak
		{"asterisk", "f*ck this", []string{"f*ck"}},
		{"two asterisks", "f**k the budget", []string{"f**k"}},
		{"masked middle", "what a load of s**t", []string{"s**t"}},
		{"masked compound", "total a**hole", []string{"a**hole"}},
		{"hash mask", "sh#t happens", []string{"sh#t"}},
		{"digit i", "sh1t happens", []string{"sh1t"}},
		{"dollars", "what an a$$", []string{"a$$"}},
		{"at sign", "@ss", []string{"@ss"}},
		{"leet mix", "5h17 and 4$$h0l3", []string{"5h17", "4$$h0l3"}},
		{"digit 1 as l", "that 1s sh!t", []string{"sh!t"}},
		{"exclamation inside", "b!tch", []string{"b!tch"}},
		{"digit 7", "sh17", []string{"sh17"}},
		{"digit 0", "b0ll0cks", []string{"b0ll0cks"}},
		{"digit 3", "wank3r", []string{"wank3r"}},

		// repeated letters, both collapsed and as written
		{"stretched", "fuuuuuck", []string{"fuuuuuck"}},
		{"stretched everywhere", "ffuuucccckkk off", []string{"ffuuucccckkk"}},
		{"stretched double", "asssss", []string{"asssss"}},
		{"stretched and masked", "shiiiiit!!!", []string{"shiiiiit"}},

		// spaced and punctuated spelling
		{"spaced", "f u c k you", []string{"f u c k"}},
		{"dotted", "f.u.c.k off", []string{"f.u.c.k"}},
		{"dashed", "s-h-i-t", []string{"s-h-i-t"}},
		{"spaced stem", "you f u c k i n g idiot", []string{"f u c k i n g"}},
		{"spaced inside run", "a f u c k", []string{"f u c k"}},
		{"spaced masked", "f * c k", []string{"f * c k"}},
		{"spaced three", "a s s", []string{"a s s"}},

		// framing symbols are not part of the match
		{"markdown bold", "**fuck**", []string{"fuck"}},
		{"hashtag", "#fuck", []string{"fuck"}},
		{"shouted", "fuck!!!", []string{"fuck"}},

		// Unicode disguises
		{"fullwidth", "ｆｕｃｋ", []string{"ｆｕｃｋ"}},
		{"maths bold", "𝐬𝐡𝐢𝐭", []string{"𝐬𝐡𝐢𝐭"}},
		{"circled", "ⓕⓤⓒⓚ", []string{"ⓕⓤⓒⓚ"}},
		{"accent", "fück", []string{"fück"}},
		{"zalgo", "f\u0301u\u0308\u0327c\u0300k", []string{"f\u0301u\u0308\u0327c\u0300k"}},
		{"cyrillic lookalikes", "ѕһіt", []string{"ѕһіt"}},
		{"greek lookalikes", "cυnt", []string{"cυnt"}},
		{"zero-width space", "fu\u200bck", []string{"fu\u200bck"}},
		{"zero-width joiner", "sh\u200di\u200dt", []string{"sh\u200di\u200dt"}},
		{"soft hyphen", "bull\u00adshit", []string{"bull\u00adshit"}},
		{"word joiner", "c\u2060u\u2060n\u2060t", []string{"c\u2060u\u2060n\u2060t"}},
		{"right-to-left override", "you \u202ekcuf\u202c", []string{"kcuf"}},
		{"ligature", "ﬁlthy ﬀuck", []string{"ﬀuck"}},

		// false-positive traps: innocent words that contain a listed one
		{"Scunthorpe", "Scunthorpe United won", nil},
		{"Essex", "Essex and Sussex", nil},
		{"assassination", "the assassination of Lalith Athulathmudali", nil},
		{"cocktail", "a cocktail party at the embassy", nil},
		{"therapist", "my therapist says so", nil},
		{"Dickens", "Charles Dickens wrote it", nil},
		{"shiitake", "shiitake mushrooms are grown in Nuwara Eliya", nil},
		{"analysis", "a careful analysis of the budget", nil},
		{"class", "the middle class pays", nil},
		{"grass", "the grass is greener", nil},
		{"passage", "the passage of the bill", nil},
		{"hello", "hello from Kandy", nil},
		{"Matsushita", "Matsushita Electric", nil},
		{"Hancock", "Matt Hancock resigned", nil},
		{"Cockburn", "Alexander Cockburn wrote", nil},
		{"Wankhede", "the final at Wankhede stadium", nil},
		{"Fukushima", "the Fukushima reactor", nil},
		{"cumin", "add cumin and curry leaves", nil},
		{"Sunni in Tamil", "சுன்னி முஸ்லிம்கள்", nil},
		{"as is not ass", "as far as I know", nil},
		{"numbers", "1337 5318008 0800", nil},
		{"lone masks", "**** and a** and ***", nil},
		{"markdown list", "* one\n* two\n* three", nil},
		{"initials", "A. S. S. Perera was appointed", nil},
		{"initials spaced", "Mr S. W. R. D. Bandaranaike", nil},
		{"spelled innocent", "a b c d e f", nil},
		{"c sharp", "I code in C# and F#", nil},

		// Sinhala and Tamil
		{"Sinhala", "උඹ හුත්තෙක්", []string{"හුත්තෙක්"}},
		{"Sinhala stem", "පකයා වගේ කතා කරන්න එපා", []string{"පකයා"}},
		{"Sinhala with joiner", "වේ\u200dසි", []string{"වේ\u200dසි"}},
		{"Singlish", "mona pakaya da", []string{"pakaya"}},
		{"Tamil", "நீ ஒரு புண்டை", []string{"புண்டை"}},
		{"Tamil stem", "தேவடியா பையன்", []string{"தேவடியா"}},
		{"Tamil in Latin letters", "poda thevidiya", []string{"thevidiya"}},
		{"clean Sinhala", "ශ්\u200dරී ලංකාවේ ආර්ථිකය ගැන හොඳ ලිපියක්", nil},
		{"clean Tamil", "யாழ்ப்பாணம் பற்றிய நல்ல கட்டுரை", nil},
	}
	c := New("dateline.lk", nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := c.Check(Input{Body: tt.body}, DefaultPolicy())
			checkOffsets(t, tt.body, fs)
			if got := matches(fs, Obscene); !slices.Equal(got, tt.want) {
				t.Errorf("obscene matches = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestObsceneAction(t *testing.T) {
	c := New("dateline.lk", nil)
	action, fs := c.Check(Input{Body: "What a load of shit."}, DefaultPolicy())
	if action != Reject || len(fs) != 1 || fs[0].Action != Reject || fs[0].Reason == "" {
		t.Errorf("Check = %v, %+v; want one rejecting finding with a reason", action, fs)
	}
}

func TestObsceneExtraWords(t *testing.T) {
	c := New("dateline.lk", map[string][]string{
		"en": {"gobshite", "  plonker* ", "", "x", "son-of-a-gun"},
		"si": {"බූරුවා"},
		"ta": {"முட்டாள்"},
	})
	tests := []struct {
		body string
		want []string
	}{
		{"what a gobshite", []string{"gobshite"}},
		{"you plonkers", []string{"plonkers"}},
		{"g0bsh1te", []string{"g0bsh1te"}},
		{"you son of a gun", []string{"son of a gun"}},
		{"son, of a gun", []string{"son, of a gun"}},
		{"the x factor", nil}, // one-letter entries are ignored
		{"උඹ බූරුවා", []string{"බූරුවා"}},
		{"நீ முட்டாள்", []string{"முட்டாள்"}},
		{"fuck", []string{"fuck"}}, // the built-in list still applies
	}
	for _, tt := range tests {
		_, fs := c.Check(Input{Body: tt.body}, DefaultPolicy())
		checkOffsets(t, tt.body, fs)
		if got := matches(fs, Obscene); !slices.Equal(got, tt.want) {
			t.Errorf("%q: obscene matches = %q, want %q", tt.body, got, tt.want)
		}
	}
	// extra words belong to the Checker that was given them
	if _, fs := New("dateline.lk", nil).Check(Input{Body: "what a gobshite"}, DefaultPolicy()); len(fs) != 0 {
		t.Errorf("a plain Checker found %+v", fs)
	}
}

func TestObsceneName(t *testing.T) {
	c := New("dateline.lk", nil)
	_, fs := c.Check(Input{Body: "Good article.", Name: "Big D1ck"}, DefaultPolicy())
	if len(fs) != 1 || fs[0].Rule != Obscene || fs[0].Match != "D1ck" || fs[0].Start != 0 || fs[0].End != 0 ||
		!strings.Contains(fs[0].Reason, "display name") {
		t.Errorf("findings = %+v, want one span-less obscene finding for the name", fs)
	}
}

// The built-in lists must all be reachable: every entry matches itself.
func TestObsceneListsMatchThemselves(t *testing.T) {
	c := New("dateline.lk", nil)
	for _, list := range []string{obsceneEnglish, obsceneSinhala, obsceneTamil} {
		for _, w := range lexWords(list) {
			w = strings.TrimRight(w, "*")
			if _, fs := c.Check(Input{Body: "x " + w + " x"}, DefaultPolicy()); len(matches(fs, Obscene)) != 1 {
				t.Errorf("list entry %q does not match itself: %+v", w, fs)
			}
		}
	}
}
