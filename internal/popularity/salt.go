package popularity

import (
	"crypto/rand"
	"crypto/sha256"
	"sync"
	"time"
)

// saltSize is the length of a salt the Salter makes itself; a loaded salt
// may be from minSalt to sha256.BlockSize bytes.
const (
	saltSize = 32
	minSalt  = 16
)

// loadRetry is how long a shared Salter that could not load the day's salt
// keys visitors with a salt of its own before it asks again.
const loadRetry = time.Minute

// Salter turns who a visitor is (their address, or a verified reader id)
// into a visitor key that is stable for one day and cannot be linked to the
// same visitor's key on any other day, so views are counted once per reader
// without storing who the reader is.
//
// The key is an HMAC-SHA256, cut to 16 bytes, of a scope ("address",
// "reader") and the subject under a secret salt. The salt belongs to one calendar day in the site's
// zone; on the first key asked for on a later day it is zeroed and replaced,
// so nothing the process holds afterwards can recompute yesterday's keys.
// A Salter is safe for concurrent use.
type Salter struct {
	loc    *time.Location
	random func([]byte)                     // fills a new day's salt (NewSalter)
	load   func(day string) ([]byte, error) // fetches the shared salt (NewSharedSalter)

	mu      sync.RWMutex
	day     string    // "2006-01-02" in loc; "" before the first key
	end     time.Time // the instant the day ends
	salt    []byte    // the day's salt; zeroed when the day ends
	retryAt time.Time // when a shared Salter asks load again; zero when salt is the shared one
}

// NewSalter returns a Salter whose days are calendar days in loc and which
// makes each day's salt with random (crypto/rand.Read when nil; a
// deterministic function in tests). Use it when one process counts views.
func NewSalter(loc *time.Location, random func([]byte)) *Salter {
	if random == nil {
		random = func(b []byte) { rand.Read(b) }
	}
	return &Salter{loc: loc, random: random}
}

// NewSharedSalter returns a Salter for several processes counting the same
// views: each day's salt comes from load, which must return the same salt
// on every node for that day — typically by inserting a random one if the
// database has none for the day, then reading whichever won — and delete
// older days' salts, so the database forgets them too.
//
// The Salter takes ownership of the slice load returns and zeroes it when
// the day ends; load must not keep it. A salt must be 16 to 64 bytes; one
// of another length counts as a failed load.
//
// Key cannot return an error, so load should log its own. While load fails
// the Salter keys visitors with a salt of its own from crypto/rand and asks
// again a minute later: views keep being counted, and a reader seen both
// before and after the database comes back may be counted twice that day.
func NewSharedSalter(loc *time.Location, load func(day string) ([]byte, error)) *Salter {
	s := NewSalter(loc, nil)
	s.load = load
	return s
}

// Key returns the visitor key of subject in scope (the scope keeps an
// address and a reader id that happen to be the same text apart) for a
// request made at now, and the day ("2006-01-02" in the site's zone) the
// key belongs to, which is what Dedupe.First expects.
//
// A now on an earlier day than a key already given (a clock stepping back,
// a request that straddled midnight) is keyed under the later day: the
// earlier salt is gone, and going back and forth would change a reader's
// key within one day.
func (s *Salter) Key(now time.Time, scope, subject string) (key [16]byte, day string) {
	s.mu.RLock()
	if s.current(now) {
		key = s.mac(scope, subject)
		day = s.day
		s.mu.RUnlock()
		return key, day
	}
	s.mu.RUnlock()

	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.current(now) {
		s.refresh(now)
	}
	return s.mac(scope, subject), s.day
}

// current reports whether the salt held serves a key at now. The caller
// holds s.mu.
func (s *Salter) current(now time.Time) bool {
	if s.salt == nil || !now.Before(s.end) {
		return false
	}
	return s.retryAt.IsZero() || now.Before(s.retryAt)
}

// refresh moves to now's day, or for a shared Salter retries the load. The
// caller holds s.mu for writing.
func (s *Salter) refresh(now time.Time) {
	if s.salt == nil || !now.Before(s.end) {
		y, m, d := now.In(s.loc).Date()
		s.day = time.Date(y, m, d, 0, 0, 0, 0, s.loc).Format(time.DateOnly)
		s.end = time.Date(y, m, d+1, 0, 0, 0, 0, s.loc)
		s.setSalt(nil, time.Time{})
	}
	if s.load != nil {
		salt, err := s.load(s.day)
		if err == nil && len(salt) >= minSalt && len(salt) <= sha256.BlockSize {
			s.setSalt(salt, time.Time{})
			return
		}
		clear(salt)
		if s.salt != nil { // keep the stand-in: a new one would change every key again
			s.retryAt = now.Add(loadRetry)
			return
		}
	}
	salt := make([]byte, saltSize)
	s.random(salt)
	var retryAt time.Time
	if s.load != nil {
		retryAt = now.Add(loadRetry)
	}
	s.setSalt(salt, retryAt)
}

// setSalt zeroes the salt being replaced, so that it is forgotten rather than
// merely unreferenced, and installs salt.
func (s *Salter) setSalt(salt []byte, retryAt time.Time) {
	clear(s.salt)
	s.salt = salt
	s.retryAt = retryAt
}

// mac is HMAC-SHA256(salt, scope NUL subject) cut to 16 bytes. It is written
// out rather than taken from crypto/hmac, which keeps its own copy of the
// key on the heap where it cannot be zeroed when the day ends; the copies
// here live in buffers that are cleared before returning. The caller holds
// s.mu.
func (s *Salter) mac(scope, subject string) [16]byte {
	const ipad, opad = 0x36, 0x5c
	var stack [sha256.BlockSize + 320]byte
	n := sha256.BlockSize + len(scope) + 1 + len(subject)
	buf := stack[:0]
	if n > len(stack) {
		buf = make([]byte, 0, n)
	}
	buf = append(buf, s.salt...)
	buf = buf[:sha256.BlockSize] // zero-padded key
	for i := range buf {
		buf[i] ^= ipad
	}
	buf = append(buf, scope...)
	buf = append(buf, 0)
	buf = append(buf, subject...)
	inner := sha256.Sum256(buf)

	var outer [sha256.BlockSize + sha256.Size]byte
	copy(outer[:], s.salt)
	for i := range sha256.BlockSize {
		outer[i] ^= opad
	}
	copy(outer[sha256.BlockSize:], inner[:])
	sum := sha256.Sum256(outer[:])

	clear(buf[:cap(buf)])
	clear(outer[:])
	var key [16]byte
	copy(key[:], sum[:])
	return key
}
