package popularity

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the machine's zoneinfo
)

func colombo(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Colombo")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// counting fills each salt with a different deterministic byte and counts
// the salts made.
func counting(made *int) func([]byte) {
	return func(b []byte) {
		*made++
		for i := range b {
			b[i] = byte(*made)
		}
	}
}

const (
	readerIP = "203.0.113.7"
	readerUA = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36"
)

func TestSalterRotatesAtMidnightInColombo(t *testing.T) {
	loc := colombo(t)
	made := 0
	s := NewSalter(loc, counting(&made))

	morning := time.Date(2026, 5, 3, 0, 0, 0, 0, loc)
	lastSecond := time.Date(2026, 5, 3, 23, 59, 59, 999999999, loc)
	midnight := time.Date(2026, 5, 4, 0, 0, 0, 0, loc)

	k1, day1 := s.Key(morning, readerIP, readerUA)
	firstSalt := s.salt
	k2, day2 := s.Key(lastSecond, readerIP, readerUA)
	if k1 != k2 || day1 != "2026-05-03" || day2 != day1 {
		t.Fatalf("same day: keys %x %x, days %q %q; want equal keys on 2026-05-03", k1, k2, day1, day2)
	}
	// 18:29:59 UTC is still the 3rd in Colombo (+05:30), 18:30 is the 4th.
	if _, d := s.Key(lastSecond.UTC(), readerIP, readerUA); d != "2026-05-03" {
		t.Errorf("day of %v = %q, want 2026-05-03", lastSecond.UTC(), d)
	}
	if other, _ := s.Key(morning, "203.0.113.8", readerUA); other == k1 {
		t.Errorf("another address has the same key %x", other)
	}
	if other, _ := s.Key(morning, readerIP, readerUA+" Edg/124.0.0.0"); other == k1 {
		t.Errorf("another user agent has the same key %x", other)
	}
	// The separator keeps address and agent apart: "1.2.3.4" + "5 x" is not "1.2.3.45" + " x".
	a, _ := s.Key(morning, "1.2.3.4", "5 x")
	b, _ := s.Key(morning, "1.2.3.45", " x")
	if a == b {
		t.Errorf("address and user agent run together: %x", a)
	}
	if made != 1 {
		t.Fatalf("%d salts made in one day, want 1", made)
	}

	k3, day3 := s.Key(midnight, readerIP, readerUA)
	if day3 != "2026-05-04" || k3 == k1 {
		t.Fatalf("next day: key %x day %q; want a new key on 2026-05-04", k3, day3)
	}
	if made != 2 {
		t.Errorf("%d salts made over two days, want 2", made)
	}
	if !bytes.Equal(firstSalt, make([]byte, len(firstSalt))) {
		t.Errorf("yesterday's salt still holds %x, want zeroes", firstSalt)
	}

	// A request stamped before midnight but keyed after it stays on the new day.
	k4, day4 := s.Key(lastSecond, readerIP, readerUA)
	if day4 != "2026-05-04" || k4 != k3 {
		t.Errorf("late request: key %x day %q; want %x on 2026-05-04", k4, day4, k3)
	}
	if made != 2 {
		t.Errorf("going back made a salt: %d made, want 2", made)
	}
}

func TestSalterDefaultRandom(t *testing.T) {
	loc := colombo(t)
	now := time.Date(2026, 5, 3, 12, 0, 0, 0, loc)
	a, _ := NewSalter(loc, nil).Key(now, readerIP, readerUA)
	b, _ := NewSalter(loc, nil).Key(now, readerIP, readerUA)
	if a == b {
		t.Errorf("two Salters with crypto/rand salts gave the same key %x", a)
	}
}

func TestSalterLongUserAgent(t *testing.T) {
	s := NewSalter(time.UTC, counting(new(int)))
	now := time.Date(2026, 5, 3, 12, 0, 0, 0, time.UTC)
	long := string(bytes.Repeat([]byte("x"), 5000))
	a, _ := s.Key(now, readerIP, long)
	b, _ := s.Key(now, readerIP, long+"y")
	c, _ := s.Key(now, readerIP, long)
	if a == b || a != c {
		t.Errorf("long user agents: %x %x %x", a, b, c)
	}
	if want := hmacKey(bytes.Repeat([]byte{1}, saltSize), readerIP, long); a != want {
		t.Errorf("long user agent: key %x, want HMAC-SHA256 %x", a, want)
	}
}

// sharedDB stands in for the database two nodes share: one salt per day,
// made by whichever node asks first, each day's recorded as it is asked
// for.
type sharedDB struct {
	salts  map[string][]byte
	asked  []string // "day 2026-05-03", "ahead 2026-05-04"
	given  [][]byte // every slice handed out, to check that each is zeroed
	failed bool     // the database is down
}

func (db *sharedDB) source() SaltSource {
	get := func(how string) func(context.Context, string) ([]byte, error) {
		return func(_ context.Context, day string) ([]byte, error) {
			db.asked = append(db.asked, how+" "+day)
			if db.failed {
				return nil, errors.New("database is down")
			}
			if db.salts[day] == nil {
				db.salts[day] = bytes.Repeat([]byte(day[len(day)-1:]), 32)
			}
			salt := bytes.Clone(db.salts[day])
			db.given = append(db.given, salt)
			return salt, nil
		}
	}
	return SaltSource{Day: get("day"), Ahead: get("ahead")}
}

func TestSharedSalter(t *testing.T) {
	loc := colombo(t)
	day1 := time.Date(2026, 5, 3, 9, 0, 0, 0, loc)
	db := &sharedDB{salts: map[string][]byte{}}
	nodeA := NewSharedSalter(loc, db.source())
	nodeB := NewSharedSalter(loc, db.source())

	for _, n := range []*Salter{nodeA, nodeB} {
		next, err := n.Fetch(context.Background(), day1)
		if err != nil || !next.Equal(time.Date(2026, 5, 3, 23, 0, 0, 0, loc)) {
			t.Fatalf("fetch at 09:00: next %v %v; want 23:00, an hour before midnight", next, err)
		}
	}
	a1, d := nodeA.Key(day1, readerIP, readerUA)
	b1, _ := nodeB.Key(day1.Add(3*time.Hour), readerIP, readerUA)
	if a1 != b1 || d != "2026-05-03" || a1 != hmacKey(db.salts["2026-05-03"], readerIP, readerUA) {
		t.Fatalf("nodes disagree on one day: %x %x (%s)", a1, b1, d)
	}
	nodeA.Fetch(context.Background(), day1.Add(time.Hour))
	if len(db.asked) != 2 {
		t.Errorf("two nodes on one day asked %v, want once each", db.asked)
	}
}

// TestSharedSalterFetchesAheadOfMidnight: in the hour before midnight in
// Colombo the next day's salt is fetched without forgetting anything, the
// first key after midnight is made from it in memory, and the fetch at
// midnight settles the day (the database forgets the day before) without
// changing a key.
func TestSharedSalterFetchesAheadOfMidnight(t *testing.T) {
	loc := colombo(t)
	db := &sharedDB{salts: map[string][]byte{}}
	s := NewSharedSalter(loc, db.source())
	ctx := context.Background()
	evening := time.Date(2026, 5, 3, 22, 59, 0, 0, loc)
	ahead := time.Date(2026, 5, 3, 23, 0, 0, 0, loc)
	midnight := time.Date(2026, 5, 4, 0, 0, 0, 0, loc)

	if next, err := s.Fetch(ctx, evening); err != nil || !next.Equal(ahead) {
		t.Fatalf("fetch at 22:59: next %v %v, want 23:00", next, err)
	}
	k1, _ := s.Key(evening, readerIP, readerUA)
	if next, err := s.Fetch(ctx, ahead); err != nil || !next.Equal(midnight) {
		t.Fatalf("fetch at 23:00: next %v %v, want midnight", next, err)
	}
	if want := []string{"day 2026-05-03", "ahead 2026-05-04"}; fmt.Sprint(db.asked) != fmt.Sprint(want) {
		t.Fatalf("asked %v, want %v", db.asked, want)
	}
	if k, d := s.Key(midnight.Add(-time.Nanosecond), readerIP, readerUA); k != k1 || d != "2026-05-03" {
		t.Errorf("the last instant of the 3rd: key %x day %s, want today's %x", k, d, k1)
	}
	// UTC 18:30 is midnight in Colombo.
	k2, d := s.Key(midnight.UTC(), readerIP, readerUA)
	if d != "2026-05-04" || k2 != hmacKey(db.salts["2026-05-04"], readerIP, readerUA) {
		t.Fatalf("at midnight: key %x day %s, want the shared salt of the 4th fetched ahead", k2, d)
	}
	if !bytes.Equal(db.given[0], make([]byte, 32)) {
		t.Errorf("the 3rd's salt still holds %x after midnight, want zeroes", db.given[0])
	}
	if len(db.asked) != 2 {
		t.Errorf("the key at midnight asked the database: %v", db.asked)
	}
	if next, err := s.Fetch(ctx, midnight); err != nil || !next.Equal(time.Date(2026, 5, 4, 23, 0, 0, 0, loc)) || db.asked[2] != "day 2026-05-04" {
		t.Fatalf("fetch at midnight: next %v %v, asked %v", next, err, db.asked)
	}
	if k, _ := s.Key(midnight.Add(time.Minute), readerIP, readerUA); k != k2 {
		t.Errorf("settling the day changed the key: %x, want %x", k, k2)
	}
	if !bytes.Equal(db.given[2], make([]byte, 32)) {
		t.Errorf("the copy fetched at midnight still holds %x; the one already held is kept", db.given[2])
	}
}

// TestSharedSalterDatabaseDown: with no shared salt the key comes from a
// stand-in at once, without asking the database; Fetch fails, asks to be
// called again in a minute, and when the database is back the shared salt
// replaces the stand-in, which is zeroed.
func TestSharedSalterDatabaseDown(t *testing.T) {
	loc := colombo(t)
	now := time.Date(2026, 5, 3, 9, 0, 0, 0, loc)
	db := &sharedDB{salts: map[string][]byte{}, failed: true}
	s := NewSharedSalter(loc, db.source())
	ctx := context.Background()

	k1, day := s.Key(now, readerIP, readerUA)
	if day != "2026-05-03" || len(db.asked) != 0 {
		t.Fatalf("key with no shared salt: day %q, asked %v; want a stand-in key without asking", day, db.asked)
	}
	standIn := s.salt
	next, err := s.Fetch(ctx, now)
	if err == nil || !next.Equal(now.Add(fetchRetry)) {
		t.Fatalf("fetch while down: next %v err %v; want an error and a minute", next, err)
	}
	if k2, _ := s.Key(now.Add(30*time.Second), readerIP, readerUA); k2 != k1 {
		t.Errorf("the stand-in changed: %x, want %x", k2, k1)
	}

	db.failed = false
	if _, err := s.Fetch(ctx, next); err != nil {
		t.Fatal(err)
	}
	if k3, _ := s.Key(next, readerIP, readerUA); k3 != hmacKey(db.salts["2026-05-03"], readerIP, readerUA) {
		t.Errorf("after recovery: key %x, want the shared salt's", k3)
	}
	if !bytes.Equal(standIn, make([]byte, len(standIn))) {
		t.Errorf("stand-in salt still holds %x, want zeroes", standIn)
	}
	asked := len(db.asked)
	s.Fetch(ctx, now.Add(time.Hour))
	if len(db.asked) != asked {
		t.Errorf("fetched again after the shared salt arrived: %v", db.asked)
	}
	// Down in the hour before midnight: the retries stop at midnight,
	// which is keyed with a stand-in and fetched again.
	db.failed = true
	late := time.Date(2026, 5, 3, 23, 59, 30, 0, loc)
	if next, err := s.Fetch(ctx, late); err == nil || !next.Equal(time.Date(2026, 5, 4, 0, 0, 0, 0, loc)) {
		t.Errorf("fetch ahead failing at 23:59:30: next %v err %v; want midnight", next, err)
	}
	if _, d := s.Key(time.Date(2026, 5, 4, 0, 0, 1, 0, loc), readerIP, readerUA); d != "2026-05-04" || !s.standIn {
		t.Errorf("midnight with nothing fetched ahead: day %s stand-in %v", d, s.standIn)
	}
}

func TestSharedSalterRejectsShortSalt(t *testing.T) {
	now := time.Date(2026, 5, 3, 9, 0, 0, 0, time.UTC)
	weak := []byte("short")
	short := func(context.Context, string) ([]byte, error) { return weak, nil }
	s := NewSharedSalter(time.UTC, SaltSource{Day: short, Ahead: short})
	if _, err := s.Fetch(context.Background(), now); err == nil {
		t.Errorf("a 5-byte salt was taken")
	}
	if k, _ := s.Key(now, readerIP, readerUA); k == hmacKey([]byte("short"), readerIP, readerUA) {
		t.Errorf("a 5-byte salt was used")
	}
}

// hmacKey is the visitor key computed with crypto/hmac, to check the
// hand-written HMAC in Salter.mac against.
func hmacKey(salt []byte, ip, userAgent string) [16]byte {
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(ip))
	m.Write([]byte{0})
	m.Write([]byte(userAgent))
	var key [16]byte
	copy(key[:], m.Sum(nil))
	return key
}
