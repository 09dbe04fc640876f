package httpretry

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// waits records the sleeps asked for instead of sleeping; err, if set, is
// what the sleep returns.
type waits struct {
	d   []time.Duration
	err error
}

func (w *waits) sleep(_ context.Context, d time.Duration) error {
	w.d = append(w.d, d)
	return w.err
}

// script answers each try with the next error (nil for success).
func script(errs ...error) (func() (string, error), *int) {
	n := 0
	return func() (string, error) {
		n++
		if n <= len(errs) && errs[n-1] != nil {
			return "", errs[n-1]
		}
		return "ok", nil
	}, &n
}

var fixed = Policy{Attempts: 4, Base: time.Second, Max: 8 * time.Second}

func TestDoRetriesUntilSuccess(t *testing.T) {
	try, n := script(&Error{Err: errors.New("503")}, &Error{Err: errors.New("429"), After: 3 * time.Second})
	var w waits
	got, err := Do(context.Background(), "eng", fixed, w.sleep, try)
	if err != nil || got != "ok" {
		t.Fatalf("Do = %q, %v; want ok", got, err)
	}
	if *n != 3 {
		t.Errorf("%d tries, want 3", *n)
	}
	// The first wait is the backoff, the second the server's Retry-After.
	if len(w.d) != 2 || w.d[0] != time.Second || w.d[1] != 3*time.Second {
		t.Errorf("waits %v, want [1s 3s]", w.d)
	}
}

func TestDoGivesUpAfterAttempts(t *testing.T) {
	last := errors.New("HTTP 503: busy")
	try, n := script(&Error{Err: errors.New("first")}, &Error{Err: errors.New("second")}, &Error{Err: errors.New("third")}, &Error{Err: last}, nil)
	var w waits
	_, err := Do(context.Background(), "eng", fixed, w.sleep, try)
	if !errors.Is(err, last) || !strings.Contains(err.Error(), "eng: giving up after 4 attempts: HTTP 503: busy") {
		t.Errorf("err = %v, want giving up after 4 attempts wrapping the last failure", err)
	}
	if *n != 4 || len(w.d) != 3 {
		t.Errorf("%d tries and %d waits, want 4 and 3", *n, len(w.d))
	}
	var re *Error
	if errors.As(err, &re) {
		t.Error("the final error is still marked retryable")
	}
}

func TestDoTriesOnceWithoutAttempts(t *testing.T) {
	try, n := script(&Error{Err: errors.New("503")}, nil)
	var w waits
	if _, err := Do(context.Background(), "eng", Policy{}, w.sleep, try); err == nil {
		t.Error("Do succeeded, want the first failure")
	}
	if *n != 1 || len(w.d) != 0 {
		t.Errorf("%d tries and %d waits, want 1 and 0", *n, len(w.d))
	}
}

func TestDoStopsAtOtherErrors(t *testing.T) {
	bad := errors.New("HTTP 401: bad key")
	try, n := script(&Error{Err: errors.New("503")}, bad, nil)
	var w waits
	_, err := Do(context.Background(), "eng", fixed, w.sleep, try)
	if err != bad {
		t.Errorf("err = %v, want the refusal itself", err)
	}
	if *n != 2 {
		t.Errorf("%d tries, want 2", *n)
	}
}

func TestDoStopsWhenSleepFails(t *testing.T) {
	try, n := script(&Error{Err: errors.New("HTTP 429")}, nil)
	w := waits{err: context.Canceled}
	_, err := Do(context.Background(), "eng", fixed, w.sleep, try)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "eng: stopped waiting to retry after HTTP 429") {
		t.Errorf("err = %v, want stopped waiting wrapping context.Canceled", err)
	}
	if *n != 1 {
		t.Errorf("%d tries, want 1", *n)
	}
}

func TestDoWithRealSleepEndsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	try := func() (int, error) {
		cancel()
		return 0, &Error{Err: errors.New("503"), After: time.Hour}
	}
	start := time.Now()
	_, err := Do(ctx, "eng", fixed, Sleep, try)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Do took %v after the context ended", d)
	}
}

func TestRetryReadsRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	cause := errors.New("HTTP 429")
	e := Retry(cause, http.Header{"Retry-After": {"12"}}, now)
	if e.After != 12*time.Second || !errors.Is(e, cause) || e.Error() != "HTTP 429" {
		t.Errorf("Retry = %+v, want After 12s wrapping the cause", e)
	}
	if e := Retry(cause, http.Header{"Retry-After": {"-3"}}, now); e.After != 0 {
		t.Errorf("Retry with a negative Retry-After: After = %v, want 0", e.After)
	}
}
