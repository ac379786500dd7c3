package pagecache

// node is one cached entry: its place in a segment's recency list and in the
// tag index.
type node struct {
	key  string
	e    *Entry
	size int64
	// hits counts requests since the entry was stored, halved now and then
	// (see Cache.age), so it measures recent popularity.
	hits uint32
	seg  *segment
	// tags are the entry's distinct tags; tagPos[i] is this node's index in
	// the Cache's tags[tags[i]] slice, so removal is O(tags), not O(pages).
	tags   []string
	tagPos []int

	prev, next *node
}

// segment is a recency list, most recent at the front, with its byte total.
type segment struct {
	root  node // sentinel: root.next is the front, root.prev the back
	bytes int64
	len   int
}

func (s *segment) init() {
	s.root.next = &s.root
	s.root.prev = &s.root
}

func (s *segment) pushFront(n *node) {
	n.seg = s
	n.prev = &s.root
	n.next = s.root.next
	n.next.prev = n
	s.root.next = n
	s.bytes += n.size
	s.len++
}

func (s *segment) remove(n *node) {
	n.prev.next = n.next
	n.next.prev = n.prev
	n.prev, n.next, n.seg = nil, nil, nil
	s.bytes -= n.size
	s.len--
}

func (s *segment) moveToFront(n *node) {
	if s.root.next == n {
		return
	}
	n.prev.next = n.next
	n.next.prev = n.prev
	n.prev = &s.root
	n.next = s.root.next
	n.next.prev = n
	s.root.next = n
}

// back returns the least recently used node, or nil.
func (s *segment) back() *node {
	if s.len == 0 {
		return nil
	}
	return s.root.prev
}

// each calls f on every node, front to back.
func (s *segment) each(f func(*node)) {
	for n := s.root.next; n != &s.root; n = n.next {
		f(n)
	}
}
