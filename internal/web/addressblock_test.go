package web

import "testing"

func TestAddressBlock(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"203.0.113.7", "203.0.113.7"},
		{"::ffff:203.0.113.7", "203.0.113.7"}, // IPv4 seen through an IPv6 socket
		{"2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64"},
		{"2001:db8:aa:bb:ffff:ffff:ffff:ffff", "2001:db8:aa:bb::/64"}, // same /64: same reader
		{"2001:db8:aa:bc::1", "2001:db8:aa:bc::/64"},                  // the next /64 is another
		{"fe80::1%eth0", "fe80::/64"},
		{"::1", "::/64"},
		{"not an address", "not an address"},
		{"", ""},
	} {
		if got := AddressBlock(c.in); got != c.want {
			t.Errorf("AddressBlock(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
