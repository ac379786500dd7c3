package popularity

import (
	"crypto/sha256"
	"encoding/binary"
)

// PerAddress is how many views one address may add to one item in one day,
// however many readers it claims to carry. It is the limit a client cannot
// get around by rotating what it sends (User-Agents, cookies): only more
// addresses raise it, and addresses are what cost an attacker money.
//
// Ten, not one, because one address is often many people: a household, an
// office, and above all a mobile carrier's CGNAT, where hundreds of
// subscribers share an IPv4 address. When the tracker can tell verified
// readers apart (see views.Tracker.IdentifyReaders), up to ten of them per
// address count for a story each day; a story read by more people than that
// behind one CGNAT address is read by many more elsewhere, so the ranking
// barely moves. Without verified readers an address is one reader.
const PerAddress = 10

// ItemKey turns a visitor key into that visitor's key for one item. These
// are the keys the flush stores: the same visitor's keys for two stories
// share nothing, so the stored rows cannot be joined into one visitor's
// reading list, and without the day's salt (deleted when the day ends) they
// cannot be tied to anyone at all.
func ItemKey(visitor [16]byte, kind Kind, id int64) [16]byte {
	var buf [16 + 8 + 8]byte
	copy(buf[:], visitor[:])
	binary.LittleEndian.PutUint64(buf[16:], uint64(id))
	n := copy(buf[24:], kind) // "article" and "video" fit; the id is fixed-width, so no separator is needed
	sum := sha256.Sum256(buf[:24+n])
	var k [16]byte
	copy(k[:], sum[:])
	return k
}
