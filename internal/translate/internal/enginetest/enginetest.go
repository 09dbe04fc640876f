// Package enginetest holds what the engines' tests share: a fake
// engine's script of canned replies, a record of when requests reached a
// test server, and the check that they came no faster than a request
// rate allows.
package enginetest

import (
	"net/http"
	"sync"
	"testing"
	"time"
)

// Arrivals records when requests came; safe for concurrent use.
type Arrivals struct {
	mu sync.Mutex
	at []time.Time
}

// Record notes a request arriving now.
func (a *Arrivals) Record() {
	a.mu.Lock()
	a.at = append(a.at, time.Now())
	a.mu.Unlock()
}

// First is when the first request came; zero when none did.
func (a *Arrivals) First() time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.at) == 0 {
		return time.Time{}
	}
	return a.at[0]
}

// Gaps are the times between consecutive requests.
func (a *Arrivals) Gaps() []time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	var gaps []time.Duration
	for i := 1; i < len(a.at); i++ {
		gaps = append(gaps, a.at[i].Sub(a.at[i-1]))
	}
	return gaps
}

// CheckSpaced fails unless requests came as 600/min allows, 100 ms
// apart: each gap at least 75 ms (sending jitter), all of them together
// at least (requests−1) × 100 ms less 20 ms.
func CheckSpaced(t testing.TB, gaps []time.Duration, requests int) {
	t.Helper()
	if len(gaps) != requests-1 {
		t.Fatalf("%d requests, want %d", len(gaps)+1, requests)
	}
	var span time.Duration
	for i, g := range gaps {
		span += g
		if g < 75*time.Millisecond {
			t.Errorf("request %d came %s after the one before, want 100 ms at 600/min", i+2, g)
		}
	}
	if least := time.Duration(requests-1)*100*time.Millisecond - 20*time.Millisecond; span < least {
		t.Errorf("%d requests came within %s, want ≥ %s at 600/min", requests, span, least)
	}
}

// Script is a fake engine's queue of canned replies, sent one per request
// before it answers normally, and its count of requests; safe for
// concurrent use.
type Script struct {
	mu      sync.Mutex
	hits    int
	replies []http.HandlerFunc
}

// Then queues replies for the next requests; a nil one means "answer
// normally".
func (s *Script) Then(replies ...http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies = append(s.replies, replies...)
}

// Hit counts a request; call it for every request, refused ones too.
func (s *Script) Hit() {
	s.mu.Lock()
	s.hits++
	s.mu.Unlock()
}

// Hits is how many requests came.
func (s *Script) Hits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits
}

// Next takes the next queued reply, nil when there is none.
func (s *Script) Next() http.HandlerFunc {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.replies) == 0 {
		return nil
	}
	r := s.replies[0]
	s.replies = s.replies[1:]
	return r
}
