package moderation

// defamationLex holds the word lists of the defamation rule, built by New.
type defamationLex struct {
	accuse        phraseList      // crimes: "thief", "stole", "drug dealer"
	notAfter      phraseList      // "fraud case", "Bribery Commission": an institution, not an accusation
	titles        phraseList      // before a name: "Mr", "Minister", "திரு"
	honorifics    phraseList      // after a name: "මහතා"
	roles         phraseList      // after "the", "this"...: "editor", "police chief"
	offices       phraseList      // Sinhala and Tamil offices that name a person alone
	pronouns      phraseList      // "he", "she", "ඔහු", "அவர்"
	notNames      map[string]bool // capitalised words that are not names
	abbreviations map[string]bool // their full stop does not end a sentence
}

func newDefamationLex() defamationLex {
	return defamationLex{
		accuse:        newPhraseList(lexWords(accusationsEnglish), lexWords(accusationsSinhala), lexWords(accusationsTamil)),
		notAfter:      newPhraseList(lexWords(notAccusationsEnglish), lexWords(notAccusationsSinhala), lexWords(notAccusationsTamil)),
		titles:        newPhraseList(lexWords(titlesEnglish), lexWords(titlesSinhala), lexWords(titlesTamil)),
		honorifics:    newPhraseList(lexWords(honorificsSinhala)),
		roles:         newPhraseList(lexWords(rolesEnglish)),
		offices:       newPhraseList(lexWords(rolesSinhala), lexWords(rolesTamil)),
		pronouns:      newPhraseList(lexWords(pronounsEnglish), lexWords(pronounsSinhala), lexWords(pronounsTamil)),
		notNames:      wordSet(notNamesEnglish),
		abbreviations: wordSet(abbreviationsEnglish),
	}
}

// accusation is a sentence that puts an identified person next to a crime.
type accusation struct {
	sp, person, term span // view spans: the whole statement, the person, the crime word
}

// wspan is a range [a, b) of word indices.
type wspan struct{ a, b int }

// findDefamation returns, for each sentence of ws that accuses an identified
// person of a crime, the stretch from the person to the accusation. article
// is the text of the article commented on: people it names can be referred
// to by surname or as "he" or "she".
func (c *Checker) findDefamation(ws []dword, article string) []accusation {
	var out []accusation
	var people *articlePeople
	for a := 0; a < len(ws); {
		b := a + 1
		for b < len(ws) && !ws[b].breakBefore {
			b++
		}
		terms := c.accusations(ws, a, b)
		if len(terms) > 0 {
			if people == nil {
				people = c.articlePeople(article)
			}
			if acc, ok := c.accused(ws, a, b, terms, people); ok {
				out = append(out, acc)
			}
		}
		a = b
	}
	return out
}

// term is an accusation word or phrase in a sentence.
type term struct {
	wspan
	verb bool
}

// accusations finds the crime words of the sentence ws[a:b] that are used
// as accusations.
func (c *Checker) accusations(ws []dword, a, b int) []term {
	var out []term
	for k := a; k < b; k++ {
		p, n := c.lex.accuse.at(ws[:b], k)
		if n == 0 || k > a && ws[k].breakBefore {
			continue
		}
		t := term{wspan{k, k + n}, p.tag == "verb"}
		if !c.innocentUse(ws, a, b, t) {
			out = append(out, t)
		}
		k += n - 1
	}
	return out
}

// innocentUse reports crime words that do not accuse: an institution or a
// proceeding ("the fraud case", "the Bribery Commission"), a victim ("was
// killed", "the murder of"), "anti-", and sports and show-business idiom
// ("stole the show", "stole a single", "a killer instinct", "killed it").
func (c *Checker) innocentUse(ws []dword, a, b int, t term) bool {
	if t.b < b {
		if _, n := c.lex.notAfter.at(ws[:b], t.b); n > 0 {
			return true
		}
	}
	prev := func(k int) string {
		if t.a-k >= a {
			return ws[t.a-k].low
		}
		return ""
	}
	next := func(k int) string {
		if t.b+k-1 < b {
			return ws[t.b+k-1].low
		}
		return ""
	}
	if prev(1) == "anti" {
		return true
	}
	if t.verb && (passive(prev(1)) || passive(prev(2))) {
		return true
	}
	switch ws[t.a].low {
	case "stole", "steals", "steal", "stealing":
		switch next(1) {
		case "the", "a", "an", "my", "our", "your", "every":
			switch next(2) {
			case "show", "single", "run", "runs", "base", "limelight", "spotlight", "march",
				"glance", "headlines", "heart", "hearts", "moment", "kiss", "victory", "win", "wicket":
				return true
			}
		case "hearts":
			return true
		}
	case "killed":
		return next(1) == "it"
	case "killer", "killers":
		switch next(1) {
		case "instinct", "ball", "delivery", "yorker", "bouncer", "spell", "innings", "knock", "catch",
			"finish", "app", "feature", "blow", "punch", "smile", "look", "shot", "performance", "heat",
			"whale", "line", "combo", "deal":
			return true
		}
	case "murder", "killing":
		return next(1) == "of"
	}
	return false
}

// otherSubject reports words between a person and a verb that give the verb
// a subject of its own: "the minister said the floods killed".
func otherSubject(between []dword) bool {
	for _, w := range between {
		switch w.low {
		case "the", "a", "an", "that", "said", "says", "say", "told", "claimed", "claims":
			return true
		}
	}
	return false
}

func passive(w string) bool {
	switch w {
	case "was", "were", "been", "being", "is", "are", "be", "get", "got", "gets", "getting":
		return true
	}
	return false
}

// accused pairs the sentence's accusations with the people it identifies.
// A verb needs its person just before it ("Perera stole", "he bribed",
// "Perera and his son stole"); other words take the nearest person anywhere
// in the sentence.
func (c *Checker) accused(ws []dword, a, b int, terms []term, people *articlePeople) (accusation, bool) {
	persons := mergePersons(ws, c.persons(ws, a, b, people))
	for _, t := range terms {
		best, dist := wspan{}, -1
		for _, p := range persons {
			if p.a < t.b && t.a < p.b {
				continue // the person is the crime word itself
			}
			var d int
			switch {
			case t.verb && (p.b > t.a || t.a-p.b > 3 || otherSubject(ws[p.b:t.a])):
				continue
			case p.b <= t.a:
				d = t.a - p.b
			default:
				// "Perera is a crook", with the person first, is the usual
				// order; prefer it over a name that follows the word
				d = p.a - t.b + 2
			}
			if dist < 0 || d < dist {
				best, dist = p, d
			}
		}
		if dist < 0 {
			continue
		}
		person := span{ws[best.a].s, ws[best.b-1].e}
		crime := span{ws[t.a].s, ws[t.b-1].e}
		return accusation{
			sp:     span{min(person.s, crime.s), max(person.e, crime.e)},
			person: person,
			term:   crime,
		}, true
	}
	return accusation{}, false
}
