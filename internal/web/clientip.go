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
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return host // a malformed chain: fall back to the peer rather than guess
		}
		if !isTrusted(a.Unmap(), trusted) {
			return a.Unmap().String()
		}
	}
	return host
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// AddressBlock returns the part of a client address that identifies one
// subscriber: an IPv4 address as it is (an IPv4-mapped IPv6 address as its
// IPv4 form), an IPv6 address as its /64, which is what a provider hands one
// household or phone, so rotating through the 2^64 addresses of one's own
// network is still one address. Anything unparsable is returned as is.
// Every per-address rule a client must not escape cheaply (view counting,
// flags, sign-in limits) keys on this.
func AddressBlock(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap().WithZone("")
	if a.Is4() {
		return a.String()
	}
	p, err := a.Prefix(64)
	if err != nil {
		return ip
	}
	return p.String()
}
