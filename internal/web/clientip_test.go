package web

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientIPBelievesOnlyTrustedProxies(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	cases := []struct {
		peer, xff, want string
	}{
		{"203.0.113.7:4000", "", "203.0.113.7"},
		{"203.0.113.7:4000", "1.2.3.4", "203.0.113.7"},              // not from a proxy: the header is ignored
		{"10.0.0.2:4000", "198.51.100.9", "198.51.100.9"},           // our proxy says who the client is
		{"10.0.0.2:4000", "6.6.6.6, 198.51.100.9", "198.51.100.9"},  // a forged first hop is ignored
		{"10.0.0.2:4000", "198.51.100.9, 10.0.0.5", "198.51.100.9"}, // two proxies deep
		{"10.0.0.2:4000", "junk", "10.0.0.2"},
		{"[::1]:4000", "1.2.3.4", "::1"},
		{"10.0.0.2:4000", "198.51.100.9:53211", "198.51.100.9"},           // a proxy that writes the client's port
		{"10.0.0.2:4000", "[2001:db8::7]:53211, 10.0.0.5", "2001:db8::7"}, // the same with IPv6
		{"10.0.0.2:4000", "198.51.100.9:port", "10.0.0.2"},
	}
	for _, tc := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.peer
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := ClientIP(r, trusted); got != tc.want {
			t.Errorf("peer %s, X-Forwarded-For %q: got %s, want %s", tc.peer, tc.xff, got, tc.want)
		}
	}
}
