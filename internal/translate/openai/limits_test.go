package openai

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/enginetest"
)

// arrivalServer answers chat completions with the texts of the user
// message as their own translations, and records when each request came.
type arrivalServer struct {
	enginetest.Arrivals
}

func (s *arrivalServer) start(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Record()
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

func TestLimitSpacesEveryBatch(t *testing.T) {
	var s arrivalServer
	c := New(s.start(t), "", "m", WithSleep(noSleep), WithMaxTexts(1),
		WithLimits(translate.Limits{RequestsPerMinute: 600}))
	if _, err := c.Translate(context.Background(), "en", "de", []string{"a", "b", "c", "d"}); err != nil {
		t.Fatal(err)
	}
	enginetest.CheckSpaced(t, s.Gaps(), 4)
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
