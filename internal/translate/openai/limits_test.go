package openai

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/translate"
)

// arrivalServer answers chat completions with the texts of the user
// message as their own translations, and records when each request came.
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
		var req chatRequest
		var texts []string
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) != 2 ||
			json.Unmarshal([]byte(req.Messages[1].Content), &texts) != nil {
			http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
			return
		}
		content, _ := json.Marshal(map[string][]string{"translations": texts})
		_ = json.NewEncoder(w).Encode(map[string]any{
			"choices": []any{map[string]any{
				"message":       map[string]string{"role": "assistant", "content": string(content)},
				"finish_reason": "stop",
			}},
		})
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

func TestLimitSpacesEveryBatch(t *testing.T) {
	var s arrivalServer
	c := New(s.start(t), "", "m", WithSleep(noSleep), WithMaxTexts(1),
		WithLimits(translate.Limits{RequestsPerMinute: 600}))
	if _, err := c.Translate(context.Background(), "en", "de", []string{"a", "b", "c", "d"}); err != nil {
		t.Fatal(err)
	}
	checkSpaced(t, s.gaps(), 4)
}

func TestDefaultIsUnlimitedAndAddsNoDelay(t *testing.T) {
	var s arrivalServer
	c := New(s.start(t), "", "m", WithSleep(noSleep), WithMaxTexts(1))
	if got := c.Limits(); !got.Unlimited() {
		t.Fatalf("Limits() = %v, want unlimited", got)
	}
	start := time.Now()
	if _, err := c.Translate(context.Background(), "en", "de", []string{"a", "b", "c", "d"}); err != nil {
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
