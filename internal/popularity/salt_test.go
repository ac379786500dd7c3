package popularity

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
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

func TestSharedSalter(t *testing.T) {
	loc := colombo(t)
	day1 := time.Date(2026, 5, 3, 9, 0, 0, 0, loc)
	day2 := day1.AddDate(0, 0, 1)

	var loaded [][]byte
	var asked []string
	load := func(day string) ([]byte, error) {
		asked = append(asked, day)
		salt := bytes.Repeat([]byte(day[len(day)-1:]), 32) // the same salt for a day on every node
		loaded = append(loaded, salt)
		return salt, nil
	}
	nodeA := NewSharedSalter(loc, load)
	nodeB := NewSharedSalter(loc, load)

	a1, d := nodeA.Key(day1, readerIP, readerUA)
	b1, _ := nodeB.Key(day1.Add(3*time.Hour), readerIP, readerUA)
	if a1 != b1 || d != "2026-05-03" {
		t.Fatalf("nodes disagree on one day: %x %x (%s)", a1, b1, d)
	}
	nodeA.Key(day1.Add(time.Hour), readerIP, readerUA)
	if len(asked) != 2 {
		t.Errorf("load asked %d times for two nodes on one day, want 2: %v", len(asked), asked)
	}

	a2, d := nodeA.Key(day2, readerIP, readerUA)
	if a2 == a1 || d != "2026-05-04" || asked[len(asked)-1] != "2026-05-04" {
		t.Errorf("next day: key %x day %q asked %v", a2, d, asked)
	}
	if !bytes.Equal(loaded[0], make([]byte, 32)) {
		t.Errorf("node A's salt for the 3rd still holds %x, want zeroes", loaded[0])
	}
	if bytes.Equal(loaded[1], make([]byte, 32)) {
		t.Errorf("node B's salt for the 3rd zeroed before node B saw the 4th")
	}

	// With a known salt the key is plain HMAC-SHA256: check against the library.
	want := hmacKey(bytes.Repeat([]byte("4"), 32), readerIP, readerUA)
	if a2 != want {
		t.Errorf("key %x, want HMAC-SHA256 %x", a2, want)
	}
}

func TestSharedSalterLoadFails(t *testing.T) {
	loc := colombo(t)
	now := time.Date(2026, 5, 3, 9, 0, 0, 0, loc)
	shared := bytes.Repeat([]byte{7}, 32)
	fail := true
	calls := 0
	s := NewSharedSalter(loc, func(string) ([]byte, error) {
		calls++
		if fail {
			return nil, errors.New("database is down")
		}
		return bytes.Clone(shared), nil
	})

	k1, day := s.Key(now, readerIP, readerUA)
	if day != "2026-05-03" || k1 == ([16]byte{}) {
		t.Fatalf("key %x day %q while load fails; want a stand-in key", k1, day)
	}
	if k2, _ := s.Key(now.Add(30*time.Second), readerIP, readerUA); k2 != k1 || calls != 1 {
		t.Errorf("within the retry interval: key %x (want %x), %d loads (want 1)", k2, k1, calls)
	}
	if k3, _ := s.Key(now.Add(loadRetry), readerIP, readerUA); k3 != k1 || calls != 2 {
		t.Errorf("still failing: key %x (want the same stand-in %x), %d loads (want 2)", k3, k1, calls)
	}
	standIn := s.salt

	fail = false
	k4, _ := s.Key(now.Add(2*loadRetry), readerIP, readerUA)
	if k4 != hmacKey(shared, readerIP, readerUA) || calls != 3 {
		t.Errorf("after recovery: key %x, %d loads; want the shared salt's key after 3", k4, calls)
	}
	if !bytes.Equal(standIn, make([]byte, len(standIn))) {
		t.Errorf("stand-in salt still holds %x, want zeroes", standIn)
	}
	s.Key(now.Add(time.Hour), readerIP, readerUA)
	if calls != 3 {
		t.Errorf("%d loads after the shared salt arrived, want no more", calls)
	}
}

func TestSharedSalterRejectsShortSalt(t *testing.T) {
	now := time.Date(2026, 5, 3, 9, 0, 0, 0, time.UTC)
	weak := []byte("short")
	s := NewSharedSalter(time.UTC, func(string) ([]byte, error) { return weak, nil })
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
