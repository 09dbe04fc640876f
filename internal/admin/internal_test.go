package admin

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestSafeNext(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/admin/", "/admin/"},
		{"/admin/?page=3", "/admin/?page=3"},
		{"/admin/articles/7/edit", "/admin/articles/7/edit"},
		{"", dashboardPath},
		{"/admin", dashboardPath},
		{"//evil.example", dashboardPath},
		{"///evil.example", dashboardPath},
		{"https://evil.example/admin/", dashboardPath},
		{`/\evil.example`, dashboardPath},
		{`/admin/\evil`, dashboardPath},
		{"/admin/%5Cevil", dashboardPath},
		{"/admin//evil.example", dashboardPath},
		{"/admin/./x", dashboardPath},
		{"/admin/../x", dashboardPath},
		{"/admin/%2E%2E/x", dashboardPath},
		{"/admin/\nx", dashboardPath},
		{"/admin/%0d%0aSet-Cookie:x", dashboardPath},
		{"/admin/login", dashboardPath},
		{"/admin/logout", dashboardPath},
		{"/admin/" + strings.Repeat("a", 3000), dashboardPath},
	}
	for _, tt := range tests {
		if got := safeNext(tt.in); got != tt.want {
			t.Errorf("safeNext(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/admin/", "/admin/?page=2", "//evil", `/\evil`, "/admin/%2e%2e/", "https://x/admin/", "/admin/\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := safeNext(next)
		if got != dashboardPath && got != next {
			t.Fatalf("safeNext(%q) = %q: neither the input nor the dashboard", next, got)
		}
		u, err := url.Parse(got)
		if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/admin/") {
			t.Fatalf("safeNext(%q) = %q leaves the admin", next, got)
		}
		if strings.HasPrefix(got, "//") || strings.ContainsAny(got, "\\\t\r\n") {
			t.Fatalf("safeNext(%q) = %q: a browser may read it as another host", next, got)
		}
	})
}

func TestLoginLimiterSlidesItsWindow(t *testing.T) {
	l := newLoginLimiter(10*time.Minute, 2, 3)
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	steps := []struct {
		name     string
		account  string
		ip       string
		at       time.Duration
		wantWait time.Duration
	}{
		{"first", "a@x", "192.0.2.1", 0, 0},
		{"second", "A@X ", "192.0.2.1", time.Minute, 0},
		{"account full", "a@x", "192.0.2.2", 2 * time.Minute, 8 * time.Minute},
		{"other account, same address", "b@x", "192.0.2.1", 3 * time.Minute, 0},
		{"address full", "c@x", "192.0.2.1", 4 * time.Minute, 6 * time.Minute},
		{"first attempt slid out", "a@x", "192.0.2.9", 10*time.Minute + time.Second, 0},
	}
	for _, s := range steps {
		if got := l.attempt(s.account, s.ip, t0.Add(s.at)); got != s.wantWait {
			t.Errorf("%s: wait %v, want %v", s.name, got, s.wantWait)
		}
	}
	// A success forgets the account's failures and its own attempt.
	at := t0.Add(11 * time.Minute)
	l.attempt("b@x", "192.0.2.9", at)
	l.succeeded("b@x", "192.0.2.9", at)
	if _, ok := l.accounts["b@x"]; ok {
		t.Error("the account's failures survived a success")
	}
	if got := len(l.ips["192.0.2.9"]); got != 1 {
		t.Errorf("address has %d attempts counted, want 1 (the failure only)", got)
	}
}

func TestLoginLimiterBoundsItsMemory(t *testing.T) {
	l := newLoginLimiter(time.Minute, 5, 1_000_000)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range maxLimiterKeys + 10 {
		l.attempt("user"+strconv.Itoa(i)+"@news.example", "192.0.2.1", now)
	}
	if n := len(l.accounts); n > maxLimiterKeys {
		t.Errorf("%d accounts kept, more than %d", n, maxLimiterKeys)
	}
}

func TestIPKeyGroupsIPv6By64(t *testing.T) {
	tests := []struct{ in, want string }{
		{"192.0.2.7", "192.0.2.7"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"::ffff:192.0.2.7", "::ffff:192.0.2.7"},
		{"not an address", "not an address"},
	}
	for _, tt := range tests {
		if got := ipKey(tt.in); got != tt.want {
			t.Errorf("ipKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"Firefox/140", 512, "Firefox/140"},
		{"a\x00b\nc\x7f", 512, "abc"},
		{"\xff\xfeok", 512, "\uFFFDok"},
		{"ééé", 5, "éé"}, // never cuts a character in two
	}
	for _, tt := range tests {
		got := cleanText(tt.in, tt.max)
		if got != tt.want || !utf8.ValidString(got) {
			t.Errorf("cleanText(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}
