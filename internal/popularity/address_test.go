package popularity

import "testing"

func TestAddressOf(t *testing.T) {
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
		if got := AddressOf(c.in); got != c.want {
			t.Errorf("AddressOf(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestItemKeySeparatesItems(t *testing.T) {
	alice, bob := visitor(1), visitor(2)
	seen := map[[16]byte]string{}
	for _, c := range []struct {
		name string
		key  [16]byte
	}{
		{"alice article 1", ItemKey(alice, Article, 1)},
		{"alice article 2", ItemKey(alice, Article, 2)},
		{"alice video 1", ItemKey(alice, Video, 1)},
		{"bob article 1", ItemKey(bob, Article, 1)},
		{"alice article 256", ItemKey(alice, Article, 256)},
	} {
		if other, ok := seen[c.key]; ok {
			t.Errorf("%s has the key of %s", c.name, other)
		}
		seen[c.key] = c.name
		if c.key == alice || c.key == bob {
			t.Errorf("%s is the visitor key itself", c.name)
		}
	}
	if ItemKey(alice, Article, 1) != ItemKey(alice, Article, 1) {
		t.Error("the same visitor and item give two keys")
	}
}
