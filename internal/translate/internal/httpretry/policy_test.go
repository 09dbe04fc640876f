package httpretry

import (
	"errors"
	"math"
	"net/http"
	"testing"
	"time"
)

func TestBackoffDoublesUpToMax(t *testing.T) {
	p := Policy{Attempts: 10, Base: 500 * time.Millisecond, Max: 30 * time.Second}
	want := []time.Duration{
		500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second,
		8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second,
	}
	for i, w := range want {
		if got := p.Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
}

func TestBackoffNeverOverflows(t *testing.T) {
	p := Policy{Base: 500 * time.Millisecond, Max: 30 * time.Second}
	for _, n := range []int{31, 63, 64, 65, 100, 1 << 20, math.MaxInt} {
		if got := p.Backoff(n); got != p.Max {
			t.Errorf("Backoff(%d) = %v, want the cap %v", n, got, p.Max)
		}
	}
	huge := Policy{Base: time.Duration(math.MaxInt64 / 3), Max: time.Duration(math.MaxInt64)}
	if got := huge.Backoff(5); got <= 0 {
		t.Errorf("Backoff with a huge base = %v, want positive", got)
	}
}

func TestBackoffJitterStaysInUpperHalf(t *testing.T) {
	p := Jittered(4)
	for attempt, d := range map[int]time.Duration{1: 500 * time.Millisecond, 2: time.Second, 3: 2 * time.Second, 20: 30 * time.Second} {
		lo, hi := d, time.Duration(0)
		for range 2000 {
			got := p.Backoff(attempt)
			if got < d/2 || got > d {
				t.Fatalf("Backoff(%d) = %v, outside [%v, %v]", attempt, got, d/2, d)
			}
			lo, hi = min(lo, got), max(hi, got)
		}
		// 2,000 uniform draws cover both quarters of the range unless the
		// jitter is broken (the chance otherwise is below 2^-800).
		if lo > d/2+d/8 || hi < d-d/8 {
			t.Errorf("Backoff(%d) drew only [%v, %v] of [%v, %v]: no jitter", attempt, lo, hi, d/2, d)
		}
	}
}

func TestJitteredAndDefault(t *testing.T) {
	p := Jittered(7)
	if p.Attempts != 7 || !p.Jitter || p.Base != Default.Base || p.Max != Default.Max {
		t.Errorf("Jittered(7) = %+v, want Default's backoff with 7 attempts and jitter", p)
	}
	if Default.Jitter || Default.Attempts != 4 {
		t.Errorf("Default = %+v, want 4 attempts without jitter", Default)
	}
}

func TestWaitHonoursRetryAfterUpToMax(t *testing.T) {
	p := Policy{Attempts: 4, Base: time.Second, Max: 10 * time.Second}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	h := func(v string) http.Header {
		h := http.Header{}
		if v != "" {
			h.Set("Retry-After", v)
		}
		return h
	}
	tests := []struct {
		header  string
		attempt int
		want    time.Duration
		ok      bool
	}{
		{"", 1, time.Second, true},
		{"", 3, 4 * time.Second, true},
		{"garbage", 2, 2 * time.Second, true},
		{"0", 3, 0, true},
		{"7", 1, 7 * time.Second, true},
		{"10", 1, 10 * time.Second, true},
		{"11", 1, 11 * time.Second, false},
		{now.Add(5 * time.Second).Format(http.TimeFormat), 1, 5 * time.Second, true},
		{now.Add(time.Hour).Format(http.TimeFormat), 1, time.Hour, false},
	}
	for _, tt := range tests {
		got, ok := p.Wait(tt.attempt, h(tt.header), now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Wait(%d, Retry-After %q) = %v, %v; want %v, %v", tt.attempt, tt.header, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDelayPrefersRetryAfter(t *testing.T) {
	p := Policy{Base: time.Second, Max: 10 * time.Second}
	if got := p.Delay(2, time.Minute); got != time.Minute {
		t.Errorf("Delay(2, 1m) = %v, want the server's 1m even above Max", got)
	}
	if got := p.Delay(2, 0); got != 2*time.Second {
		t.Errorf("Delay(2, 0) = %v, want the backoff 2s", got)
	}
}

func TestRetryable(t *testing.T) {
	for status, want := range map[int]bool{
		200: false, 400: false, 401: false, 403: false, 404: false, 408: false, 456: false,
		429: true, 500: true, 502: true, 503: true, 504: true, 529: true,
	} {
		if got := Retryable(status); got != want {
			t.Errorf("Retryable(%d) = %v, want %v", status, got, want)
		}
	}
}

func TestNextGivesUpWithReason(t *testing.T) {
	p := Policy{Attempts: 3, Base: time.Second, Max: 10 * time.Second}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	cause := errors.New("HTTP 503")
	if d, err := p.Next(1, http.Header{}, now, cause); err != nil || d != time.Second {
		t.Errorf("Next(1) = %v, %v; want 1s", d, err)
	}
	if d, err := p.Next(2, http.Header{"Retry-After": {"4"}}, now, cause); err != nil || d != 4*time.Second {
		t.Errorf("Next(2, Retry-After 4) = %v, %v; want 4s", d, err)
	}
	_, err := p.Next(3, http.Header{}, now, cause)
	if !errors.Is(err, cause) || err.Error() != "HTTP 503 (gave up after 3 tries)" {
		t.Errorf("Next(3) = %v, want gave up after 3 tries", err)
	}
	_, err = p.Next(1, http.Header{"Retry-After": {"3600"}}, now, cause)
	if !errors.Is(err, cause) || err.Error() != "HTTP 503 (the server asks to wait 1h0m0s)" {
		t.Errorf("Next with a long Retry-After = %v, want the server's wait named", err)
	}
}
