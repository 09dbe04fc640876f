package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
)

// TokenPrefix marks Byline API tokens so that secret scanners and people
// can recognise a leaked one.
const TokenPrefix = "byline_"

// NewToken returns a fresh API token secret and the hash to store.
func NewToken() (secret, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	secret = TokenPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
	return secret, HashToken(secret), nil
}

// HashToken is the stored form of a token secret. The secret has 256 bits
// of entropy, so a plain SHA-256 is enough; no slow hash is needed.
func HashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
