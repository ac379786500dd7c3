package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// NewToken returns a fresh secret and the hash to store in its place. The
// token is prefix followed by 32 random bytes in unpadded URL-safe base64;
// the prefix ("dls_" for sessions, "dlt_" for API tokens, "dlsetup_" for
// the setup link) tells a reader, or a secret scanner, what it is.
func NewToken(prefix string) (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b) // never returns an error since Go 1.24
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken returns the hex SHA-256 of the whole token, prefix included. A
// fast hash is enough: tokens carry 256 bits of randomness, so unlike
// passwords they cannot be guessed from a stolen hash.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
