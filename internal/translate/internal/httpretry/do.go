package httpretry

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Error marks a failure worth another try: a 429, a 5xx, a dropped
// connection. After is the server's Retry-After, zero when it gave none.
type Error struct {
	Err   error
	After time.Duration
}

// Retry marks err as worth another try after the Retry-After that h
// carries, if any (see RetryAfter).
func Retry(err error, h http.Header, now time.Time) *Error {
	d, _ := RetryAfter(h, now)
	return &Error{Err: err, After: d}
}

func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns the failure itself.
func (e *Error) Unwrap() error { return e.Err }

// Do calls try until it succeeds, fails with an error that is not an
// *Error, or has been called p.Attempts times (at least once). Between
// tries it waits, with sleep, the failure's After or else p.Backoff. name
// starts the errors Do writes itself: "name: giving up after 3 attempts:
// …" and "name: stopped waiting to retry after …: …", which wrap the last
// failure and sleep's error.
func Do[T any](ctx context.Context, name string, p Policy, sleep SleepFunc, try func() (T, error)) (T, error) {
	for attempt := 1; ; attempt++ {
		v, err := try()
		if err == nil {
			return v, nil
		}
		var re *Error
		if !errors.As(err, &re) {
			return v, err
		}
		var zero T
		if attempt >= p.Attempts {
			return zero, fmt.Errorf("%s: giving up after %d attempts: %w", name, attempt, re.Err)
		}
		if err := sleep(ctx, p.Delay(attempt, re.After)); err != nil {
			return zero, fmt.Errorf("%s: stopped waiting to retry after %v: %w", name, re.Err, err)
		}
	}
}
