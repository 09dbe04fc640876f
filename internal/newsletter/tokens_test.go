package newsletter

import (
	"bytes"
	"encoding/base64"
	"errors"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
)

func testTokens(t testing.TB) *Tokens {
	t.Helper()
	tok, err := NewTokens(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

var tokenNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestTokensRoundTrip(t *testing.T) {
	tok := testTokens(t)
	sub := news.Subscriber{ID: 42, Email: "Reader@Example.org"}
	for _, purpose := range []Purpose{PurposeConfirm, PurposeManage} {
		s := tok.Issue(purpose, sub, tokenNow)
		if _, err := base64.RawURLEncoding.DecodeString(s); err != nil {
			t.Fatalf("%s token %q is not base64url: %v", purpose, s, err)
		}
		id, key, err := tok.Verify(s, purpose, tokenNow.Add(time.Minute))
		if err != nil || id != 42 {
			t.Fatalf("%s: Verify = %d, %v", purpose, id, err)
		}
		if key != tok.EmailKey("reader@example.org") {
			t.Errorf("%s: the email key does not match the address compared case-insensitively", purpose)
		}
		if key == tok.EmailKey("other@example.org") {
			t.Errorf("%s: the email key matches another address", purpose)
		}
	}
}

func TestTokensExpiry(t *testing.T) {
	tok := testTokens(t)
	sub := news.Subscriber{ID: 1, Email: "a@example.org"}
	confirm := tok.Issue(PurposeConfirm, sub, tokenNow)
	if _, _, err := tok.Verify(confirm, PurposeConfirm, tokenNow.Add(ConfirmTTL-time.Second)); err != nil {
		t.Errorf("just before expiry: %v", err)
	}
	if _, _, err := tok.Verify(confirm, PurposeConfirm, tokenNow.Add(ConfirmTTL)); !errors.Is(err, ErrExpired) {
		t.Errorf("at expiry: %v, want ErrExpired", err)
	}
	manage := tok.Issue(PurposeManage, sub, tokenNow)
	if _, _, err := tok.Verify(manage, PurposeManage, tokenNow.Add(10*365*24*time.Hour)); err != nil {
		t.Errorf("a manage token expired after ten years: %v", err)
	}
}

func TestTokensRefuseWrongPurposeKeyAndJunk(t *testing.T) {
	tok := testTokens(t)
	sub := news.Subscriber{ID: 9, Email: "a@example.org"}
	confirm := tok.Issue(PurposeConfirm, sub, tokenNow)
	if _, _, err := tok.Verify(confirm, PurposeManage, tokenNow); !errors.Is(err, ErrForged) {
		t.Errorf("a confirm token used to manage: %v, want ErrForged", err)
	}
	other, err := NewTokens(bytes.Repeat([]byte{8}, 32))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := other.Verify(confirm, PurposeConfirm, tokenNow); !errors.Is(err, ErrForged) {
		t.Errorf("a token of another key: %v, want ErrForged", err)
	}
	for _, junk := range []string{"", "abc", confirm + "A", confirm[:len(confirm)-1], "!" + confirm[1:]} {
		if _, _, err := tok.Verify(junk, PurposeConfirm, tokenNow); !errors.Is(err, ErrMalformed) {
			t.Errorf("Verify(%q) = %v, want ErrMalformed", junk, err)
		}
	}
	if _, err := NewTokens(make([]byte, 16)); err == nil {
		t.Error("a 16-byte key was accepted")
	}
}

func FuzzVerify(f *testing.F) {
	tok := testTokens(f)
	sub := news.Subscriber{ID: 5, Email: "fuzz@example.org"}
	valid := tok.Issue(PurposeManage, sub, tokenNow)
	f.Add(valid, 0, byte(1))
	f.Add(valid, 10, byte(0x80))
	f.Add("", 0, byte(0))
	f.Add("not a token", 3, byte(2))
	f.Fuzz(func(t *testing.T, s string, pos int, flip byte) {
		// Arbitrary input never panics.
		_, _, _ = tok.Verify(s, PurposeManage, tokenNow)
		_, _, _ = tok.Verify(s, PurposeConfirm, tokenNow)
		// A valid token with any byte changed is refused.
		raw, err := base64.RawURLEncoding.DecodeString(valid)
		if err != nil {
			t.Fatal(err)
		}
		if flip == 0 {
			flip = 1
		}
		if pos < 0 {
			pos = -pos
		}
		pos %= len(raw)
		raw[pos] ^= flip
		mutated := base64.RawURLEncoding.EncodeToString(raw)
		if _, _, err := tok.Verify(mutated, PurposeManage, tokenNow); err == nil {
			t.Fatalf("a token with byte %d changed by %#x verified", pos, flip)
		}
		if s != valid {
			if _, _, err := tok.Verify(s, PurposeManage, tokenNow); err == nil {
				t.Fatalf("%q verified although it is not the issued token", s)
			}
		}
	})
}
