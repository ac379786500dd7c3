// Package popularity counts page views for the "Most Viewed" lists without
// a cookie, without storing anything personal and without a database write
// per view.
//
// A view arrives as a beacon from a small script on the page. The handler
// drops automated requests with IsBot, turns the reader into keys that
// cannot be linked across days with a Salter — one for the address
// (web.AddressBlock: an IPv4 address, an IPv6 /48), one for a verified reader id
// where there is one, else the address's — makes them keys for the item
// (ItemKey), remembers with Dedupe who this process has already seen, and
// holds the view in a Counter:
//
//	if popularity.IsBot(r.Header) {
//		return nil // answer 204 all the same: a bot learns nothing
//	}
//	addr, day := salter.Key(now, "address", web.AddressBlock(clientIP))
//	if dedupe.First(day, addr, kind, id) {
//		counter.Add(kind, id, now, day, popularity.ItemKey(addr, kind, id), popularity.ItemKey(addr, kind, id))
//	}
//
// A job drains the Counter every so often; the flush counts a view only if
// no node has stored that reader's key for the item today and the address
// has added fewer than PerAddress readers to it today, then adds the views
// it counted (Tally) to hourly buckets. The lists are ranked from those
// buckets over a Window with Rank. The User-Agent plays no part in who a
// reader is: it costs nothing to change.
//
// The package does no I/O and keeps no package-level state: the caller owns
// one Salter, one Dedupe and one Counter per process, and decides which
// address is the client's (behind a proxy only the proxy knows).
package popularity

import "fmt"

// Kind is what was viewed.
type Kind string

// The kinds of item whose views are counted.
const (
	Article Kind = "article"
	Video   Kind = "video"
)

// ParseKind returns the Kind named by s, as sent by the beacon, or an error
// for anything else, so a handler never counts views of a made-up kind.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(s); k {
	case Article, Video:
		return k, nil
	}
	return "", fmt.Errorf("popularity: unknown kind %q (want article or video)", s)
}
