package apertium

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
)

// timedAPy is fakeAPy recording when each POST /translate came.
type timedAPy struct {
	fakeAPy
	mu sync.Mutex
	at []time.Time
}

func (f *timedAPy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/translate" {
		f.mu.Lock()
		f.at = append(f.at, time.Now())
		f.mu.Unlock()
	}
	f.fakeAPy.ServeHTTP(w, r)
}

func (f *timedAPy) gaps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	var gaps []time.Duration
	for i := 1; i < len(f.at); i++ {
		gaps = append(gaps, f.at[i].Sub(f.at[i-1]))
	}
	return gaps
}

func newTimedAPy(t *testing.T, f *timedAPy, opts ...APyOption) *Provider {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	p := NewAPy(srv.URL, srv.Client(), opts...)
	p.t.(*apy).retry = httpretry.Policy{Attempts: 3, Base: time.Millisecond, Max: 2 * time.Second}
	return p
}

// bigTexts returns n texts each too long to share a request with another.
func bigTexts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strings.Repeat("The ferry ", 1200)
	}
	return out
}

func TestAPyLimitSpacesEveryBatch(t *testing.T) {
	f := &timedAPy{}
	p := newTimedAPy(t, f, WithLimits(translate.Limits{RequestsPerMinute: 600}))
	if got := p.Limits(); got.RequestsPerMinute != 600 {
		t.Fatalf("Limits() = %v", got)
	}
	if _, err := p.Translate(t.Context(), "en", "es", bigTexts(3)); err != nil {
		t.Fatal(err)
	}
	checkSpaced(t, f.gaps(), 3)
}

func TestAPyLimitCountsRetriesAsRequests(t *testing.T) {
	f := &timedAPy{fakeAPy: fakeAPy{failures: []int{http.StatusServiceUnavailable}}}
	p := newTimedAPy(t, f, WithLimits(translate.Limits{RequestsPerMinute: 600}))
	if _, err := p.Translate(t.Context(), "en", "es", []string{"The ferry"}); err != nil {
		t.Fatal(err)
	}
	checkSpaced(t, f.gaps(), 2)
}

func TestAPyDefaultIsUnlimitedAndAddsNoDelay(t *testing.T) {
	f := &timedAPy{}
	p := newTimedAPy(t, f)
	if got := p.Limits(); !got.Unlimited() {
		t.Fatalf("Limits() = %v, want unlimited", got)
	}
	start := time.Now()
	if _, err := p.Translate(t.Context(), "en", "es", bigTexts(3)); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d >= 200*time.Millisecond {
		t.Fatalf("3 unlimited requests took %s, as long as 600/min would", d)
	}
	if n := len(f.gaps()) + 1; n != 3 {
		t.Fatalf("%d requests, want 3", n)
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
