// Package popularity counts page views for the "Most Viewed" lists without
// cookies and without a database write per view.
//
// A view arrives as a beacon from a small script on the page. The handler
// drops automated requests with IsBot, turns the visitor into a key that
// cannot be linked across days with a Salter, counts each visitor once per
// item per day with Dedupe, and adds the view to a Counter. A job drains the
// Counter every so often and writes the batch into hourly buckets; the lists
// are ranked from those buckets over a Window with Rank:
//
//	if popularity.IsBot(r.Header) {
//		return nil // answer 204 all the same: a bot learns nothing
//	}
//	key, day := salter.Key(now, clientIP, r.UserAgent())
//	if dedupe.First(day, key, kind, id) {
//		counter.Add(kind, id, now)
//	}
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
