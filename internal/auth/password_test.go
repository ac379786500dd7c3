package auth

import (
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

func TestHashAndCheckPassword(t *testing.T) {
	const pw = "correct horse battery staple"
	h1, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("HashPassword = %q, want PHC argon2id with the default parameters", h1)
	}
	if !CheckPassword(h1, pw) {
		t.Error("CheckPassword rejects the right password")
	}
	for _, wrong := range []string{"", "correct horse battery stapl", "Correct horse battery staple", pw + " "} {
		if CheckPassword(h1, wrong) {
			t.Errorf("CheckPassword accepts %q", wrong)
		}
	}
	h2, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if h1 == h2 {
		t.Error("two hashes of the same password are equal; salt is not random")
	}
}

func TestCheckPasswordReadsParams(t *testing.T) {
	// A hash made with other parameters, as an older or newer release might.
	salt := []byte("0123456789abcdef")
	key := argon2.IDKey([]byte("open sesame!"), salt, 1, 64, 2, 24)
	enc := fmt.Sprintf("$argon2id$v=19$m=64,t=1,p=2$%s$%s",
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
	if !CheckPassword(enc, "open sesame!") {
		t.Error("CheckPassword rejects a hash with non-default parameters")
	}
	if CheckPassword(enc, "open sesame?") {
		t.Error("CheckPassword accepts the wrong password")
	}
}

func TestCheckPasswordMalformed(t *testing.T) {
	salt := base64.RawStdEncoding.EncodeToString([]byte("0123456789abcdef"))
	key := base64.RawStdEncoding.EncodeToString(make([]byte, 32))
	good := "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key
	with := func(params string) string { return "$argon2id$v=19$" + params + "$" + salt + "$" + key }
	bad := []string{
		"",
		"$",
		"password",
		strings.Replace(good, "argon2id", "argon2i", 1),
		strings.Replace(good, "argon2id", "bcrypt", 1),
		"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		strings.Replace(good, "v=19", "v=16", 1),
		strings.Replace(good, "$v=19", "", 1),
		good + "$",
		"x" + good,
		good[:len(good)-len(key)-1],
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$!!!not-base64!!!",
		"$argon2id$v=19$m=64,t=1,p=1$%%%%$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "==$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$",
		"$argon2id$v=19$m=64,t=1,p=1$$" + key,
		"$argon2id$v=19$m=64,t=1,p=1$c2FsdA$" + key, // 4-byte salt
		"$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + strings.Repeat("A", 200),
		with("m=64,t=1"),
		with("m=64,t=1,p=1,k=1"),
		with("t=1,m=64,p=1"),
		with("m=,t=1,p=1"),
		with("m=64,t=1,p=x"),
		with("m=-64,t=1,p=1"),
		with("m=+64,t=1,p=1"),
		with("m= 64,t=1,p=1"),
		with("m=0,t=1,p=1"),
		with("m=64,t=0,p=1"),
		with("m=64,t=1,p=0"),
		with("m=99999999,t=2,p=1"),
		with("m=1048577,t=1,p=1"),
		with("m=4294967296,t=1,p=1"),
		with("m=64,t=11,p=1"),
		with("m=64,t=4294967295,p=1"),
		with("m=64,t=1,p=17"),
		with("m=64,t=1,p=255"),
		with("m=64,t=1,p=256"),
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for _, enc := range bad {
		// The key is all zeros, so CheckPassword is false either way;
		// parseHash shows the hash was refused before any hashing.
		if _, ok := parseHash(enc); ok {
			t.Errorf("parseHash(%q) accepted it", enc)
		}
		if CheckPassword(enc, "anything at all") {
			t.Errorf("CheckPassword(%q) = true", enc)
		}
	}
	runtime.ReadMemStats(&after)
	// A hash that reached argon2 would allocate at least m KiB, and the
	// smallest m above is 64, so staying under 64 KiB means none did.
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<10 {
		t.Errorf("rejecting malformed hashes allocated %d bytes", grew)
	}
}

func TestParseHashBounds(t *testing.T) {
	salt := base64.RawStdEncoding.EncodeToString([]byte("0123456789abcdef"))
	key := base64.RawStdEncoding.EncodeToString(make([]byte, 32))
	enc := "$argon2id$v=19$m=1048576,t=10,p=16$" + salt + "$" + key
	h, ok := parseHash(enc)
	if !ok || h.memory != 1<<20 || h.time != 10 || h.threads != 16 || len(h.key) != 32 {
		t.Errorf("parseHash at the limits = %+v, %v", h, ok)
	}
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		name, pw string
		want     error
	}{
		{"empty", "", errPasswordShort},
		{"nine letters", "abcdefghi", errPasswordShort},
		{"nine runes, many bytes", "ééééééééf", errPasswordShort},
		{"ten letters", "abcdefghij", nil},
		{"ten runes, accented", "Zürich-Köl", nil},
		{"passphrase", "correct horse battery staple", nil},
		{"256 bytes", strings.Repeat("ab", 128), nil},
		{"257 bytes", strings.Repeat("ab", 128) + "c", errPasswordLong},
		{"repeated letter", "aaaaaaaaaaaa", errPasswordRepeated},
		{"repeated multibyte", "€€€€€€€€€€", errPasswordRepeated},
		{"repeated space", strings.Repeat(" ", 12), errPasswordRepeated},
		{"almost repeated", "aaaaaaaaaab", nil},
		{"invalid UTF-8", "abcdefghij\xff", errPasswordEncoding},
		{"truncated rune", "abcdefghij\xe2\x82", errPasswordEncoding},
	}
	for _, tt := range tests {
		if got := ValidatePassword(tt.pw); got != tt.want {
			t.Errorf("%s: ValidatePassword = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		pw := GeneratePassword()
		if len(pw) != 16 {
			t.Fatalf("GeneratePassword = %q, want 16 characters", pw)
		}
		if strings.ContainsAny(pw, "0O1lI") {
			t.Fatalf("GeneratePassword = %q contains an ambiguous character", pw)
		}
		if err := ValidatePassword(pw); err != nil {
			t.Fatalf("GeneratePassword = %q fails validation: %v", pw, err)
		}
		if seen[pw] {
			t.Fatalf("GeneratePassword returned %q twice", pw)
		}
		seen[pw] = true
	}
}
