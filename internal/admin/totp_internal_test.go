package admin

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rfcKey is the SHA-1 secret of RFC 4226 appendix D and RFC 6238
// appendix B.
var rfcKey = []byte("12345678901234567890")

func TestHOTPMatchesRFC4226(t *testing.T) {
	want := []string{"755224", "287082", "359152", "969429", "338314",
		"254676", "287922", "162583", "399871", "520489"}
	for counter, code := range want {
		if got := hotp(rfcKey, uint64(counter), 6); got != code {
			t.Errorf("HOTP(count %d) = %s, want %s", counter, got, code)
		}
	}
}

func TestTOTPMatchesRFC6238(t *testing.T) {
	tests := []struct {
		unix int64
		code string // the appendix's eight digits
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			at := time.Unix(tt.unix, 0)
			if got := hotp(rfcKey, uint64(totpStep(at)), 8); got != tt.code {
				t.Errorf("eight digits at %d = %s, want %s", tt.unix, got, tt.code)
			}
			// Six digits are the last six of the eight.
			six := tt.code[2:]
			step, ok := totpMatch(rfcKey, six, at)
			if !ok || step != totpStep(at) {
				t.Errorf("totpMatch(%s at %d) = %d, %v; want step %d", six, tt.unix, step, ok, totpStep(at))
			}
		})
	}
}

func TestTOTPAcceptsOneStepOfDriftOnly(t *testing.T) {
	now := time.Unix(1234567890, 0)
	cur := totpStep(now)
	tests := []struct {
		name  string
		step  int64
		match bool
	}{
		{"current step", cur, true},
		{"one step behind", cur - 1, true},
		{"one step ahead", cur + 1, true},
		{"two steps behind", cur - 2, false},
		{"two steps ahead", cur + 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code := hotp(rfcKey, uint64(tt.step), totpDigits)
			step, ok := totpMatch(rfcKey, code, now)
			if ok != tt.match || (ok && step != tt.step) {
				t.Errorf("totpMatch = %d, %v; want %d, %v", step, ok, tt.step, tt.match)
			}
		})
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef"} {
		if _, ok := totpMatch(rfcKey, bad, now); ok {
			t.Errorf("totpMatch(%q) matched", bad)
		}
	}
}

func TestSealedSecretsOpenOnlyForTheirUserAndKey(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 32)
	secret := newTOTPKey()
	sealed, err := sealSecret(key, 42, secret)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, b32.EncodeToString(secret)) {
		t.Fatal("the sealed secret contains the secret")
	}
	got, err := openSecret(key, 42, sealed)
	if err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("openSecret = %x, %v; want %x", got, err, secret)
	}
	if _, err := openSecret(key, 43, sealed); err == nil {
		t.Error("opened for another user")
	}
	if _, err := openSecret(bytes.Repeat([]byte{8}, 32), 42, sealed); err == nil {
		t.Error("opened with another key")
	}
	if _, err := openSecret(key, 42, "!!"); err == nil {
		t.Error("opened junk")
	}
}

func TestPendingCookie(t *testing.T) {
	key := bytes.Repeat([]byte{1}, 32)
	at := time.Date(2025, 6, 2, 8, 0, 0, 0, time.UTC)
	value := pendingValue(key, 7, at)
	tests := []struct {
		name   string
		value  string
		now    time.Time
		wantOK bool
	}{
		{"fresh", value, at.Add(time.Minute), true},
		{"just before expiry", value, at.Add(pendingTTL - time.Second), true},
		{"expired", value, at.Add(pendingTTL), false},
		{"from the future", value, at.Add(-2 * time.Minute), false},
		{"other key", pendingValue(bytes.Repeat([]byte{2}, 32), 7, at), at, false},
		{"user changed", strings.Replace(value, "7.", "8.", 1), at, false},
		{"time changed", pendingValue(key, 7, at)[:2] + "9" + value[3:], at, false},
		{"no signature", "7.1748851200", at, false},
		{"empty", "", at, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, ok := parsePending(key, tt.value, tt.now)
			if ok != tt.wantOK || (ok && id != 7) {
				t.Errorf("parsePending = %d, %v; want 7, %v", id, ok, tt.wantOK)
			}
		})
	}
}

func TestRecoveryCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		c := newRecoveryCode()
		if len(c) != 11 || c[5] != '-' || seen[c] {
			t.Fatalf("recovery code %q: malformed or repeated", c)
		}
		seen[c] = true
		// People type them in capitals, without the dash, with spaces.
		typed := " " + strings.ToUpper(strings.Replace(c, "-", " ", 1)) + " "
		if recoveryHash(typed) != recoveryHash(c) {
			t.Errorf("%q and %q hash differently", typed, c)
		}
	}
	if recoveryHash("aaaaa-aaaaa") == recoveryHash("aaaaa-aaaab") {
		t.Error("different codes share a hash")
	}
}

func TestOTPAuthURI(t *testing.T) {
	uri := otpauthURI("The Daily Bugle", "ed@news.example", rfcKey)
	want := "otpauth://totp/The%20Daily%20Bugle:ed@news.example?algorithm=SHA1&digits=6&issuer=The+Daily+Bugle&period=30&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	if uri != want {
		t.Errorf("uri =\n%s\nwant\n%s", uri, want)
	}
	if got := groupedSecret(rfcKey); got != "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ" {
		t.Errorf("grouped secret = %q", got)
	}
}

func FuzzParsePending(f *testing.F) {
	key := bytes.Repeat([]byte{1}, 32)
	at := time.Date(2025, 6, 2, 8, 0, 0, 0, time.UTC)
	f.Add(pendingValue(key, 7, at))
	f.Add("1.2.3")
	f.Add("..")
	f.Fuzz(func(t *testing.T, value string) {
		id, ok := parsePending(key, value, at)
		if !ok {
			return
		}
		// Only a value this package signed can pass: the fuzzer cannot
		// forge the MAC, so anything accepted is the seed.
		parts := strings.Split(value, ".")
		sec, err := strconv.ParseInt(parts[1], 10, 64)
		if err != nil || id <= 0 || value != pendingValue(key, id, time.Unix(sec, 0)) {
			t.Fatalf("accepted %q as user %d", value, id)
		}
	})
}
