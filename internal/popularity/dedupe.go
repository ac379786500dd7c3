package popularity

import (
	"encoding/binary"
	"hash/maphash"
	"sync"
)

// Dedupe remembers which visitors have already been counted for which item
// today, so a reader who reloads a story, or comes back to it after lunch,
// adds one view, not ten. It is safe for concurrent use.
//
// Memory is bounded by maxEntries. Each entry is a 64-bit fingerprint of
// (visitor key, kind, id), measured at 25 to 36 bytes in the map, so a
// million entries take some 25 to 36 MB. Two different entries share a fingerprint
// with odds of about 3 in a million over a day of ten million entries; the
// later one then goes uncounted. The fingerprint's seed is random per
// Dedupe, and visitor keys are secret, so no one can aim for a collision.
//
// When the bound is reached Dedupe stops remembering new entries and
// answers true for every one it does not already hold: it fails open. The
// bound is reached by a flood of distinct visitors, which on a news site is
// usually a story breaking, and undercounting that story would put the
// wrong one at the top of Most Viewed; bots are IsBot's business. The cost
// is that a reader first seen after the bound is counted on every reload
// until the day ends.
type Dedupe struct {
	seed maphash.Seed
	max  int

	mu   sync.Mutex
	day  string
	seen map[uint64]struct{}
}

// NewDedupe returns a Dedupe that remembers at most maxEntries views a day;
// a maxEntries of zero or less remembers none, and so counts every view.
func NewDedupe(maxEntries int) *Dedupe {
	return &Dedupe{seed: maphash.MakeSeed(), max: max(maxEntries, 0), seen: map[uint64]struct{}{}}
}

// First reports whether this is the first view on day of item (kind, id) by
// the visitor with key, remembering it if so. day is the one Salter.Key
// returned with key: a later day forgets everything remembered; an earlier
// one (a request that straddled midnight) is answered true and not
// remembered, because the Salter keys it under the later day anyway.
func (d *Dedupe) First(day string, key [16]byte, kind Kind, id int64) bool {
	f := d.fingerprint(key, kind, id)

	d.mu.Lock()
	defer d.mu.Unlock()
	switch {
	case day > d.day:
		d.day = day
		d.seen = map[uint64]struct{}{} // a new map, so yesterday's memory is freed
	case day < d.day:
		return true
	}
	if _, ok := d.seen[f]; ok {
		return false
	}
	if len(d.seen) < d.max {
		d.seen[f] = struct{}{}
	}
	return true
}

func (d *Dedupe) fingerprint(key [16]byte, kind Kind, id int64) uint64 {
	var h maphash.Hash
	h.SetSeed(d.seed)
	h.Write(key[:])
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(id))
	h.Write(b[:])
	h.WriteString(string(kind))
	return h.Sum64()
}
