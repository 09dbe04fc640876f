package deepl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/enginetest"
)

// arrivalServer answers /v2/translate with one translation per text,
// after the 429s queued in busy, and records when each request came.
type arrivalServer struct {
	enginetest.Arrivals
	mu   sync.Mutex
	busy int
}

func (s *arrivalServer) start(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Record()
		s.mu.Lock()
		busy := s.busy > 0
		if busy {
			s.busy--
		}
		s.mu.Unlock()
		if busy {
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"message":"Too many requests"}`)
			return
		}
		var req request
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var res response
		res.Translations = make([]struct {
			DetectedSourceLanguage string `json:"detected_source_language"`
			Text                   string `json:"text"`
		}, len(req.Text))
		for i, t := range req.Text {
			res.Translations[i].Text = t
		}
		_ = json.NewEncoder(w).Encode(res)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func texts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("text %d", i)
	}
	return out
}

func TestLimitSpacesEveryBatch(t *testing.T) {
	var s arrivalServer
	c := New(testKey, WithBaseURL(s.start(t)), WithSleep(noSleep),
		WithLimits(translate.Limits{RequestsPerMinute: 600}))
	if _, err := c.Translate(context.Background(), "en", "de", texts(151)); err != nil {
		t.Fatal(err)
	}
	enginetest.CheckSpaced(t, s.Gaps(), 4)
}

func TestLimitCountsRetriesAsRequests(t *testing.T) {
	s := arrivalServer{busy: 1}
	c := New(testKey, WithBaseURL(s.start(t)), WithSleep(noSleep),
		WithLimits(translate.Limits{RequestsPerMinute: 600}))
	if _, err := c.Translate(context.Background(), "en", "de", texts(1)); err != nil {
		t.Fatal(err)
	}
	enginetest.CheckSpaced(t, s.Gaps(), 2) // the retry waits its turn even without backoff
}

func TestLimitWaitIsCutByContext(t *testing.T) {
	var s arrivalServer
	c := New(testKey, WithBaseURL(s.start(t)), WithSleep(noSleep),
		WithLimits(translate.Limits{RequestsPerMinute: 1}))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.Translate(ctx, "en", "de", texts(60)) // two batches: the second's turn is a minute away
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Fatalf("err = %v after %s, want a prompt error: the turn comes after the deadline", err, time.Since(start))
	}
	if len(s.Gaps()) != 0 {
		t.Fatalf("the second batch was sent")
	}
}

func TestDefaultIsUnlimitedAndAddsNoDelay(t *testing.T) {
	var s arrivalServer
	c := New(testKey, WithBaseURL(s.start(t)), WithSleep(noSleep))
	if got := c.Limits(); got != DefaultLimits || !got.Unlimited() {
		t.Fatalf("Limits() = %v, want DeepL's default, unlimited", got)
	}
	start := time.Now()
	if _, err := c.Translate(context.Background(), "en", "de", texts(151)); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d >= 300*time.Millisecond {
		t.Fatalf("4 unlimited requests took %s, as long as 600/min would", d)
	}
}
