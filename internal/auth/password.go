// Package auth holds credentials: argon2id password hashes and API tokens.
// Sessions live in the store and are managed by internal/admin.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	KeyLen  uint32
	SaltLen uint32
}

// DefaultParams follow the OWASP Password Storage Cheat Sheet's first
// argon2id configuration: 19 MiB of memory, two iterations, one lane.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1, KeyLen: 32, SaltLen: 16}

// Password length limits. The upper one bounds hashing work per request.
const (
	MinPasswordRunes = 10
	MaxPasswordBytes = 1024
)

// CheckPassword says what is wrong with a new password, or nil.
func CheckPassword(pw string) error {
	switch {
	case utf8.RuneCountInString(pw) < MinPasswordRunes:
		return fmt.Errorf("the password must have at least %d characters", MinPasswordRunes)
	case len(pw) > MaxPasswordBytes:
		return fmt.Errorf("the password must have at most %d bytes", MaxPasswordBytes)
	}
	return nil
}

// HashPassword returns the PHC string of pw hashed with p:
// $argon2id$v=19$m=19456,t=2,p=1$salt$key.
func HashPassword(pw string, p Params) (string, error) {
	if len(pw) > MaxPasswordBytes {
		return "", errors.New("password too long")
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches hash, and whether hash was made
// with parameters other than want and should be replaced.
func VerifyPassword(hash, pw string, want Params) (ok, rehash bool, err error) {
	p, salt, key, err := parsePHC(hash)
	if err != nil {
		return false, false, err
	}
	if len(pw) > MaxPasswordBytes {
		return false, false, nil
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return false, false, nil
	}
	rehash = p.Memory != want.Memory || p.Time != want.Time || p.Threads != want.Threads ||
		uint32(len(key)) != want.KeyLen || uint32(len(salt)) != want.SaltLen
	return true, rehash, nil
}

func parsePHC(hash string) (Params, []byte, []byte, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return Params{}, nil, nil, errors.New("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return Params{}, nil, nil, errors.New("unsupported argon2 version")
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return Params{}, nil, nil, fmt.Errorf("bad argon2 parameters: %w", err)
	}
	if p.Memory == 0 || p.Time == 0 || p.Threads == 0 || p.Memory > 256*1024 || p.Time > 10 {
		return Params{}, nil, nil, errors.New("argon2 parameters out of range")
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return Params{}, nil, nil, fmt.Errorf("bad salt: %w", err)
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 {
		return Params{}, nil, nil, errors.New("bad key")
	}
	return p, salt, key, nil
}
