package comments

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"dateline/internal/store"
	"dateline/internal/web"
)

// ReaderCookie is the cookie that tells one reader's browser from another.
const ReaderCookie = "dateline_reader"

// NewReaderCookie returns a fresh reader cookie value: a random id and its
// signature with the site's visitor secret, which every node shares, so any
// node recognises a cookie another node issued.
func (s *Service) NewReaderCookie() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	id := hex.EncodeToString(b[:])
	return id + "." + s.readerSig(id)
}

// ReaderID returns the reader id a cookie value carries, or "" when the value
// is not one this site signed. A made-up value, and the unsigned cookies the
// site handed out before it signed them, are treated as no cookie at all:
// otherwise a script could be a new reader with every request by making one
// up.
func (s *Service) ReaderID(cookie string) string {
	id, sig, ok := strings.Cut(cookie, ".")
	if !ok || len(id) != 32 || !hmac.Equal([]byte(sig), []byte(s.readerSig(id))) {
		return ""
	}
	return id
}

// VerifiedReader is the reader id that a request's signed reader cookie
// proves, for counting readers who share an address (views.ReaderID).
func (s *Service) VerifiedReader(h http.Header) (string, bool) {
	c, err := (&http.Request{Header: h}).Cookie(ReaderCookie)
	if err != nil {
		return "", false
	}
	id := s.ReaderID(c.Value)
	return id, id != ""
}

// readerSig signs a reader id; the prefix keeps these signatures apart from
// every other use of the secret.
func (s *Service) readerSig(id string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("reader-cookie:" + id))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// Visitor is how the site knows the reader behind a request, without keeping
// anything personal: every field is a keyed hash or a kind.
type Visitor struct {
	Key     string // VisitorKey: of the reader cookie, or else of address and browser
	Kind    string // store.VisitorReader or store.VisitorAddress
	Address string // AddressKey of the request's address
}

// Identify returns the visitor behind a request from ip (the client address
// the handler believes). A signed reader cookie makes a reader of their
// own; without one the reader is known by address and browser, which other
// readers on the same network and phone browser may share, so the kind
// says so.
func (s *Service) Identify(h http.Header, ip, userAgent string) Visitor {
	id, ok := s.VerifiedReader(h)
	v := Visitor{Key: s.VisitorKey(id, ip, userAgent), Kind: store.VisitorReader, Address: s.AddressKey(ip)}
	if !ok {
		v.Kind = store.VisitorAddress
	}
	return v
}

// AddressKey is a keyed hash of the reader's address alone, the second key
// of a flag. The browser is left out because a script names its own
// User-Agent; an IPv6 address counts by its /48 (web.AddressBlock), the
// block one subscriber may hold. The address itself is never stored.
func (s *Service) AddressKey(ip string) string {
	block := web.AddressBlock(ip)
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("flag-addr:" + block))
	return hex.EncodeToString(m.Sum(nil))[:32]
}
