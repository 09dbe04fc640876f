package httpretry

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"
)

// Policy says how often and how patiently a request is tried.
type Policy struct {
	// Attempts is the number of tries in all, the first included.
	Attempts int
	// Base is the wait after the first failure, doubled after each
	// further one.
	Base time.Duration
	// Max caps the backoff, and in Wait also the Retry-After honoured.
	Max time.Duration
	// Jitter draws each backoff from the upper half, [d/2, d], so that
	// clients failing together do not retry together.
	Jitter bool
}

// Default is the providers' usual policy: four tries, waiting 0.5 s after
// the first failure and doubling up to 30 s, without jitter.
var Default = Policy{Attempts: 4, Base: 500 * time.Millisecond, Max: 30 * time.Second}

// Jittered is Default's backoff with jitter, for attempts tries in all.
func Jittered(attempts int) Policy {
	p := Default
	p.Attempts, p.Jitter = attempts, true
	return p
}

// Backoff returns the wait before try attempt+1 after attempt failed
// ones (attempt counts from 1): Base doubled attempt-1 times, capped at
// Max, and jittered when the policy says so. It never overflows, however
// large attempt is.
func (p Policy) Backoff(attempt int) time.Duration {
	d := p.Base
	for i := 1; i < attempt && d < p.Max; i++ {
		d *= 2
	}
	if d > p.Max || d <= 0 {
		d = p.Max
	}
	if p.Jitter && d > 0 {
		return d/2 + rand.N(d/2+1)
	}
	return d
}

// Wait returns the wait before try attempt+1: the server's Retry-After
// when h carries a valid one (ok is false when it asks for longer than
// Max, so the caller gives up rather than wait), else Backoff.
func (p Policy) Wait(attempt int, h http.Header, now time.Time) (d time.Duration, ok bool) {
	if ra, has := RetryAfter(h, now); has {
		return ra, ra <= p.Max
	}
	return p.Backoff(attempt), true
}

// Next decides, after try number attempt failed with err, whether to try
// again: it returns the wait (see Wait), or err wrapped with why it is
// final: "… (gave up after 4 tries)" once the attempts are spent, "… (the
// server asks to wait 1h0m0s)" when Retry-After is longer than Max.
func (p Policy) Next(attempt int, h http.Header, now time.Time, err error) (time.Duration, error) {
	if attempt >= p.Attempts {
		return 0, fmt.Errorf("%w (gave up after %d tries)", err, attempt)
	}
	wait, ok := p.Wait(attempt, h, now)
	if !ok {
		return 0, fmt.Errorf("%w (the server asks to wait %s)", err, wait)
	}
	return wait, nil
}

// Delay returns retryAfter when it is positive, else Backoff(attempt):
// for callers that honour any Retry-After the server gives, uncapped.
func (p Policy) Delay(attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return retryAfter
	}
	return p.Backoff(attempt)
}

// Retryable reports whether an HTTP status is worth another try: 429 Too
// Many Requests or any 5xx.
func Retryable(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500
}
