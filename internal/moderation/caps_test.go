package moderation

import (
	"strings"
	"testing"
)

func TestAllCaps(t *testing.T) {
	tests := []struct {
		name string
		body string
		want bool
	}{
		{"shouting", "THIS IS AN OUTRAGE AND YOU KNOW IT", true},
		{"shouting with punctuation", "WHY IS NOBODY ASKING ABOUT THE FUEL PRICE?!!", true},
		{"one long word", "OUTRAGEOUSNESS!!", true},
		{"run of short words", "I AGREE WITH THE MP, TOTALLY WRONG decision", true},
		{"mostly capitals", "THE GOVERNMENT IS USELESS AND CORRUPT, they must go", true},
		{"fullwidth capitals", "ＴＨＩＳ ＩＳ ＳＨＯＵＴＩＮＧ ＡＴ ＹＯＵ", true},
		{"accented capitals", "ÇA SUFFIT, C'EST TROP TARD MAINTENANT", true},
		{"with a link", "READ THIS NOW EVERYONE https://dateline.lk/x", true},
		{"English inside Sinhala", "ශ්\u200dරී ලංකාවේ GOVERNMENT MUST RESIGN NOW", true},

		// not shouting
		{"ordinary", "The minister should answer questions in Parliament.", false},
		{"acronyms", "The US and UN and NATO said", false},
		{"many acronyms", "The SLPP and the SJB and the JVP met the IMF in Colombo today", false},
		{"acronym pair", "Sri Lanka's SLFP MP said the budget was fair", false},
		{"short shout", "NO WAY", false},
		{"eleven letters", "ABSOLUTELY!", false},
		{"Sinhala", "ශ්\u200dරී ලංකාවේ ආර්ථිකය ගැන හොඳ ලිපියක්", false},
		{"Sinhala with one acronym", "ශ්\u200dරී ලංකාවේ ආර්ථිකය ගැන IMF වාර්තාව හොඳයි", false},
		{"Sinhala with acronyms", "IMF සහ ADB සහ UN වාර්තා", false},
		{"Tamil", "யாழ்ப்பாணம் பற்றிய நல்ல கட்டுரை", false},
		{"Tamil with an acronym", "யாழ்ப்பாணம் பற்றி UNICEF அறிக்கை", false},
		{"numbers", "2024 2025 2026 12.5% 1,500", false},
		{"title case", "Shame On This Government For The Fuel Price", false},
		{"capital start", "I think the MP was right", false},
		{"empty", "", false},
	}
	c := New("dateline.lk", nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := c.Check(Input{Body: tt.body}, DefaultPolicy())
			checkOffsets(t, tt.body, fs)
			var got []Finding
			for _, f := range fs {
				if f.Rule == AllCaps {
					got = append(got, f)
				}
			}
			if (len(got) > 0) != tt.want {
				t.Fatalf("all-caps = %+v, want %v", got, tt.want)
			}
			if tt.want {
				f := got[0]
				if f.Start != 0 || f.End != len([]rune(tt.body)) || f.Match != tt.body || f.Action != Hold {
					t.Errorf("finding %+v: want the whole body, held", f)
				}
			}
		})
	}
}

func TestAllCapsLong(t *testing.T) {
	c := New("dateline.lk", nil)
	shout := strings.Repeat("THE FUEL PRICE IS A SCANDAL. ", 300)
	if _, fs := c.Check(Input{Body: shout}, DefaultPolicy()); len(matches(fs, AllCaps)) != 1 {
		t.Errorf("long shout: %d findings", len(fs))
	}
	calm := strings.Repeat("The fuel price is a scandal, says the CEB and the IMF. ", 300)
	if _, fs := c.Check(Input{Body: calm}, DefaultPolicy()); len(matches(fs, AllCaps)) != 0 {
		t.Errorf("long calm comment: %+v", matches(fs, AllCaps))
	}
}
