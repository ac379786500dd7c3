package comments

import "testing"

func TestValidateCleansLineBreaks(t *testing.T) {
	cases := []struct{ in, want string }{
		{"one\r\ntwo", "one\ntwo"},
		{"one\rtwo", "one\ntwo"},
		// found by FuzzValidate: one pass of CRLF -> LF left "\r\n" behind
		{"one\r\r\ntwo", "one\n\ntwo"},
		{" \r\n body \r\n ", "body"},
	}
	for _, tc := range cases {
		sub := Submission{Name: "Nimal", Body: tc.in}
		if err := validate(&sub); err != nil {
			t.Fatalf("validate(%q): %v", tc.in, err)
		}
		if sub.Body != tc.want {
			t.Errorf("validate(%q) body = %q, want %q", tc.in, sub.Body, tc.want)
		}
	}
}

// TestValidateRefusesDirectionControls: names that would display reversed or
// reordered are refused, as are bodies with overrides or isolates, while the
// joiners Sinhala and Tamil need, and direction marks in a body, pass.
func TestValidateRefusesDirectionControls(t *testing.T) {
	cases := []struct {
		name, body string
		want       string // the problem's key, "" for none
	}{
		{"Nimal\u202Egnp.exe", "Well said.", "comment.error.name_bidi"},
		{"\u202Dadmin", "Well said.", "comment.error.name_bidi"},
		{"Editor\u2067 (staff)\u2069", "Well said.", "comment.error.name_bidi"},
		{"Nimal\u200F", "Well said.", "comment.error.name_bidi"},
		{"Nimal\u061C", "Well said.", "comment.error.name_bidi"},
		{"Nimal\u202A", "Well said.", "comment.error.name_bidi"},
		{"Nimal", "Visit \u202Emoc.elpmaxe\u202C today", "comment.error.body_bidi"},
		{"Nimal", "Read \u2066this\u2069 first", "comment.error.body_bidi"},
		{"Nimal", "\u202Bsome text", "comment.error.body_bidi"},
		{"ශ්\u200dරී ලංකා", "ශ්\u200dරී ලංකාව ගැන හොඳ ලිපියක්.", ""},
		{"க்\u200cஷ", "நல்ல கட்டுரை\u200c.", ""},
		{"Nimal", "Prices rose 5%\u200E in Colombo.", ""},
	}
	for _, tc := range cases {
		sub := Submission{Name: tc.name, Body: tc.body}
		err := validate(&sub)
		var got string
		if ie, ok := err.(*InputError); ok {
			got = ie.Keyed[0].Key
		} else if err != nil {
			t.Fatalf("validate(%q, %q): %v", tc.name, tc.body, err)
		}
		if got != tc.want {
			t.Errorf("validate(%q, %q) = %q, want %q", tc.name, tc.body, got, tc.want)
		}
	}
}
