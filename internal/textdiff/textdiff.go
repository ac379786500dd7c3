// Package textdiff compares two versions of a text line by line (Lines) or
// word by word (Words), so an editor can see what changed between versions.
//
// The diff is Myers' O(ND) algorithm in its linear-space form (the "middle
// snake" bisection), so memory stays proportional to the input even when the
// revisions have little in common. Time is O((N+M)·D), which is quick for the
// usual case of revisions that differ in a few places; Words bounds it with
// a budget of steps and falls back to a coarser diff beyond it.
package textdiff

import (
	"math"
	"strings"
)

// Op says what happened to a line.
type Op int

const (
	// Equal lines appear in both texts.
	Equal Op = iota
	// Insert lines appear only in the new text.
	Insert
	// Delete lines appear only in the old text.
	Delete
)

// String returns "equal", "insert" or "delete", which templates can use as a
// CSS class.
func (o Op) String() string {
	switch o {
	case Equal:
		return "equal"
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return "unknown"
}

// Line is one line of an edit script. Text has no line ending.
type Line struct {
	Op   Op
	Text string
}

// maxLines bounds the work Lines will do: when both texts are longer than
// this, it gives up on a minimal diff rather than risk a long computation on
// a request path.
const maxLines = 5000

// Lines diffs a and b line by line and returns the edit script in order:
// Equal lines, lines Deleted from a and lines Inserted from b. Within a
// changed block the deletions come before the insertions. Keeping only Equal
// and Delete lines gives back the lines of a; keeping Equal and Insert lines
// gives back the lines of b.
//
// Lines are split on "\n"; "\r\n" counts as "\n", and a final line ending does
// not make an extra empty line, so "a\n" and "a" are the same single line.
// If both texts have more than 5000 lines, the script is simply every line of
// a deleted followed by every line of b inserted.
func Lines(a, b string) []Line {
	al, bl := splitLines(a), splitLines(b)
	if len(al) > maxLines && len(bl) > maxLines {
		out := make([]Line, 0, len(al)+len(bl))
		for _, s := range al {
			out = append(out, Line{Delete, s})
		}
		for _, s := range bl {
			out = append(out, Line{Insert, s})
		}
		return out
	}

	ids := interner{}
	d := newDiffer(ids.of(al), ids.of(bl), math.MaxInt)
	d.compare(0, len(al), 0, len(bl))

	out := make([]Line, 0, len(al)+len(bl))
	i, j := 0, 0
	for i < len(al) || j < len(bl) {
		switch {
		case i < len(al) && d.deleted[i]:
			out = append(out, Line{Delete, al[i]})
			i++
		case j < len(bl) && d.inserted[j]:
			out = append(out, Line{Insert, bl[j]})
			j++
		default:
			out = append(out, Line{Equal, al[i]})
			i++
			j++
		}
	}
	return out
}

// Stats counts the inserted and deleted lines of an edit script.
func Stats(lines []Line) (inserted, deleted int) {
	for _, l := range lines {
		switch l.Op {
		case Insert:
			inserted++
		case Delete:
			deleted++
		}
	}
	return inserted, deleted
}

// interner numbers distinct strings, so that the inner loop of the diff
// compares small integers rather than strings.
type interner map[string]int

func (ids interner) of(parts []string) []int {
	out := make([]int, len(parts))
	for i, s := range parts {
		id, ok := ids[s]
		if !ok {
			id = len(ids)
			ids[s] = id
		}
		out[i] = id
	}
	return out
}

// ofPieces numbers the pieces of s that end at each of ends.
func (ids interner) ofPieces(s string, ends []int) []int {
	out := make([]int, len(ends))
	start := 0
	for i, end := range ends {
		piece := s[start:end]
		id, ok := ids[piece]
		if !ok {
			id = len(ids)
			ids[piece] = id
		}
		out[i], start = id, end
	}
	return out
}

// splitLines splits s into lines without their endings.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimSuffix(s, "\n")
	return strings.Split(s, "\n")
}

// differ marks which lines of a are deleted and which lines of b are
// inserted; every unmarked line is part of the common subsequence.
type differ struct {
	a, b              []int
	deleted, inserted []bool
	// v1 and v2 are the forward and backward furthest-reaching x per
	// diagonal. One pair serves every bisection, since each finishes before
	// the next begins.
	v1, v2 []int
	// budget is how many more steps (diagonals tried and matches followed)
	// the search may take. When it runs out, exhausted is set and every
	// range not yet compared is marked as wholly deleted and inserted: the
	// script stays correct, only no longer minimal.
	budget    int
	exhausted bool
}

