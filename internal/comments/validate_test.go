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
