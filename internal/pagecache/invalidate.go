package pagecache

import "slices"

// Epoch returns the invalidation counter, to pass to Put after rendering.
func (c *Cache) Epoch() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.epoch
}

// Invalidate removes every entry carrying any of tags and returns how many
// it removed. It costs time in proportion to the entries removed, not to the
// size of the cache. Renders in progress that started before it and carry
// one of tags will be refused by Put.
func (c *Cache) Invalidate(tags ...string) int {
	if len(tags) == 0 {
		return 0
	}
	tags = slices.Clone(tags)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	c.recent[c.epoch%invalidationMemory] = invalidation{tags: tags}
	removed := 0
	for _, t := range tags {
		for list := c.tags[t]; len(list) > 0; list = c.tags[t] {
			c.drop(list[len(list)-1])
			removed++
		}
	}
	c.stats.Invalidations += uint64(removed)
	return removed
}

// Purge removes every entry, and makes Put refuse anything rendered before.
func (c *Cache) Purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	c.recent[c.epoch%invalidationMemory] = invalidation{all: true}
	c.stats.Invalidations += uint64(len(c.items))
	c.items = map[string]*node{}
	c.tags = map[string][]*node{}
	c.probation = segment{}
	c.protected = segment{}
	c.probation.init()
	c.protected.init()
}

// invalidation remembers what one epoch's Invalidate or Purge named.
type invalidation struct {
	tags []string
	all  bool
}

// stale reports whether an entry with tags, rendered at epoch, missed an
// invalidation that concerns it.
func (c *Cache) stale(epoch uint64, tags []string) bool {
	if epoch == c.epoch {
		return false
	}
	if epoch > c.epoch || c.epoch-epoch > invalidationMemory {
		return true
	}
	for ep := epoch + 1; ep <= c.epoch; ep++ {
		inv := &c.recent[ep%invalidationMemory]
		if inv.all {
			return true
		}
		for _, t := range inv.tags {
			if _, found := slices.BinarySearch(tags, t); found {
				return true
			}
		}
	}
	return false
}

func (c *Cache) index(n *node) {
	n.tagPos = make([]int, len(n.tags))
	for i, t := range n.tags {
		n.tagPos[i] = len(c.tags[t])
		c.tags[t] = append(c.tags[t], n)
	}
}

// unindex takes n out of each of its tags' lists by moving the last node of
// the list into its place.
func (c *Cache) unindex(n *node) {
	for i, t := range n.tags {
		list := c.tags[t]
		pos := n.tagPos[i]
		last := list[len(list)-1]
		list[pos] = last
		if last != n {
			last.tagPos[slices.Index(last.tags, t)] = pos
		}
		list[len(list)-1] = nil
		list = list[:len(list)-1]
		switch {
		case len(list) == 0:
			delete(c.tags, t)
		case cap(list) > 64 && len(list) < cap(list)/4:
			// An edition's list can shrink from thousands after a purge of
			// its pages; do not hold the old array.
			c.tags[t] = slices.Clone(list)
		default:
			c.tags[t] = list
		}
	}
}
