package httpretry

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, value string
		want        time.Duration
		ok          bool
	}{
		{"absent", "", 0, false},
		{"zero seconds", "0", 0, true},
		{"seconds", "120", 2 * time.Minute, true},
		{"spaces", " 7 ", 7 * time.Second, true},
		{"negative", "-5", 0, false},
		{"fraction", "1.5", 0, false},
		{"garbage", "soon", 0, false},
		{"date ahead", now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{"RFC 850 date", now.Add(time.Hour).Format(time.RFC850), time.Hour, true},
		{"ANSI C date", now.Add(time.Minute).Format(time.ANSIC), time.Minute, true},
		{"date past", now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"huge seconds", "99999999999999999", time.Duration(maxSeconds) * time.Second, true},
		{"seconds beyond int64", "999999999999999999999", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.value != "" {
				h.Set("Retry-After", tt.value)
			}
			got, ok := RetryAfter(h, now)
			if got != tt.want || ok != tt.ok {
				t.Errorf("RetryAfter(%q) = %v, %v; want %v, %v", tt.value, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestNextMidnight(t *testing.T) {
	la := time.FixedZone("PST", -8*60*60)
	// 03:00 UTC on 2 March is still 1 March in California.
	t0 := time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC)
	if got, want := NextMidnight(t0, time.UTC), time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("NextMidnight UTC = %v, want %v", got, want)
	}
	if got, want := NextMidnight(t0, la), time.Date(2026, 3, 2, 0, 0, 0, 0, la); !got.Equal(want) {
		t.Errorf("NextMidnight PST = %v, want %v", got, want)
	}
	// At midnight exactly the next one is a day on.
	mid := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	if got, want := NextMidnight(mid, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("NextMidnight at midnight = %v, want %v", got, want)
	}
}

func FuzzRetryAfter(f *testing.F) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, s := range []string{"", "0", "120", "-1", "1e3", "Sun, 01 Mar 2026 12:01:00 GMT", "Sunday, 01-Mar-26 12:01:00 GMT", "99999999999999999999", " 5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		h := http.Header{"Retry-After": {v}}
		d, ok := RetryAfter(h, now)
		if d < 0 {
			t.Fatalf("RetryAfter(%q) = %v, negative", v, d)
		}
		if !ok && d != 0 {
			t.Fatalf("RetryAfter(%q) = %v with ok false", v, d)
		}
		if n, err := strconv.Atoi(v); err == nil && n >= 0 && int64(n) <= maxSeconds {
			if !ok || d != time.Duration(n)*time.Second {
				t.Fatalf("RetryAfter(%q) = %v, %v; want %d seconds", v, d, ok, n)
			}
		}
	})
}
