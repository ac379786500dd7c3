package popularity

import (
	"cmp"
	"slices"
	"time"
)

// Ranked is one item of a ranked list with its views over the window.
type Ranked struct {
	ID        int64
	Views     int64
	Published time.Time
}

// Rank returns the first limit items by views, most first; among equals the
// more recently published comes first, since a new story gathering views is
// the likelier one to be read next, and then the higher id, so the order is
// the same on every node and every request. items is not modified. A limit
// of zero or less returns no items.
func Rank(items []Ranked, limit int) []Ranked {
	if limit <= 0 {
		return nil
	}
	ranked := slices.Clone(items)
	slices.SortFunc(ranked, func(a, b Ranked) int {
		return cmp.Or(cmp.Compare(b.Views, a.Views), b.Published.Compare(a.Published), cmp.Compare(b.ID, a.ID))
	})
	if len(ranked) > limit {
		// A copy, so a cached list does not keep every item alive.
		ranked = slices.Clone(ranked[:limit])
	}
	return ranked
}
