package store

import (
	"strings"
	"testing"
)

// FuzzCheckEmail checks that the address key is stable and that
// checkEmail lets through no address that could break a mail header.
func FuzzCheckEmail(f *testing.F) {
	for _, s := range []string{"a@b.org", "", "a@b.org\r\nBcc: c@d.org", "no-at", "Ä@b.org", "a@b.org\x00", "a b@c.org"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, email string) {
		key := emailKey(email)
		if emailKey(key) != key {
			t.Fatalf("emailKey is not idempotent on %q: %q then %q", email, key, emailKey(key))
		}
		if checkEmail(email) != nil {
			return
		}
		if len(email) > maxEmailLen || !strings.Contains(email, "@") || strings.ContainsAny(email, "\r\n\t \x00") {
			t.Fatalf("checkEmail accepted %q", email)
		}
	})
}
