package popularity

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"time"
)

// saltSize is the length of a salt the Salter makes itself; a loaded salt
// may be from minSalt to sha256.BlockSize bytes.
const (
	saltSize = 32
	minSalt  = 16
)

// fetchRetry is how long a shared Salter's Fetch that failed asks to be
// called again after.
const fetchRetry = time.Minute

// fetchAhead is how long before midnight (in the site's zone) a shared
// Salter fetches the next day's salt, so that the first key of the day is
// made from memory.
const fetchAhead = time.Hour

// Salter turns who a visitor is (their address, or a verified reader id)
// into a visitor key that is stable for one day and cannot be linked to the
// same visitor's key on any other day, so views are counted once per reader
// without storing who the reader is.
//
// The key is an HMAC-SHA256, cut to 16 bytes, of a scope ("address",
// "reader") and the subject under a secret salt. The salt belongs to one calendar day in the site's
// zone; on the first key asked for on a later day it is zeroed and replaced,
// so nothing the process holds afterwards can recompute yesterday's keys.
// Key only ever reads memory. A Salter is safe for concurrent use.
type Salter struct {
	loc    *time.Location
	random func([]byte) // fills a salt of this process's own
	source *SaltSource  // fetches the shared salts (NewSharedSalter); nil for NewSalter

	mu      sync.RWMutex
	day     string    // "2006-01-02" in loc; "" before the first key
	end     time.Time // the instant the day ends
	salt    []byte    // the day's salt; zeroed when the day ends
	standIn bool      // a shared Salter's own salt, until Fetch brings the shared one
	settled bool      // the day's salt came from SaltSource.Day, which forgot the days before
	nextDay string    // the day next holds the salt of; "" when none
	next    []byte    // the next day's shared salt, fetched ahead of midnight
}

// SaltSource is where a shared Salter's salts come from: each must return
// the same salt for a day on every node, typically by inserting a random
// one if the database has none for the day, then reading whichever won.
// The Salter takes ownership of the slices returned and zeroes them when
// their day ends; a salt must be 16 to 64 bytes, one of another length
// counts as a failed fetch.
type SaltSource struct {
	// Day returns the salt of a day that has begun and deletes the days
	// before's, so the database forgets them too.
	Day func(ctx context.Context, day string) ([]byte, error)
	// Ahead returns the salt of a day that has not begun; it deletes
	// nothing, since the day before is still being counted.
	Ahead func(ctx context.Context, day string) ([]byte, error)
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
// views, whose salts come from src through Fetch, which the caller runs in
// the background (Fetch says when to run it next). Key never waits for src:
// a day for which Fetch has brought no salt yet (at start, or all day while
// the database is down) is keyed with a stand-in salt of this process's own
// from crypto/rand, replaced when Fetch brings the shared one. Views keep
// being counted meanwhile; a reader seen both before and after may be
// counted twice that day, and once by each node.
func NewSharedSalter(loc *time.Location, src SaltSource) *Salter {
	s := NewSalter(loc, nil)
	s.source = &src
	return s
}

// Key returns the visitor key of subject in scope (the scope keeps an
// address and a reader id that happen to be the same text apart) for a
// request made at now, and the day ("2006-01-02" in the site's zone) the
// key belongs to, which is what Dedupe.First expects. It reads memory only.
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
		s.turn(now)
	}
	return s.mac(scope, subject), s.day
}

// current reports whether the salt held serves a key at now. The caller
// holds s.mu.
func (s *Salter) current(now time.Time) bool { return s.salt != nil && now.Before(s.end) }

// dayOf returns the day of t in the site's zone and the instant it ends.
func (s *Salter) dayOf(t time.Time) (day string, end time.Time) {
	y, m, d := t.In(s.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, s.loc).Format(time.DateOnly), time.Date(y, m, d+1, 0, 0, 0, 0, s.loc)
}

// turn moves to now's day: to the shared salt fetched ahead for it, or a
// salt of this process's own. The caller holds s.mu for writing.
func (s *Salter) turn(now time.Time) {
	s.day, s.end = s.dayOf(now)
	s.settled = false
	if s.next != nil && s.nextDay == s.day {
		s.setSalt(s.next)
		s.next, s.nextDay, s.standIn = nil, "", false
		return
	}
	if s.nextDay != "" && s.nextDay < s.day {
		clear(s.next)
		s.next, s.nextDay = nil, ""
	}
	salt := make([]byte, saltSize)
	s.random(salt)
	s.setSalt(salt)
	s.standIn = s.source != nil
}

// Fetch brings a shared Salter's salts from its SaltSource ahead of need:
// the salt of now's day unless the one held came from SaltSource.Day, and
// within the hour before midnight the next day's, through
// SaltSource.Ahead. It returns when to call it again: after a minute if a
// fetch failed (with the error), at the hour before midnight, or at
// midnight, to settle the new day. It holds no lock while it fetches, so
// Key never waits for it. On a Salter from NewSalter it does nothing.
func (s *Salter) Fetch(ctx context.Context, now time.Time) (next time.Time, err error) {
	day, end := s.dayOf(now)
	if s.source == nil {
		return end, nil
	}
	tomorrow, _ := s.dayOf(end)
	s.mu.RLock()
	needDay := s.day < day || (s.day == day && (s.standIn || !s.settled))
	needNext := s.nextDay != tomorrow
	s.mu.RUnlock()

	var errs []error
	if needDay {
		salt, err := fetched(s.source.Day(ctx, day))
		if err != nil {
			errs = append(errs, fmt.Errorf("the salt of %s: %w", day, err))
		} else {
			s.settle(day, end, salt)
		}
	}
	ahead := end.Add(-fetchAhead)
	if !now.Before(ahead) && needNext {
		salt, err := fetched(s.source.Ahead(ctx, tomorrow))
		if err != nil {
			errs = append(errs, fmt.Errorf("the salt of %s ahead of time: %w", tomorrow, err))
		} else {
			s.mu.Lock()
			clear(s.next)
			s.next, s.nextDay = salt, tomorrow
			s.mu.Unlock()
		}
	}
	switch {
	case len(errs) > 0 && now.Add(fetchRetry).Before(end):
		next = now.Add(fetchRetry)
	case now.Before(ahead):
		next = ahead
	default:
		next = end
	}
	return next, errors.Join(errs...)
}

// fetched checks a salt a SaltSource returned; a bad one is zeroed.
func fetched(salt []byte, err error) ([]byte, error) {
	if err == nil && (len(salt) < minSalt || len(salt) > sha256.BlockSize) {
		err = fmt.Errorf("a salt of %d bytes; want %d to %d", len(salt), minSalt, sha256.BlockSize)
	}
	if err != nil {
		clear(salt)
		return nil, err
	}
	return salt, nil
}

// settle installs the shared salt of day, fetched through SaltSource.Day,
// unless Key has moved on to a later day meanwhile.
func (s *Salter) settle(day string, end time.Time, salt []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.day > day:
		clear(salt)
		return
	case s.day < day:
		s.day, s.end = day, end
		if s.nextDay != "" && s.nextDay <= day {
			clear(s.next)
			s.next, s.nextDay = nil, ""
		}
		s.setSalt(salt)
	case bytes.Equal(s.salt, salt): // fetched ahead: the same salt
		clear(salt)
	default: // a stand-in, or the database's salt changed: it is the one every node uses
		s.setSalt(salt)
	}
	s.standIn, s.settled = false, true
}

// setSalt zeroes the salt being replaced, so that it is forgotten rather than
// merely unreferenced, and installs salt.
func (s *Salter) setSalt(salt []byte) {
	clear(s.salt)
	s.salt = salt
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
