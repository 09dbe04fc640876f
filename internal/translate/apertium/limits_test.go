package apertium

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/enginetest"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
)

// timedAPy is fakeAPy recording when each POST /translate came.
type timedAPy struct {
	fakeAPy
	enginetest.Arrivals
}

func (f *timedAPy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/translate" {
		f.Record()
	}
	f.fakeAPy.ServeHTTP(w, r)
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
	enginetest.CheckSpaced(t, f.Gaps(), 3)
}

func TestAPyLimitCountsRetriesAsRequests(t *testing.T) {
	f := &timedAPy{fakeAPy: fakeAPy{failures: []int{http.StatusServiceUnavailable}}}
	p := newTimedAPy(t, f, WithLimits(translate.Limits{RequestsPerMinute: 600}))
	if _, err := p.Translate(t.Context(), "en", "es", []string{"The ferry"}); err != nil {
		t.Fatal(err)
	}
	enginetest.CheckSpaced(t, f.Gaps(), 2)
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
	if n := len(f.Gaps()) + 1; n != 3 {
		t.Fatalf("%d requests, want 3", n)
	}
}
