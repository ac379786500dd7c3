package moderation

import (
	"bytes"
	"html/template"
	"slices"
	"testing"
)

func TestHighlight(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		findings []Finding
		want     []Segment
	}{
		{"no findings", "hello", nil, []Segment{{"hello", ""}}},
		{"empty body", "", []Finding{{Rule: Obscene, Start: 0, End: 1}}, nil},
		{"one word", "you f*ck off", []Finding{{Rule: Obscene, Start: 4, End: 8}},
			[]Segment{{"you ", ""}, {"f*ck", Obscene}, {" off", ""}}},
		{"at both ends", "shit and shit", []Finding{{Rule: Obscene, Start: 0, End: 4}, {Rule: Obscene, Start: 9, End: 13}},
			[]Segment{{"shit", Obscene}, {" and ", ""}, {"shit", Obscene}}},
		{"overlapping same rule merge", "abcdefgh", []Finding{{Rule: OutsideLink, Start: 1, End: 5}, {Rule: OutsideLink, Start: 3, End: 7}},
			[]Segment{{"a", ""}, {"bcdefg", OutsideLink}, {"h", ""}}},
		{"specific rule wins inside all-caps", "FUCK THIS", []Finding{{Rule: AllCaps, Start: 0, End: 9}, {Rule: Obscene, Start: 0, End: 4}},
			[]Segment{{"FUCK", Obscene}, {" THIS", AllCaps}}},
		{"link inside a defamation span", "Perera paid evil.com", []Finding{{Rule: DefamationRisk, Start: 0, End: 20}, {Rule: OutsideLink, Start: 12, End: 20}},
			[]Segment{{"Perera paid ", DefamationRisk}, {"evil.com", OutsideLink}}},
		{"signals are skipped", "hello", []Finding{{Rule: Spam, Match: "hidden field filled"}}, []Segment{{"hello", ""}}},
		{"bad offsets are skipped", "hello", []Finding{{Rule: Obscene, Start: 3, End: 99}, {Rule: Obscene, Start: -1, End: 2}, {Rule: Obscene, Start: 4, End: 2}},
			[]Segment{{"hello", ""}}},
		{"runes, not bytes", "කොළඹ shit", []Finding{{Rule: Obscene, Start: 5, End: 9}},
			[]Segment{{"කොළඹ ", ""}, {"shit", Obscene}}},
		{"invalid UTF-8", "a\xffb", []Finding{{Rule: Obscene, Start: 1, End: 2}},
			[]Segment{{"a", ""}, {"\uFFFD", Obscene}, {"b", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Highlight(tt.body, tt.findings); !slices.Equal(got, tt.want) {
				t.Errorf("Highlight = %q, want %q", got, tt.want)
			}
		})
	}
}

// Highlighted segments go through html/template as ordinary text, so markup
// in a comment stays inert.
func TestHighlightEscapes(t *testing.T) {
	c := New("dateline.lk", nil)
	body := `<script>alert(1)</script> <a href="http://evil.com">shit</a>`
	_, fs := c.Check(Input{Body: body}, DefaultPolicy())
	tmpl := template.Must(template.New("q").Parse(`{{range .}}{{if .Rule}}<mark class="{{.Rule}}">{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}`))
	var out bytes.Buffer
	if err := tmpl.Execute(&out, Highlight(body, fs)); err != nil {
		t.Fatal(err)
	}
	want := `&lt;script&gt;alert(1)&lt;/script&gt; <mark class="outside-link">&lt;a href=&#34;http://evil.com&#34;&gt;</mark>` +
		`<mark class="obscene">shit</mark><mark class="outside-link">&lt;/a&gt;</mark>`
	if out.String() != want {
		t.Errorf("rendered\n%s\nwant\n%s", out.String(), want)
	}
}
