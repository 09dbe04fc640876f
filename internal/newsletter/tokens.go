// Package newsletter runs the reader's side of the newsletter: signed
// links for confirming and managing a subscription, and the subscription
// request with its rate limits and confirmation email.
package newsletter

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// Purpose is what a token may be used for; a token of one purpose does
// not verify as another.
type Purpose string

// The token purposes.
const (
	// PurposeConfirm is the link of the confirmation email; it expires
	// after ConfirmTTL.
	PurposeConfirm Purpose = "confirm"
	// PurposeManage is the preferences and unsubscribe link of every
	// email; it does not expire.
	PurposeManage Purpose = "manage"
)

// ConfirmTTL is how long a confirmation link works.
const ConfirmTTL = 48 * time.Hour

// KeyName is the name of the secret key tokens are signed with.
const KeyName = "newsletter-tokens"

// The ways a token fails to verify.
var (
	ErrMalformed = errors.New("newsletter: the token is malformed")
	ErrForged    = errors.New("newsletter: the token's signature does not match")
	ErrExpired   = errors.New("newsletter: the token has expired")
)

const (
	tokenVersion = 1
	emailKeySize = 12
	macSize      = 32
	// payload: version, subscriber ID, expiry (Unix seconds, 0 for
	// none), email key.
	payloadSize = 1 + 8 + 8 + emailKeySize
	tokenSize   = payloadSize + macSize
)

// Tokens issues and verifies the signed tokens of newsletter links. A
// token carries its purpose, the subscriber's ID, an expiry and a key
// derived from the subscriber's address, so that it stops working once
// the address is erased or changed. It is safe for concurrent use.
type Tokens struct {
	key []byte
}

// NewTokens returns Tokens signing with key, which must be 32 bytes.
func NewTokens(key []byte) (*Tokens, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("newsletter: the token key is %d bytes, want 32", len(key))
	}
	return &Tokens{key: append([]byte(nil), key...)}, nil
}

// KeyStore gives the secret keys shared by every instance of the site.
type KeyStore interface {
	SecretKey(ctx context.Context, name string) ([]byte, error)
}

// LoadTokens returns Tokens signing with the store's KeyName key.
func LoadTokens(ctx context.Context, keys KeyStore) (*Tokens, error) {
	key, err := keys.SecretKey(ctx, KeyName)
	if err != nil {
		return nil, fmt.Errorf("newsletter: loading the token key: %w", err)
	}
	return NewTokens(key)
}

// EmailKey is the key a token binds for the address email: a keyed hash
// of it, compared case-insensitively.
func (t *Tokens) EmailKey(email string) string {
	return base64.RawURLEncoding.EncodeToString(t.emailKey(email))
}

func (t *Tokens) emailKey(email string) []byte {
	m := hmac.New(sha256.New, t.key)
	m.Write([]byte("email\x00"))
	m.Write([]byte(strings.ToLower(strings.TrimSpace(email))))
	return m.Sum(nil)[:emailKeySize]
}

func (t *Tokens) mac(purpose Purpose, payload []byte) []byte {
	m := hmac.New(sha256.New, t.key)
	m.Write([]byte("token\x00"))
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write(payload)
	return m.Sum(nil)
}

// Issue returns a token of purpose for sub, made at now. Confirmation
// tokens expire ConfirmTTL after now; manage tokens do not.
func (t *Tokens) Issue(purpose Purpose, sub news.Subscriber, now time.Time) string {
	payload := make([]byte, 0, tokenSize)
	payload = append(payload, tokenVersion)
	payload = binary.BigEndian.AppendUint64(payload, uint64(sub.ID))
	var exp int64
	if purpose == PurposeConfirm {
		exp = now.Add(ConfirmTTL).Unix()
	}
	payload = binary.BigEndian.AppendUint64(payload, uint64(exp))
	payload = append(payload, t.emailKey(sub.Email)...)
	tok := append(payload, t.mac(purpose, payload)...)
	return base64.RawURLEncoding.EncodeToString(tok)
}

// Verify checks token for purpose at now and returns the subscriber's ID
// and the email key the token was issued for (compare it with EmailKey
// of the stored address). The error is ErrMalformed, ErrForged (also for
// a token of another purpose) or ErrExpired.
func (t *Tokens) Verify(token string, purpose Purpose, now time.Time) (subscriberID int64, emailKey string, err error) {
	if len(token) != base64.RawURLEncoding.EncodedLen(tokenSize) {
		return 0, "", ErrMalformed
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(token)
	if err != nil || len(raw) != tokenSize || raw[0] != tokenVersion {
		return 0, "", ErrMalformed
	}
	payload, sum := raw[:payloadSize], raw[payloadSize:]
	if !hmac.Equal(sum, t.mac(purpose, payload)) {
		return 0, "", ErrForged
	}
	id := int64(binary.BigEndian.Uint64(payload[1:9]))
	exp := int64(binary.BigEndian.Uint64(payload[9:17]))
	if id <= 0 {
		return 0, "", ErrMalformed
	}
	if exp != 0 && !now.Before(time.Unix(exp, 0)) {
		return 0, "", ErrExpired
	}
	return id, base64.RawURLEncoding.EncodeToString(payload[17:]), nil
}