func newDiffer(a, b []int, budget int) *differ {
	size := 2*((len(a)+len(b)+1)/2) + 2
	return &differ{
		a: a, b: b,
		deleted:  make([]bool, len(a)),
		inserted: make([]bool, len(b)),
		v1:       make([]int, size),
		v2:       make([]int, size),
		budget:   budget,
	}
}

// spend takes n steps from the budget and reports whether any were left.
func (d *differ) spend(n int) bool {
	if d.budget < n {
		d.budget, d.exhausted = 0, true
		return false
	}
	d.budget -= n
	return true
}

// compare marks the differences between a[aLo:aHi] and b[bLo:bHi].
func (d *differ) compare(aLo, aHi, bLo, bHi int) {
	for aLo < aHi && bLo < bHi && d.a[aLo] == d.b[bLo] {
		aLo++
		bLo++
	}
	for aLo < aHi && bLo < bHi && d.a[aHi-1] == d.b[bHi-1] {
		aHi--
		bHi--
	}
	switch {
	case aLo == aHi:
		for j := bLo; j < bHi; j++ {
			d.inserted[j] = true
		}
	case bLo == bHi:
		for i := aLo; i < aHi; i++ {
			d.deleted[i] = true
		}
	default:
		x, y, ok := d.bisect(aLo, aHi, bLo, bHi)
		if !ok {
			for i := aLo; i < aHi; i++ {
				d.deleted[i] = true
			}
			for j := bLo; j < bHi; j++ {
				d.inserted[j] = true
			}
			return
		}
		d.compare(aLo, aLo+x, bLo, bLo+y)
		d.compare(aLo+x, aHi, bLo+y, bHi)
	}
}

// bisect finds the middle snake of a shortest edit script for a[aLo:aHi]
// and b[bLo:bHi], running the forward and backward searches towards each
// other, and returns the point (relative to aLo, bLo) where they meet. ok is
// false when the two ranges have no line in common, or when the budget ran
// out before the searches met. The ranges must be
// non-empty and differ in their first and last lines.
func (d *differ) bisect(aLo, aHi, bLo, bHi int) (x, y int, ok bool) {
	a, b := d.a[aLo:aHi], d.b[bLo:bHi]
	n, m := len(a), len(b)
	maxD := (n + m + 1) / 2
	off := maxD
	vLen := 2 * maxD
	v1, v2 := d.v1[:vLen+2], d.v2[:vLen+2]
	if !d.spend(vLen) {
		return 0, 0, false
	}
	for i := range v1 {
		v1[i] = -1
		v2[i] = -1
	}
	v1[off+1] = 0
	v2[off+1] = 0
	delta := n - m
	// With an odd delta the forward path reaches the overlap first;
	// otherwise the backward one does.
	front := delta%2 != 0
	// k1start and friends trim diagonals whose paths ran off the grid.
	k1start, k1end, k2start, k2end := 0, 0, 0, 0
	for dist := 0; dist < maxD; dist++ {
		for k1 := -dist + k1start; k1 <= dist-k1end; k1 += 2 {
			k1off := off + k1
			var x1 int
			if k1 == -dist || (k1 != dist && v1[k1off-1] < v1[k1off+1]) {
				x1 = v1[k1off+1]
			} else {
				x1 = v1[k1off-1] + 1
			}
			y1 := x1 - k1
			from := x1
			for x1 < n && y1 < m && a[x1] == b[y1] {
				x1++
				y1++
			}
			if !d.spend(1 + x1 - from) {
				return 0, 0, false
			}
			v1[k1off] = x1
			switch {
			case x1 > n:
				k1end += 2
			case y1 > m:
				k1start += 2
			case front:
				k2off := off + delta - k1
				if k2off >= 0 && k2off < vLen && v2[k2off] != -1 {
					if x1 >= n-v2[k2off] {
						return x1, y1, true
					}
				}
			}
		}
		for k2 := -dist + k2start; k2 <= dist-k2end; k2 += 2 {
			k2off := off + k2
			var x2 int
			if k2 == -dist || (k2 != dist && v2[k2off-1] < v2[k2off+1]) {
				x2 = v2[k2off+1]
			} else {
				x2 = v2[k2off-1] + 1
			}
			y2 := x2 - k2
			from := x2
			for x2 < n && y2 < m && a[n-x2-1] == b[m-y2-1] {
				x2++
				y2++
			}
			if !d.spend(1 + x2 - from) {
				return 0, 0, false
			}
			v2[k2off] = x2
			switch {
			case x2 > n:
				k2end += 2
			case y2 > m:
				k2start += 2
			case !front:
				k1off := off + delta - k2
				if k1off >= 0 && k1off < vLen && v1[k1off] != -1 {
					x1 := v1[k1off]
					y1 := off + x1 - k1off
					if x1 >= n-x2 {
						return x1, y1, true
					}
				}
			}
		}
	}
	return 0, 0, false
}
