package textdiff

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// script writes an edit script compactly: " x" equal, "+x" insert, "-x" delete.
func script(lines []Line) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = map[Op]string{Equal: " ", Insert: "+", Delete: "-"}[l.Op] + l.Text
	}
	return out
}

func TestLines(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want []string
	}{
		{"both empty", "", "", []string{}},
		{"identical", "Colombo, May 3\nRain fell.\n", "Colombo, May 3\nRain fell.\n",
			[]string{" Colombo, May 3", " Rain fell."}},
		{"empty to text", "", "First line\nSecond line\n", []string{"+First line", "+Second line"}},
		{"text to empty", "First line\nSecond line", "", []string{"-First line", "-Second line"}},
		{"trailing newline is not a line", "one\ntwo\n", "one\ntwo", []string{" one", " two"}},
		{"blank line is a line", "one\n\ntwo", "one\ntwo", []string{" one", "-", " two"}},
		{"one line changed in the middle",
			"The minister said on Monday.\nTurnout was 61 per cent.\nCounting continues.",
			"The minister said on Monday.\nTurnout was 64 per cent.\nCounting continues.",
			[]string{" The minister said on Monday.", "-Turnout was 61 per cent.", "+Turnout was 64 per cent.", " Counting continues."}},
		{"insert at start", "b\nc", "a\nb\nc", []string{"+a", " b", " c"}},
		{"insert at end", "a\nb", "a\nb\nc\n", []string{" a", " b", "+c"}},
		{"delete in middle", "a\nb\nc", "a\nc", []string{" a", "-b", " c"}},
		{"reordered paragraphs",
			"Para one.\n\nPara two.\n\nPara three.",
			"Para two.\n\nPara one.\n\nPara three.",
			// The longest common run is three lines, so four edits is minimal.
			[]string{"-Para one.", "-", " Para two.", "+", "+Para one.", " ", " Para three."}},
		{"CRLF is LF", "a\r\nb\r\nc\r\n", "a\nb\nc\n", []string{" a", " b", " c"}},
		{"CRLF with a change", "a\r\nb\r\n", "a\nB\n", []string{" a", "-b", "+B"}},
		{"Sinhala and Tamil",
			"කොළඹ, මැයි 3\nවැසි ඇද හැලුණි.\nயாழ்ப்பாணம்\n",
			"කොළඹ, මැයි 3\nවැසි දිගටම ඇද හැලුණි.\nயாழ்ப்பாணம்\n",
			[]string{" කොළඹ, මැයි 3", "-වැසි ඇද හැලුණි.", "+වැසි දිගටම ඇද හැලුණි.", " யாழ்ப்பாணம்"}},
		{"Tamil line added", "யாழ்ப்பாணம், மே 3", "யாழ்ப்பாணம், மே 3\nமழை தொடர்கிறது.",
			[]string{" யாழ்ப்பாணம், மே 3", "+மழை தொடர்கிறது."}},
		{"nothing in common", "a\nb", "c\nd", []string{"-a", "-b", "+c", "+d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := script(Lines(tt.a, tt.b))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Lines(%q, %q)\n got %q\nwant %q", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestStats(t *testing.T) {
	ins, del := Stats(Lines("a\nb\nc\nd", "a\nx\nc\ny\nz"))
	if ins != 3 || del != 2 {
		t.Errorf("Stats = %d inserted, %d deleted; want 3, 2", ins, del)
	}
	if ins, del := Stats(nil); ins != 0 || del != 0 {
		t.Errorf("Stats(nil) = %d, %d", ins, del)
	}
}

func TestLinesFallsBackOnHugeInputs(t *testing.T) {
	a := strings.Repeat("same line\n", maxLines+1)
	b := a + "one more\n"
	got := Lines(a, b)
	ins, del := Stats(got)
	if del != maxLines+1 || ins != maxLines+2 {
		t.Fatalf("Stats = %d inserted, %d deleted; want every line replaced", ins, del)
	}
	if got[0].Op != Delete || got[len(got)-1].Op != Insert {
		t.Errorf("fallback should delete all of a, then insert all of b")
	}

	// One side over the limit is still diffed properly.
	small := "same line\n"
	ins, del = Stats(Lines(small, a))
	if ins != maxLines || del != 0 {
		t.Errorf("Stats = %d inserted, %d deleted; want %d, 0", ins, del, maxLines)
	}
}

// TestLinesProperties checks on random inputs that the script rebuilds both
// texts and that it is minimal, by comparing its length with an LCS table.
func TestLinesProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 5))
	// A small vocabulary makes repeats, and so hard alignment choices, likely.
	words := []string{"", "a", "b", "c", "Rain fell.", "වැසි", "மழை", "  indented"}
	randomText := func() []string {
		lines := make([]string, r.IntN(30))
		for i := range lines {
			lines[i] = words[r.IntN(r.IntN(len(words))+1)]
		}
		return lines
	}
	for i := range 500 {
		al, bl := randomText(), randomText()
		a, b := strings.Join(al, "\n"), strings.Join(bl, "\n")
		if r.IntN(2) == 0 {
			a += "\n"
		}
		if r.IntN(3) == 0 {
			b = strings.ReplaceAll(b, "\n", "\r\n")
		}
		// Joining a single empty line gives "", which is no line at all.
		al, bl = splitLines(a), splitLines(b)

		got := Lines(a, b)
		var fromA, fromB []string
		for _, l := range got {
			if l.Op != Insert {
				fromA = append(fromA, l.Text)
			}
			if l.Op != Delete {
				fromB = append(fromB, l.Text)
			}
		}
		if !slices.Equal(fromA, al) || !slices.Equal(fromB, bl) {
			t.Fatalf("case %d: script %q does not rebuild\na=%q\nb=%q", i, script(got), al, bl)
		}
		ins, del := Stats(got)
		if want := len(al) + len(bl) - 2*lcsLen(al, bl); ins+del != want {
			t.Fatalf("case %d: %d edits, minimal is %d\na=%q\nb=%q\nscript %q", i, ins+del, want, al, bl, script(got))
		}
	}
}

func lcsLen(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func BenchmarkLinesFewEdits(b *testing.B) {
	var sb strings.Builder
	for i := range 4000 {
		sb.WriteString("Paragraph ")
		sb.WriteString(strings.Repeat("x", i%50))
		sb.WriteString("\n")
	}
	old := sb.String()
	edited := strings.Replace(old, "Paragraph xxxxx\n", "Paragraph yyyyy\n", 3) + "Closing line\n"
	for b.Loop() {
		Lines(old, edited)
	}
}
