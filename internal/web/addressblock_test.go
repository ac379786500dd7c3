package web

import (
	"fmt"
	"testing"
)

func TestAddressBlock(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"203.0.113.7", "203.0.113.7"},
		{"::ffff:203.0.113.7", "203.0.113.7"}, // IPv4 seen through an IPv6 socket
		{"2001:db8:aa:bb:1:2:3:4", "2001:db8:aa::/48"},
		{"2001:db8:aa:ffff:ffff:ffff:ffff:ffff", "2001:db8:aa::/48"}, // any /64 or /56 of one /48: one subscriber
		{"2001:db8:ab::1", "2001:db8:ab::/48"},                       // the next /48 is another
		{"fe80::1%eth0", "fe80::/48"},
		{"::1", "::/48"},
		{"not an address", "not an address"},
		{"", ""},
	} {
		if got := AddressBlock(c.in); got != c.want {
			t.Errorf("AddressBlock(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestLimiterCountsAnIPv6NetworkOnce: rotating through the addresses of one
// IPv6 /48 does not buy more requests.
func TestLimiterCountsAnIPv6NetworkOnce(t *testing.T) {
	l := NewLimiter(6, 4, 100)
	allowed := 0
	for i := range 20 {
		if l.Allow(fmt.Sprintf("2001:db8:7:%x::1", i)) {
			allowed++
		}
	}
	if allowed != 4 {
		t.Fatalf("20 addresses of one /48 were allowed %d requests, want the burst of 4", allowed)
	}
	if !l.Allow("2001:db8:8::1") {
		t.Fatal("another /48 was refused")
	}
}
