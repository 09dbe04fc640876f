package libretranslate

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
)

// arrivals records when each POST /translate reached the fake server.
type arrivals struct {
	mu sync.Mutex
	at []time.Time
}

func (a *arrivals) gaps() []time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	var gaps []time.Duration
	for i := 1; i < len(a.at); i++ {
		gaps = append(gaps, a.at[i].Sub(a.at[i-1]))
	}
	return gaps
}

func (a *arrivals) first() time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.at[0]
}

func newTimedClient(t *testing.T, f *fakeServer, a *arrivals, opts ...Option) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/translate" {
			a.mu.Lock()
			a.at = append(a.at, time.Now())
			a.mu.Unlock()
		}
		f.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c := New(srv.URL, "", srv.Client(), opts...)
	c.retry = httpretry.Policy{Attempts: 3, Base: time.Millisecond, Max: 2 * time.Second}
	c.MaxTexts = 1
	return c
}

func TestLimitSpacesEveryBatchButNotTheListing(t *testing.T) {
	var a arrivals
	c := newTimedClient(t, &fakeServer{}, &a, WithLimits(translate.Limits{RequestsPerMinute: 600}))
	start := time.Now()
	if _, err := c.Translate(t.Context(), "en", "es", []string{"a", "b", "c", "d"}); err != nil {
		t.Fatal(err)
	}
	checkSpaced(t, a.gaps(), 4)
	if d := a.first().Sub(start); d >= 90*time.Millisecond {
		t.Errorf("the first /translate came %s after the start: GET /languages took a turn", d)
	}
}

func TestLimitCountsRetriesAsRequests(t *testing.T) {
	var a arrivals
	f := &fakeServer{answers: []answer{{status: http.StatusTooManyRequests, body: `{"error":"Slowdown: 60 per 1 minute"}`}}}
	c := newTimedClient(t, f, &a, WithLimits(translate.Limits{RequestsPerMinute: 600}))
	if _, err := c.Translate(t.Context(), "en", "es", []string{"a"}); err != nil {
		t.Fatal(err)
	}
	checkSpaced(t, a.gaps(), 2)
}

func TestDefaultIsUnlimitedAndAddsNoDelay(t *testing.T) {
	var a arrivals
	c := newTimedClient(t, &fakeServer{}, &a)
	if got := c.Limits(); !got.Unlimited() {
		t.Fatalf("Limits() = %v, want unlimited, the self-hosted default", got)
	}
	start := time.Now()
	if _, err := c.Translate(t.Context(), "en", "es", []string{"a", "b", "c", "d"}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d >= 300*time.Millisecond {
		t.Fatalf("4 unlimited requests took %s, as long as 600/min would", d)
	}
}

// checkSpaced fails unless the requests came as 600/min allows, 100 ms
// apart: each gap measured at the server may be short by the jitter of
// sending, but none by much, and together they span the limit.
func checkSpaced(t *testing.T, gaps []time.Duration, requests int) {
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
