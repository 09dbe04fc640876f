package google

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/enginetest"
)

// arrivalServer answers /language/translate/v2 with each text as its
// own translation and records when each request came.
type arrivalServer struct {
	enginetest.Arrivals
}

func (s *arrivalServer) start(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Record()
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

func TestRequestLimitSpacesEveryBatch(t *testing.T) {
	var s arrivalServer
	c := New(testKey, WithBaseURL(s.start(t)), WithSleep(noSleep), WithMaxChars(1),
		WithLimits(translate.Limits{RequestsPerMinute: 600}))
	if _, err := c.Translate(context.Background(), "en", "de", []string{"a", "b", "c", "d"}); err != nil {
		t.Fatal(err)
	}
	enginetest.CheckSpaced(t, s.Gaps(), 4)
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
	enginetest.CheckSpaced(t, s.Gaps(), 4)
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
	if n := len(s.Gaps()) + 1; n != 4 {
		t.Fatalf("%d requests, want 4", n)
	}
}
