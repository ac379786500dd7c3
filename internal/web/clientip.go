package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ClientIP is the address of the reader behind a request. X-Forwarded-For is
// believed only when the peer is one of the trusted proxies, and then read
// from the right, skipping further trusted hops, so a client cannot forge its
// address by sending the header itself.
func ClientIP(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || !isTrusted(peer, trusted) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := parseHop(strings.TrimSpace(hops[i]))
		if err != nil {
			return host // a malformed chain: fall back to the peer rather than guess
		}
		if !isTrusted(a.Unmap(), trusted) {
			return a.Unmap().String()
		}
	}
	return host
}

// parseHop reads one X-Forwarded-For entry: an address, or an address and
// port ("203.0.113.7:4711", "[2001:db8::1]:4711"), which some proxies and
// load balancers write.
func parseHop(s string) (netip.Addr, error) {
	a, err := netip.ParseAddr(s)
	if err == nil {
		return a, nil
	}
	ap, perr := netip.ParseAddrPort(s)
	if perr != nil {
		return netip.Addr{}, err
	}
	return ap.Addr(), nil
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// AddressBlock returns the part of a client address that one subscriber
// cannot cheaply change: an IPv4 address as it is (an IPv4-mapped IPv6
// address as its IPv4 form), an IPv6 address as its /48. Providers hand a
// phone a /64 but a home or office a /56 or a whole /48 (and tunnel brokers
// give anyone a /48 for free), so anything smaller than a /48 lets one
// person rotate through thousands of "addresses". Many phones of one
// carrier may share a /48, as many share one IPv4 address behind carrier
// NAT: they are treated alike. Anything unparsable is returned as is.
// Every per-address rule a client must not escape cheaply (rate limits,
// view counting, flags, sign-in limits) keys on this.
func AddressBlock(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap().WithZone("")
	if a.Is4() {
		return a.String()
	}
	p, err := a.Prefix(48)
	if err != nil {
		return ip
	}
	return p.String()
}
