package google

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/translate"
)

// arrivalServer answers /language/translate/v2 with each text as its
// own translation and records when each request came.
type arrivalServer struct {
	mu sync.Mutex
	at []time.Time
}

func (s *arrivalServer) start(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.at = append(s.at, time.Now())
		s.mu.Unlock()
		var req request
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var res response
		for _, q := range req.Q {
			res.Data.Translations = append(res.Data.Translations, struct {
				TranslatedText string `json:"translatedText"`
			}{q})
		}
		_ = json.NewEncoder(w).Encode(res)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func (s *arrivalServer) gaps() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var gaps []time.Duration
	for i := 1; i < len(s.at); i++ {
		gaps = append(gaps, s.at[i].Sub(s.at[i-1]))
	}
	return gaps
}

func TestRequestLimitSpacesEveryBatch(t *testing.T) {
	var s arrivalServer
	c := New(testKey, WithBaseURL(s.start(t)), WithSleep(noSleep), WithMaxChars(1),
		WithLimits(translate.Limits{RequestsPerMinute: 600}))
	if _, err := c.Translate(context.Background(), "en", "de", []string{"a", "b", "c", "d"}); err != nil {
		t.Fatal(err)
	}
	checkSpaced(t, s.gaps(), 4)
}

func TestCharacterLimitSpacesBatchesBySize(t *testing.T) {
	var s arrivalServer
	// 600 a minute: 10 a second, a bucket of 100. The first text empties
	// it; each one-character text after it waits 100 ms.
	c := New(testKey, WithBaseURL(s.start(t)), WithSleep(noSleep), WithMaxChars(1),
		WithLimits(translate.Limits{CharsPerMinute: 600}))
	texts := []string{strings.Repeat("a", 100), "b", "c", "d"}
	if _, err := c.Translate(context.Background(), "en", "de", texts); err != nil {
		t.Fatal(err)
	}
	checkSpaced(t, s.gaps(), 4)
}

func TestDefaultIsGooglesQuotaAndAddsNoDelay(t *testing.T) {
	var s arrivalServer
	c := New(testKey, WithBaseURL(s.start(t)), WithSleep(noSleep), WithMaxChars(1))
	if got := c.Limits(); got != (translate.Limits{CharsPerMinute: 6_000_000}) {
		t.Fatalf("Limits() = %v, want Google's documented 6,000,000 chars/min", got)
	}
	start := time.Now()
	if _, err := c.Translate(context.Background(), "en", "de", []string{"a", "b", "c", "d"}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d >= 300*time.Millisecond {
		t.Fatalf("4 small requests took %s under the default quota", d)
	}
	if n := len(s.gaps()) + 1; n != 4 {
		t.Fatalf("%d requests, want 4", n)
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
