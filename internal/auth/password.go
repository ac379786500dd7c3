package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// MinPasswordLength is the fewest characters (not bytes) a password may have.
const MinPasswordLength = 10

// maxPasswordBytes is the most a new password may hold; no one needs more,
// and a bound keeps forms and logs sane.
const maxPasswordBytes = 256

// Parameters for new hashes: OWASP's argon2id minimum (19 MiB, 2 passes, 1
// lane). Stored hashes carry their own parameters, so these can be raised
// later without invalidating existing passwords.
const (
	argonMemory  = 19456 // KiB
	argonTime    = 2
	argonThreads = 1
	argonSaltLen = 16
	argonKeyLen  = 32
)

// Limits on parameters read back from a stored hash. A corrupt or hostile
// row must not make a login allocate gigabytes or spin for minutes.
const (
	maxArgonMemory  = 1 << 20 // KiB, i.e. 1 GiB
	maxArgonTime    = 10
	maxArgonThreads = 16
	minArgonLen     = 8
	maxArgonLen     = 128
)

var (
	errPasswordShort    = fmt.Errorf("the password must be at least %d characters long", MinPasswordLength)
	errPasswordLong     = fmt.Errorf("the password must be at most %d bytes long; accented letters and symbols take more than one", maxPasswordBytes)
	errPasswordEncoding = errors.New("the password contains characters that are not valid text")
	errPasswordRepeated = errors.New("the password must not be one character repeated")
)

// ValidatePassword reports why pw is unacceptable as a new password, or nil.
// The errors are meant to be shown to the person choosing it.
func ValidatePassword(pw string) error {
	if !utf8.ValidString(pw) {
		return errPasswordEncoding
	}
	if len(pw) > maxPasswordBytes {
		return errPasswordLong
	}
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		return errPasswordShort
	}
	first, _ := utf8.DecodeRuneInString(pw)
	if strings.Trim(pw, string(first)) == "" {
		return errPasswordRepeated
	}
	return nil
}

// HashPassword returns pw hashed with argon2id in PHC string format, e.g.
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>. It does not judge the
// password; call ValidatePassword first where a person chose it.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("reading salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches the encoded hash. It uses the
// parameters recorded in the hash, compares in constant time, and returns
// false, never panicking, for anything it cannot parse or whose parameters
// are out of bounds.
func CheckPassword(encoded, pw string) bool {
	h, ok := parseHash(encoded)
	if !ok {
		return false
	}
	key := argon2.IDKey([]byte(pw), h.salt, h.time, h.memory, h.threads, uint32(len(h.key)))
	return subtle.ConstantTimeCompare(key, h.key) == 1
}

// b64 is the PHC encoding: standard alphabet, no padding. Strict rejects
// non-zero trailing bits so each hash has exactly one spelling.
var b64 = base64.RawStdEncoding.Strict()

type argonHash struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

func parseHash(s string) (argonHash, bool) {
	var h argonHash
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" ||
		parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return h, false
	}
	params := strings.Split(parts[3], ",")
	if len(params) != 3 {
		return h, false
	}
	m, okM := param(params[0], "m=", maxArgonMemory)
	t, okT := param(params[1], "t=", maxArgonTime)
	p, okP := param(params[2], "p=", maxArgonThreads)
	if !okM || !okT || !okP {
		return h, false
	}
	h.memory, h.time, h.threads = m, t, uint8(p)
	var err error
	if h.salt, err = b64.DecodeString(parts[4]); err != nil || !lenOK(h.salt) {
		return h, false
	}
	if h.key, err = b64.DecodeString(parts[5]); err != nil || !lenOK(h.key) {
		return h, false
	}
	return h, true
}

// param reads "name=value" with value a plain decimal in [1, max].
func param(s, name string, max uint64) (uint32, bool) {
	v, ok := strings.CutPrefix(s, name)
	if !ok {
		return 0, false
	}
	// ParseUint refuses signs, spaces and the empty string.
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil || n < 1 || n > max {
		return 0, false
	}
	return uint32(n), true
}

func lenOK(b []byte) bool { return len(b) >= minArgonLen && len(b) <= maxArgonLen }

// passwordAlphabet leaves out characters that are easy to misread: 0 O 1 l I.
const passwordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

const generatedPasswordLength = 16

// GeneratePassword returns a random 16-character password that is easy to
// read aloud or copy by hand and passes ValidatePassword.
func GeneratePassword() string {
	for {
		pw := randomString(passwordAlphabet, generatedPasswordLength)
		if ValidatePassword(pw) == nil {
			return pw
		}
	}
}

// randomString draws n characters uniformly from alphabet (at most 256
// characters), discarding bytes that would bias the choice.
func randomString(alphabet string, n int) string {
	limit := 256 - 256%len(alphabet)
	out := make([]byte, 0, n)
	buf := make([]byte, 2*n)
	for len(out) < n {
		rand.Read(buf) // never returns an error since Go 1.24
		for _, b := range buf {
			if int(b) < limit && len(out) < n {
				out = append(out, alphabet[int(b)%len(alphabet)])
			}
		}
	}
	return string(out)
}
