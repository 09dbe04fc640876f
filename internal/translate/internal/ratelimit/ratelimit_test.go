package ratelimit

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// fake gives l a clock that only moves when l sleeps, and returns the
// waits l asked for.
func fake(l *Limiter) *[]time.Duration {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var waits []time.Duration
	l.now = func() time.Time { return now }
	l.sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		now = now.Add(d)
		return nil
	}
	return &waits
}

func waitAll(t *testing.T, l *Limiter, chars ...int) {
	t.Helper()
	for _, n := range chars {
		if err := l.Wait(context.Background(), n); err != nil {
			t.Fatalf("Wait(%d): %v", n, err)
		}
	}
}

func equal(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestUnlimitedIsNilAndNeverWaits(t *testing.T) {
	for _, c := range [][2]int{{0, 0}, {-1, 0}, {0, -5}} {
		if l := New(c[0], c[1]); l != nil {
			t.Fatalf("New(%d, %d) = %v, want nil", c[0], c[1], l)
		}
	}
	var l *Limiter
	start := time.Now()
	for range 1000 {
		if err := l.Wait(context.Background(), 1<<20); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > 50*time.Millisecond {
		t.Fatalf("a nil limiter took %s for 1000 waits", d)
	}
}

func TestRequestsAreSpacedEvenly(t *testing.T) {
	l := New(600, 0)
	waits := fake(l)
	waitAll(t, l, 10, 10, 10, 10)
	want := []time.Duration{100 * time.Millisecond, 100 * time.Millisecond, 100 * time.Millisecond}
	if !equal(*waits, want) {
		t.Fatalf("waits = %v, want %v (the first request goes at once)", *waits, want)
	}
}

func TestCharactersWaitForTheirBudget(t *testing.T) {
	l := New(0, 6000) // 100 a second, a bucket of 1,000
	waits := fake(l)
	waitAll(t, l, 1000, 500)
	if want := []time.Duration{5 * time.Second}; !equal(*waits, want) {
		t.Fatalf("waits = %v, want %v", *waits, want)
	}
}

func TestTheLongerOfBothWaitsIsTaken(t *testing.T) {
	l := New(60, 6000) // one request a second; 100 chars a second
	waits := fake(l)
	waitAll(t, l, 1000, 500, 1)
	// 500 chars need 5 s, the request 1 s; then the request needs 1 s
	// more, the single character 10 ms.
	want := []time.Duration{5 * time.Second, time.Second}
	if !equal(*waits, want) {
		t.Fatalf("waits = %v, want %v", *waits, want)
	}
}

func TestOversizedRequestTakesAFullBucketAndGoes(t *testing.T) {
	l := New(0, 600) // 10 a second, a bucket of 100
	waits := fake(l)
	waitAll(t, l, 5000, 5000)
	if want := []time.Duration{10 * time.Second}; !equal(*waits, want) {
		t.Fatalf("waits = %v, want %v: the bucket's 100 chars refill in 10 s", *waits, want)
	}
}

func TestEndedContextReturnsAtOnceAndTakesNothing(t *testing.T) {
	l := New(60, 0)
	waits := fake(l)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.Wait(ctx, 1); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	waitAll(t, l, 1) // the budget is untouched: goes at once
	if len(*waits) != 0 {
		t.Fatalf("waits = %v, want none", *waits)
	}
}

func TestCancelWhileWaitingGivesTheBudgetBack(t *testing.T) {
	l := New(60, 0)
	fake(l)
	waitAll(t, l, 1)
	l.sleep = func(context.Context, time.Duration) error { return context.Canceled } // cancelled mid-wait
	if err := l.Wait(context.Background(), 1); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	waits := fake(l)
	waitAll(t, l, 1)
	if want := []time.Duration{time.Second}; !equal(*waits, want) {
		t.Fatalf("waits = %v, want %v: the cancelled request's turn is given back", *waits, want)
	}
}

func TestCancelDuringARealWaitReturnsPromptly(t *testing.T) {
	l := New(1, 0) // one a minute
	if err := l.Wait(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	err := l.Wait(ctx, 0)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Fatalf("Wait returned %s after cancel", d)
	}
}

func TestDeadlineBeforeTheTurnFailsWithoutWaiting(t *testing.T) {
	l := New(1, 0)
	if err := l.Wait(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	err := l.Wait(ctx, 0)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want one wrapping context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Fatalf("Wait took %s to see that the deadline comes first", d)
	}
}

func TestConcurrentCallersShareTheBudget(t *testing.T) {
	l := New(6000, 0) // one every 10 ms
	start := time.Now()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if err := l.Wait(context.Background(), 0); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if d := time.Since(start); d < 65*time.Millisecond {
		t.Fatalf("8 requests at 6000/min passed in %s, want ≥ 70 ms", d)
	}
}

func TestCharsCountsCharactersNotBytes(t *testing.T) {
	if got := Chars([]string{"héllo", "日本", ""}); got != 7 {
		t.Fatalf("Chars = %d, want 7", got)
	}
}
