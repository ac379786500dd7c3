package comments

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"dateline/internal/moderation"
)

// FuzzValidate checks the length, name, e-mail and UTF-8 checks a comment
// meets before the guideline checks: what passes is within the limits and
// cleaned, what fails says why in both forms, and cleaning is done once and
// for all (validating the cleaned comment again changes nothing).
func FuzzValidate(f *testing.F) {
	f.Add("Nimal", "", "Well said!")
	f.Add("  Nimal  ", "nimal@example.lk", " line one\r\nline two \r\n")
	f.Add("", "not an address", "")
	f.Add(strings.Repeat("n", MaxName+1), "a@b", strings.Repeat("ශ්\u200dරී ", 400))
	f.Add("ශ්\u200dරී", "<a@b>", strings.Repeat("x", MaxBody))
	f.Add("Nimal\xff", "a@b", "body")
	f.Add("Nimal", "a@b", "\r\r\n\r\n\r")
	f.Add("Nimal", "a@b", "one\r\r\ntwo\rthree")
	f.Add("\u00a0\u2003", "\t", "\u3000x\u3000")
	f.Fuzz(func(t *testing.T, name, email, body string) {
		sub := Submission{Name: name, Email: email, Body: body}
		err := validate(&sub)
		if !utf8.ValidString(name) || !utf8.ValidString(email) || !utf8.ValidString(body) {
			var ie *InputError
			if !errors.As(err, &ie) || len(ie.Keyed) != 1 || ie.Keyed[0].Key != "comment.error.utf8" {
				t.Fatalf("validate(%q, %q, %q) = %v, want the UTF-8 error", name, email, body, err)
			}
			return
		}
		keys := map[string]bool{}
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || len(ie.Problems) == 0 || len(ie.Problems) != len(ie.Keyed) {
				t.Fatalf("validate(%q, %q, %q) = %#v, want problems in both forms", name, email, body, err)
			}
			for k, p := range ie.Keyed {
				if !strings.HasPrefix(p.Key, "comment.error.") || ie.Problems[k] == "" {
					t.Fatalf("validate: problem %d: %q / %q", k, ie.Problems[k], p.Key)
				}
				keys[p.Key] = true
			}
		}
		nameRunes, bodyRunes := utf8.RuneCountInString(sub.Name), utf8.RuneCountInString(sub.Body)
		for key, bad := range map[string]bool{
			"comment.error.name_missing": nameRunes == 0,
			"comment.error.name_long":    nameRunes > MaxName,
			"comment.error.empty":        bodyRunes == 0,
			"comment.error.body_long":    bodyRunes > MaxBody,
			"comment.error.email": sub.Email != "" &&
				(len(sub.Email) > 254 || !strings.Contains(sub.Email, "@") || strings.ContainsAny(sub.Email, " <>\"")),
		} {
			if keys[key] != bad {
				t.Fatalf("validate(%q, %q, %q): problem %s = %v, but the cleaned comment says %v (%+v)", name, email, body, key, keys[key], bad, sub)
			}
		}
		if sub.Name != strings.TrimSpace(sub.Name) || sub.Email != strings.TrimSpace(sub.Email) || sub.Body != strings.TrimSpace(sub.Body) {
			t.Fatalf("validate left spaces around %+v", sub)
		}
		if strings.Contains(sub.Body, "\r") {
			t.Fatalf("validate(%q) left a carriage return in %q", body, sub.Body)
		}
		cleaned := sub
		err2 := validate(&sub)
		if sub != cleaned || (err == nil) != (err2 == nil) {
			t.Fatalf("validating again changes the comment: %+v (%v) -> %+v (%v)", cleaned, err, sub, err2)
		}
	})
}

// FuzzDecodePolicy reads whatever the settings table might hold: the result
// is always a usable policy, and unreadable JSON gives the default.
func FuzzDecodePolicy(f *testing.F) {
	for _, s := range []string{
		`{"mode":"post","actions":{"spam":"hold"},"flag_threshold":5,"extra_words":{"en":["gobshite"]}}`,
		`{}`, `null`, `[]`, `{"mode":"open","flag_threshold":-3}`, `{"actions":{"made-up":"publish"}}`,
		`{"extra_words":null}`, `{"extra_words":{}}`, `{"flag_threshold":1e99}`, "{\"mode\":\"pre\xff\"}", ``,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		p, err := decodePolicy(raw)
		if err != nil {
			if !reflect.DeepEqual(p, DefaultPolicy()) {
				t.Fatalf("decodePolicy(%q) failed (%v) but gave %+v, not the default", raw, err, p)
			}
			return
		}
		if !ValidMode(p.Mode) || p.FlagThreshold < 1 || p.ExtraWords == nil {
			t.Fatalf("decodePolicy(%q) = %+v: no usable mode, threshold or word lists", raw, p)
		}
		for _, rule := range moderation.Rules {
			if _, ok := p.Actions[rule]; !ok {
				t.Fatalf("decodePolicy(%q) = %+v: no action for %s", raw, p, rule)
			}
		}
		if again, err := decodePolicy(raw); err != nil || !reflect.DeepEqual(again, p) {
			t.Fatalf("decodePolicy(%q) is not deterministic", raw)
		}
	})
}

// FuzzPolicyRoundTrip checks that every policy Validate accepts is read back
// as it was saved.
func FuzzPolicyRoundTrip(f *testing.F) {
	f.Add("post", "obscene", "hold", 3, "en", "gobshite")
	f.Add("pre", "spam", "allow", 100, "si", "මෝඩයා")
	f.Add("closed", "made-up", "reject", 1, "", "")
	f.Add("open", "spam", "publish", 0, "ta", "x")
	f.Fuzz(func(t *testing.T, mode, rule, action string, threshold int, lang, word string) {
		p := Policy{
			Mode:          Mode(mode),
			Actions:       map[moderation.Rule]moderation.Action{moderation.Rule(rule): moderation.Action(action)},
			FlagThreshold: threshold,
			ExtraWords:    map[string][]string{lang: {word}},
		}
		err := p.Validate()
		valid := ValidMode(p.Mode) && threshold >= 1 && threshold <= 100 &&
			(action == "allow" || action == "hold" || action == "reject")
		if (err == nil) != valid {
			t.Fatalf("Validate(%+v) = %v", p, err)
		}
		if err != nil || !utf8.ValidString(rule) || !utf8.ValidString(lang) || !utf8.ValidString(word) {
			return // JSON writes invalid UTF-8 as U+FFFD, so such words come back changed
		}
		raw, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodePolicy(string(raw))
		if err != nil {
			t.Fatalf("decodePolicy(%s): %v", raw, err)
		}
		want := DefaultPolicy()
		want.Mode, want.FlagThreshold, want.ExtraWords = p.Mode, p.FlagThreshold, p.ExtraWords
		want.Actions[moderation.Rule(rule)] = moderation.Action(action)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("saved %+v, read back %+v", want, got)
		}
	})
}
