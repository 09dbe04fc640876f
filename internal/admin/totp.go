package admin

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"time"
)

// TOTP as RFC 6238 and every authenticator app have it: HMAC-SHA1, six
// digits, 30-second steps. Codes of the step before and after are
// accepted too, for clocks a little off.
const (
	totpDigits = 6
	totpPeriod = 30
	totpSkew   = 1
	// totpSecretBytes is 160 bits, the length RFC 4226 recommends.
	totpSecretBytes = 20
	// recoveryCodeCount is how many one-time recovery codes enrolment
	// gives.
	recoveryCodeCount = 10
)

// b32 is the unpadded base32 authenticator apps expect.
var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// hotp is RFC 4226's HOTP value of counter, truncated to digits digits.
func hotp(key []byte, counter uint64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	h := hmac.New(sha1.New, key)
	h.Write(msg[:])
	sum := h.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	s := make([]byte, digits)
	v := bin % mod
	for i := digits - 1; i >= 0; i-- {
		s[i] = byte('0' + v%10)
		v /= 10
	}
	return string(s)
}

// totpStep is the time step t falls in.
func totpStep(t time.Time) int64 { return t.Unix() / totpPeriod }

// totpMatch returns the step, within the allowed skew of now, whose code
// is code; ok is false when none is. It compares every candidate in
// constant time so timing says nothing about near misses.
func totpMatch(key []byte, code string, now time.Time) (step int64, ok bool) {
	if len(code) != totpDigits {
		return 0, false
	}
	cur := totpStep(now)
	for s := cur - totpSkew; s <= cur+totpSkew; s++ {
		if s >= 0 && hmac.Equal([]byte(hotp(key, uint64(s), totpDigits)), []byte(code)) {
			step, ok = s, true
		}
	}
	return step, ok
}

// normalizeCode strips the spaces and dashes people type or paste into a
// code, and lower-cases letters (recovery codes are case-insensitive).
func normalizeCode(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			return -1
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// newTOTPKey returns a fresh random secret.
func newTOTPKey() []byte {
	k := make([]byte, totpSecretBytes)
	_, _ = rand.Read(k) // never fails: crypto/rand panics rather than return an error
	return k
}

// groupedSecret shows a secret in base32 in groups of four, easier to
// type into an app by hand.
func groupedSecret(key []byte) string {
	s := b32.EncodeToString(key)
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

// otpauthURI is the key URI apps import (the de facto Key Uri Format).
func otpauthURI(issuer, account string, key []byte) string {
	label := url.PathEscape(issuer) + ":" + url.PathEscape(account)
	q := url.Values{"secret": {b32.EncodeToString(key)}, "issuer": {issuer},
		"algorithm": {"SHA1"}, "digits": {"6"}, "period": {"30"}}
	return "otpauth://totp/" + label + "?" + q.Encode()
}

// recoveryAlphabet leaves out letters easily misread (0/o, 1/l/i).
const recoveryAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"

// newRecoveryCode returns a random code of ten characters (about 50
// bits), shown as xxxxx-xxxxx.
func newRecoveryCode() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	out := make([]byte, 0, 11)
	for i, c := range b {
		if i == 5 {
			out = append(out, '-')
		}
		// 256 % 31 leaves a tiny bias, irrelevant for a one-time code.
		out = append(out, recoveryAlphabet[int(c)%len(recoveryAlphabet)])
	}
	return string(out)
}

// recoveryHash is what the store keeps of a recovery code.
func recoveryHash(code string) string {
	sum := sha256.Sum256([]byte("byline recovery code\x00" + normalizeCode(code)))
	return hex.EncodeToString(sum[:])
}

// sealSecret encrypts an authenticator secret with AES-256-GCM, so that a
// copy of the database alone does not give away codes. The user ID is the
// additional data: a sealed secret moved to another account does not open.
func sealSecret(key []byte, userID int64, secret []byte) (string, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize())
	_, _ = rand.Read(nonce)
	return base64.RawStdEncoding.EncodeToString(aead.Seal(nonce, nonce, secret, userAD(userID))), nil
}

// openSecret reverses sealSecret.
func openSecret(key []byte, userID int64, sealed string) ([]byte, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	raw, err := base64.RawStdEncoding.DecodeString(sealed)
	if err != nil || len(raw) < aead.NonceSize() {
		return nil, errors.New("sealed authenticator secret is malformed")
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], userAD(userID))
	if err != nil {
		return nil, errors.New("authenticator secret does not open with the key")
	}
	return plain, nil
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func userAD(userID int64) []byte {
	return binary.BigEndian.AppendUint64([]byte("byline totp\x00"), uint64(userID))
}
