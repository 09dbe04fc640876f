// Package ratelimit spaces a provider's requests to the rates its engine
// documents: so many requests and so many characters a minute. It wraps
// two token buckets from golang.org/x/time/rate; a nil *Limiter, the
// unlimited one, never waits.
package ratelimit

import (
	"context"
	"fmt"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/time/rate"

	"github.com/byline-news/byline/internal/translate/internal/httpretry"
)

// charBucketSeconds is how many seconds of the character rate the
// character bucket holds. A full minute's worth would let a burst and
// the refill after it send nearly twice the limit within one minute; ten
// seconds' worth keeps any minute under 7/6 of it, and still holds a
// whole batch of the largest kind (DeepL's 128 KiB) at rates from about
// 800,000 characters a minute up (Google's default quota is 6,000,000).
// A batch larger than the bucket waits for a full one and takes it all.
const charBucketSeconds = 10

// Limiter waits before each request until both its budgets allow it. It
// is safe for concurrent use; the zero of it is not usable, build one
// with New.
type Limiter struct {
	requests *rate.Limiter // nil: requests are not limited
	chars    *rate.Limiter // nil: characters are not limited

	mu sync.Mutex // held while reserving, never while waiting

	now   func() time.Time
	sleep httpretry.SleepFunc
}

// New returns a limiter allowing requestsPerMinute requests and
// charsPerMinute characters a minute, or nil, which never waits, when
// both are 0 or less. A value of 0 or less leaves that budget unlimited.
//
// Requests are spaced evenly (a bucket of one): at 600 a minute, one
// every 100 ms. Characters may come in a burst of ten seconds' worth.
func New(requestsPerMinute, charsPerMinute int) *Limiter {
	if requestsPerMinute <= 0 && charsPerMinute <= 0 {
		return nil
	}
	l := &Limiter{now: time.Now, sleep: httpretry.Sleep}
	if requestsPerMinute > 0 {
		l.requests = rate.NewLimiter(perMinute(requestsPerMinute), 1)
	}
	if charsPerMinute > 0 {
		burst := max(charsPerMinute*charBucketSeconds/60, 1)
		l.chars = rate.NewLimiter(perMinute(charsPerMinute), burst)
	}
	return l
}

// perMinute converts n a minute to rate's events a second.
func perMinute(n int) rate.Limit { return rate.Limit(float64(n) / 60) }

// Wait blocks until one more request carrying chars characters is within
// both budgets, then takes it from them. A request larger than the
// character bucket takes the whole bucket: it waits for a full one and
// then goes, rather than never. Wait returns at once, with ctx's cause,
// when ctx has ended or ends while waiting, and without waiting when ctx's
// deadline comes before the wait would end; in both cases the budgets are
// given back. A nil Limiter returns nil at once.
func (l *Limiter) Wait(ctx context.Context, chars int) error {
	if l == nil {
		return nil
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	now := l.now()
	held, at := l.reserve(now, chars)
	delay := at.Sub(now)
	if delay <= 0 {
		return nil
	}
	giveBack := func() {
		at := l.now()
		for _, r := range held {
			r.CancelAt(at)
		}
	}
	if dl, ok := ctx.Deadline(); ok && dl.Before(now.Add(delay)) {
		giveBack()
		return fmt.Errorf("rate limit: the next request may go in %s, after the deadline: %w", delay.Round(time.Millisecond), context.DeadlineExceeded)
	}
	if err := l.sleep(ctx, delay); err != nil {
		giveBack()
		return err
	}
	return nil
}

// reserve takes one request and chars characters from the budgets at the
// first moment both allow, and returns the reservations and that moment.
// The character reservation is made at the request's turn, and when the
// characters come later the request is moved to their turn, so that a
// request held back by its characters also spaces the requests after it.
// The lock keeps other callers from reserving in between, which makes
// moving a reservation exact.
func (l *Limiter) reserve(now time.Time, chars int) ([]*rate.Reservation, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var held []*rate.Reservation
	at := now
	var req *rate.Reservation
	if l.requests != nil {
		req = l.requests.ReserveN(now, 1)
		at = now.Add(req.DelayFrom(now))
	}
	if l.chars != nil && chars > 0 {
		r := l.chars.ReserveN(at, min(chars, l.chars.Burst()))
		held = append(held, r)
		if d := r.DelayFrom(at); d > 0 {
			at = at.Add(d)
			if req != nil {
				req.CancelAt(now)
				req = l.requests.ReserveN(at, 1)
			}
		}
	}
	if req != nil {
		held = append(held, req)
	}
	return held, at
}

// Chars counts the characters (code points) of texts, as engines count
// them against a character quota.
func Chars(texts []string) int {
	n := 0
	for _, t := range texts {
		n += utf8.RuneCountInString(t)
	}
	return n
}
