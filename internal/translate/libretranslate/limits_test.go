package libretranslate

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/enginetest"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
)

func newTimedClient(t *testing.T, f *fakeServer, a *enginetest.Arrivals, opts ...Option) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/translate" {
			a.Record()
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
	var a enginetest.Arrivals
	c := newTimedClient(t, &fakeServer{}, &a, WithLimits(translate.Limits{RequestsPerMinute: 600}))
	start := time.Now()
	if _, err := c.Translate(t.Context(), "en", "es", []string{"a", "b", "c", "d"}); err != nil {
		t.Fatal(err)
	}
	enginetest.CheckSpaced(t, a.Gaps(), 4)
	if d := a.First().Sub(start); d >= 90*time.Millisecond {
		t.Errorf("the first /translate came %s after the start: GET /languages took a turn", d)
	}
}

func TestLimitCountsRetriesAsRequests(t *testing.T) {
	var a enginetest.Arrivals
	f := &fakeServer{answers: []answer{{status: http.StatusTooManyRequests, body: `{"error":"Slowdown: 60 per 1 minute"}`}}}
	c := newTimedClient(t, f, &a, WithLimits(translate.Limits{RequestsPerMinute: 600}))
	if _, err := c.Translate(t.Context(), "en", "es", []string{"a"}); err != nil {
		t.Fatal(err)
	}
	enginetest.CheckSpaced(t, a.Gaps(), 2)
}

func TestDefaultIsUnlimitedAndAddsNoDelay(t *testing.T) {
	var a enginetest.Arrivals
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
