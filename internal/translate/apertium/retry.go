package apertium

import (
	"context"
	"net/http"
	"strconv"
	"time"
)

// retryPolicy says how often and how patiently a request is retried
// after a 429 or 5xx answer or a failed connection.
type retryPolicy struct {
	attempts int           // tries in all, the first included
	base     time.Duration // wait after the first failure, doubled each time
	max      time.Duration // the longest wait, Retry-After included
}

var defaultRetry = retryPolicy{attempts: 4, base: 500 * time.Millisecond, max: 30 * time.Second}

// wait returns how long to wait before try number attempt+1: the
// server's Retry-After when it gives one, else exponential backoff. ok is
// false when the server asks for longer than the policy waits.
func (p retryPolicy) wait(attempt int, h http.Header, now time.Time) (d time.Duration, ok bool) {
	if ra, has := retryAfter(h, now); has {
		return ra, ra <= p.max
	}
	d = p.base << (attempt - 1)
	if d > p.max || d <= 0 {
		d = p.max
	}
	return d, true
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// retryable reports whether an HTTP status is worth another try.
func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-t.C:
		return nil
	}
}
