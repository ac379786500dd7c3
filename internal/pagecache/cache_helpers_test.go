package pagecache

import (
	"fmt"
	"slices"
	"testing"
)

// unit is the accounted size of the test entries built by sized.
const unit = 4096

// sized returns a hand-built entry that counts exactly size bytes against
// the budget under key.
func sized(key string, size int64, tags ...string) *Entry {
	e := &Entry{Status: 200, Tags: tags}
	e.Body = make([]byte, size-entrySize(key, e, distinct(tags)))
	return e
}

// keys lists a segment's keys, most recent first.
func keys(s *segment) []string {
	var out []string
	s.each(func(n *node) { out = append(out, n.key) })
	return out
}

// checkInvariants fails t if the cache's bookkeeping disagrees with itself
// or the budget is exceeded.
func checkInvariants(t *testing.T, c *Cache) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	count := 0
	for _, s := range []*segment{&c.probation, &c.protected} {
		var bytes int64
		n := 0
		s.each(func(x *node) {
			bytes += x.size
			n++
			if x.seg != s {
				t.Errorf("node %q points at the wrong segment", x.key)
			}
			if c.items[x.key] != x {
				t.Errorf("node %q is not the one in the key map", x.key)
			}
			for i, tag := range x.tags {
				list := c.tags[tag]
				if x.tagPos[i] >= len(list) || list[x.tagPos[i]] != x {
					t.Errorf("node %q is not at its position in tag %q", x.key, tag)
				}
			}
		})
		if bytes != s.bytes || n != s.len {
			t.Errorf("segment says %d bytes in %d nodes, holds %d in %d", s.bytes, s.len, bytes, n)
		}
		count += n
	}
	if count != len(c.items) {
		t.Errorf("key map has %d entries, segments %d", len(c.items), count)
	}
	indexed := 0
	for tag, list := range c.tags {
		if len(list) == 0 {
			t.Errorf("tag %q has an empty list", tag)
		}
		for _, x := range list {
			if !slices.Contains(x.tags, tag) {
				t.Errorf("tag %q lists %q, which does not carry it", tag, x.key)
			}
		}
		indexed += len(list)
	}
	tagged := 0
	for _, x := range c.items {
		tagged += len(x.tags)
	}
	if indexed != tagged {
		t.Errorf("tag index has %d memberships, entries carry %d", indexed, tagged)
	}
	if total := c.probation.bytes + c.protected.bytes; total > c.maxBytes {
		t.Errorf("holds %d bytes, budget %d", total, c.maxBytes)
	}
	if c.protected.bytes > c.protectedMax {
		t.Errorf("protected holds %d bytes, its share is %d", c.protected.bytes, c.protectedMax)
	}
}

// run applies a tiny script to c: "+k" puts k (one unit, tagged "t:k"),
// "?k" gets k.
func run(t *testing.T, c *Cache, ops []string) {
	t.Helper()
	for _, op := range ops {
		key := op[1:]
		switch op[0] {
		case '+':
			if !c.Put(key, sized(key, unit, "t:"+key), c.Epoch()) {
				t.Fatalf("%s: Put refused", op)
			}
		case '?':
			c.Get(key)
		default:
			panic(fmt.Sprintf("bad op %q", op))
		}
		checkInvariants(t, c)
	}
}

// putGet returns the ops that put each key and then get it n times.
func putGet(n int, ks ...string) []string {
	var ops []string
	for _, k := range ks {
		ops = append(ops, "+"+k)
		for range n {
			ops = append(ops, "?"+k)
		}
	}
	return ops
}

func seq(prefix string, from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprint(prefix, i))
	}
	return out
}
