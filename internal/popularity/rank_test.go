package popularity

import (
	"slices"
	"testing"
	"time"
)

func TestRank(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 5, d, 8, 0, 0, 0, time.UTC) }
	items := []Ranked{
		{ID: 1, Views: 50, Published: day(1)},
		{ID: 2, Views: 900, Published: day(1)},
		{ID: 3, Views: 50, Published: day(3)}, // same views, newer: ahead of 1
		{ID: 4, Views: 50, Published: day(3)}, // same views and time: higher id first
		{ID: 5, Views: 0, Published: day(4)},
		{ID: 6, Views: 120, Published: time.Time{}},
	}
	orig := slices.Clone(items)
	ids := func(rs []Ranked) []int64 {
		var out []int64
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	tests := []struct {
		limit int
		want  []int64
	}{
		{10, []int64{2, 6, 4, 3, 1, 5}},
		{6, []int64{2, 6, 4, 3, 1, 5}},
		{3, []int64{2, 6, 4}},
		{1, []int64{2}},
		{0, nil},
		{-1, nil},
	}
	for _, tt := range tests {
		got := Rank(items, tt.limit)
		if !slices.Equal(ids(got), tt.want) {
			t.Errorf("Rank(limit %d) = %v, want %v", tt.limit, ids(got), tt.want)
		}
		if cap(got) != len(got) {
			t.Errorf("Rank(limit %d) keeps %d items alive for %d shown", tt.limit, cap(got), len(got))
		}
	}
	if !slices.Equal(items, orig) {
		t.Errorf("Rank reordered its input")
	}
	if got := Rank(nil, 5); len(got) != 0 {
		t.Errorf("Rank(nil) = %v", got)
	}
}
