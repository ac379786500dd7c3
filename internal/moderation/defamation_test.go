package moderation

import (
	"slices"
	"strings"
	"testing"
)

// Articles the comments below are checked against.
const (
	articleNamed = "Minister questioned over tender\nMinister Keheliya Rambukwella told Parliament on Tuesday " +
		"that the tender was fair. Nimal Perera, the ministry secretary, agreed."
	articleNoPeople = "Fuel prices to rise\nThe Cabinet approved a new pricing formula on Monday, the Ministry of Finance said."
	articleSinhala  = "ඇමති කෙහෙළිය රඹුක්වැල්ල මහතා ඊයේ පාර්ලිමේන්තුවේදී ප්\u200dරකාශ කළේය."
	articleTamil    = "அமைச்சர் பதவி விலக வேண்டும் என திரு சுமந்திரன் தெரிவித்தார்."
)

func TestDefamation(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		article string
		want    string // the defamation-risk match, "" for none
	}{
		// identified people
		{"full name", "Nimal Perera is a thief", "", "Nimal Perera is a thief"},
		{"full name, verb", "Nimal Perera stole the money", "", "Nimal Perera stole"},
		{"title", "Mr Silva bribed the officials", "", "Mr Silva bribed"},
		{"title without space", "Dr.Fernando is a fraudster", "", "Dr.Fernando is a fraudster"},
		{"title with full stop", "Mr. Silva took a bribe", "", "Mr. Silva took a bribe"},
		{"title, lower-case name", "mr silva is a crook", "", "mr silva is a crook"},
		{"minister and name", "Minister Rajapaksa looted the country", "", "Minister Rajapaksa looted"},
		{"initials", "S. W. Perera embezzled the funds", "", "S. W. Perera embezzled"},
		{"possessive", "Perera's son is a drug dealer, says Nimal Perera", "", "drug dealer, says Nimal Perera"},
		{"noun before the name", "The thief Nimal Perera is back", "", "thief Nimal Perera"},
		{"murderer", "Everyone knows Gotabaya Rajapaksa is a murderer", "", "Gotabaya Rajapaksa is a murderer"},
		{"killed, active", "Nimal Perera killed that journalist", "", "Nimal Perera killed"},
		{"paid agent", "Kamal Silva is a paid agent of India", "", "Kamal Silva is a paid agent"},
		{"money launderer", "Sunil Fernando the money launderer", "", "Sunil Fernando the money launderer"},
		{"corrupt", "Corrupt Kamal Silva must go", "", "Corrupt Kamal Silva"},

		// roles
		{"the minister", "The minister is corrupt", "", "The minister is corrupt"},
		{"the editor", "the editor took a bribe to print this", "", "the editor took a bribe"},
		{"this reporter", "this reporter is a paid agent", "", "this reporter is a paid agent"},
		{"the CEO", "the CEO embezzled millions", "", "the CEO embezzled"},
		{"the police chief", "the police chief took bribes", "", "the police chief took bribes"},
		{"the mayor", "The Mayor is a crook.", "", "The Mayor is a crook"},
		{"the former governor", "the former governor laundered money", "", "the former governor laundered"},

		// people named by the article
		{"surname from the article", "Rambukwella is a crook", articleNamed, "Rambukwella is a crook"},
		{"lower-case surname", "rambukwella stole it", articleNamed, "rambukwella stole"},
		{"pronoun, article names someone", "He is a thief", articleNamed, "He is a thief"},
		{"she", "She stole the money", articleNamed, "She stole"},
		{"pronoun, article names nobody", "He is a thief", articleNoPeople, ""},
		{"pronoun, no article", "He is a thief", "", ""},

		// ordinary political criticism
		{"failure", "the policy is a failure, he should resign", articleNamed, ""},
		{"government", "the government has failed the people", articleNamed, ""},
		{"budget", "this budget is a disaster", articleNamed, ""},
		{"minister should answer", "the minister should answer questions in parliament", articleNamed, ""},
		{"corruption", "corruption is a national problem", articleNamed, ""},
		{"corrupt politicians", "corrupt politicians are everywhere", "", ""},
		{"nobody identified", "Thieves and crooks run this country", "", ""},
		{"place", "Sri Lanka is full of thieves", "", ""},
		{"institution", "The Central Bank was robbed by insiders", "", ""},

		// crimes mentioned without accusing the person
		{"victim", "Nimal Perera was killed in a crash", "", ""},
		{"victim, adverb", "Nimal Perera was brutally murdered", "", ""},
		{"murder of", "The murder of Lasantha Wickrematunge remains unsolved", "", ""},
		{"commission", "The Bribery Commission questioned Mr Perera", "", ""},
		{"case", "Mr Perera's lawyer spoke about the fraud case", "", ""},
		{"anti", "Mr Perera launched an anti-corruption drive", "", ""},
		{"stole the show", "Kusal Mendis stole the show", "", ""},
		{"stole a single", "Wanindu Hasaranga stole a single off the last ball", "", ""},
		{"killer instinct", "Angelo Mathews lacks the killer instinct", "", ""},
		{"killer innings", "Kusal Mendis played a killer innings today", "", ""},
		{"robbed of a century", "Angelo Mathews was robbed of a century", "", ""},
		{"not accused", "I worked with Nimal Perera for ten years. He is an honest man.", articleNamed, ""},
		{"killed it", "Yohani de Silva killed it on stage", "", ""},
		{"subject far from the verb", "The minister said the floods killed 20 people", "", ""},
		{"different sentences", "Nimal Perera spoke on Monday. Thieves are everywhere.", "", ""},
		{"therapist is not rapist", "Mr Perera's therapist spoke", "", ""},

		// Sinhala
		{"Sinhala pronoun", "ඔහු හොරෙක්", articleSinhala, "ඔහු හොරෙක්"},
		{"Sinhala name and honorific", "නිමල් පෙරේරා මහතා හොරෙක්", "", "නිමල් පෙරේරා මහතා හොරෙක්"},
		{"Sinhala office", "ඇමතිවරයා අල්ලස් ගත්තා", "", "ඇමතිවරයා අල්ලස්"},
		{"Sinhala with joiner", "අමාත්\u200dයවරයා දූෂිතයෙක්", "", "අමාත්\u200dයවරයා දූෂිතයෙක්"},
		{"Sinhala surname from the article", "රඹුක්වැල්ල මිනීමරුවෙක්", articleSinhala, "රඹුක්වැල්ල මිනීමරුවෙක්"},
		{"Singlish", "Mr Silva hora", "", "Mr Silva hora"},
		{"Sinhala corruption in general", "ශ්\u200dරී ලංකාවේ දූෂණය ජාතික ප්\u200dරශ්නයක්", articleSinhala, ""},
		{"Sinhala pronoun, no article", "ඔහු හොරෙක්", "", ""},

		// Tamil
		{"Tamil office", "அமைச்சர் ஒரு திருடன்", "", "அமைச்சர் ஒரு திருடன்"},
		{"Tamil pronoun", "அவர் லஞ்சம் வாங்கினார்", articleTamil, "அவர் லஞ்சம்"},
		{"Tamil title and name", "திரு சுமந்திரன் ஒரு மோசடிக்காரன்", "", "திரு சுமந்திரன் ஒரு மோசடிக்காரன்"},
		{"Tamil name from the article", "சுமந்திரன் கொலைகாரன்", articleTamil, "சுமந்திரன் கொலைகாரன்"},
		{"Tamil commission", "லஞ்ச ஒழிப்பு ஆணைக்குழு அமைச்சரை விசாரித்தது", "", ""},
		{"Tamil general", "ஊழல் ஒரு தேசிய பிரச்சினை", articleTamil, ""},
	}
	c := New("dateline.lk", nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			action, fs := c.Check(Input{Body: tt.body, ArticleText: tt.article}, DefaultPolicy())
			checkOffsets(t, tt.body, fs)
			got := matches(fs, DefamationRisk)
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("defamation-risk matches = %q, want %q", got, want)
			}
			for _, f := range fs {
				if f.Rule != DefamationRisk {
					continue
				}
				if f.Action != Hold || action == Reject || !strings.HasPrefix(f.Reason, "legal risk: ") {
					t.Errorf("finding %+v (action %v): want a hold with a legal-risk reason", f, action)
				}
			}
		})
	}
}

// Defamation is never rejected by default, however strong the wording.
func TestDefamationNeverRejectsByDefault(t *testing.T) {
	c := New("dateline.lk", nil)
	body := "Nimal Perera is a thief, a murderer, a rapist and a drug dealer. Mr Silva bribed him. The editor is corrupt."
	action, fs := c.Check(Input{Body: body}, DefaultPolicy())
	if action != Hold || len(matches(fs, DefamationRisk)) != 3 {
		t.Errorf("Check = %v, %+v; want hold with one finding per sentence", action, fs)
	}
}

func TestDefamationLongArticle(t *testing.T) {
	c := New("dateline.lk", nil)
	article := strings.Repeat("Minister Nimal Perera spoke in Parliament about the Cabinet decision. ", 500)
	_, fs := c.Check(Input{Body: "He is a crook and Perera stole it", ArticleText: article}, DefaultPolicy())
	if got := matches(fs, DefamationRisk); !slices.Equal(got, []string{"He is a crook"}) {
		t.Errorf("matches = %q", got)
	}
}
