package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/translate"
)

func noSleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }

// sleeps records the waits between attempts without waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return ctx.Err()
}

func TestTranslateSendsDocumentedRequestAndKeepsPlaceholders(t *testing.T) {
	f := newFake(t, testKey)
	texts := []string{
		"Read <g1>the whole story</g1> now.",
		`It's "news" & more, a < b<x2/>`,
		"<g1>Link</g1> and <g2>emphasis <x3/></g2>",
	}
	got, err := f.client().Translate(context.Background(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"READ <g1>THE WHOLE STORY</g1> NOW.",
		`IT'S "NEWS" & MORE, A < B<x2/>`,
		"<g1>LINK</g1> AND <g2>EMPHASIS <x3/></g2>",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("translations\n got %q\nwant %q", got, want)
	}
	reqs := f.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Model != "test-model" || r.ResponseFormat == nil || r.ResponseFormat.Type != "json_object" {
		t.Errorf("request model %q, response_format %+v; want test-model and json_object", r.Model, r.ResponseFormat)
	}
	if !strings.Contains(f.raw[0], `"temperature":0`) {
		t.Errorf("body %s lacks temperature 0", f.raw[0])
	}
	sys := r.Messages[0].Content
	for _, want := range []string{"from English to Spanish", "exactly 3 strings", "<g1>", "<x2/>", `{"translations"`} {
		if !strings.Contains(sys, want) {
			t.Errorf("instructions lack %q:\n%s", want, sys)
		}
	}
	var sent []string
	if err := json.Unmarshal([]byte(r.Messages[1].Content), &sent); err != nil || fmt.Sprint(sent) != fmt.Sprint(texts) {
		t.Errorf("user message %q, want the texts as a JSON array", r.Messages[1].Content)
	}
}

func TestLanguageNamesFromSiteSet(t *testing.T) {
	f := newFake(t, "")
	if _, err := f.client().Translate(context.Background(), "en", "zh-Hant", []string{"x"}); err != nil {
		t.Fatal(err)
	}
	if sys := f.requests()[0].Messages[0].Content; !strings.Contains(sys, "from English to Chinese (Traditional)") {
		t.Errorf("instructions do not name the languages:\n%s", sys)
	}
}

func TestAuthorizationHeader(t *testing.T) {
	for _, key := range []string{testKey, ""} {
		t.Run(fmt.Sprintf("key %q", key), func(t *testing.T) {
			f := newFake(t, key)
			if _, err := f.client().Translate(context.Background(), "en", "de", []string{"x"}); err != nil {
				t.Fatal(err)
			}
			want := ""
			if key != "" {
				want = "Bearer " + key
			}
			f.mu.Lock()
			got := f.auth
			f.mu.Unlock()
			if len(got) != 1 || got[0] != want {
				t.Errorf("Authorization %q, want %q", got, want)
			}
		})
	}
}

func TestBaseURLForms(t *testing.T) {
	for _, suffix := range []string{"", "/", "/v1", "/v1/"} {
		f := newFake(t, "")
		c := New(f.srv.URL+suffix, "", "m", WithSleep(noSleep))
		if _, err := c.Translate(context.Background(), "en", "de", []string{"x"}); err != nil {
			t.Errorf("base %q: %v", f.srv.URL+suffix, err)
		}
	}
}

func TestJSONModeCanBeOff(t *testing.T) {
	f := newFake(t, "")
	if _, err := f.client(WithJSONMode(false)).Translate(context.Background(), "en", "de", []string{"x"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(f.raw[0], "response_format") {
		t.Errorf("body %s asks for response_format with JSON mode off", f.raw[0])
	}
}

func TestSupports(t *testing.T) {
	ctx := context.Background()
	c := New("http://x", "", "m")
	set := i18n.Default()
	for _, l := range set.Others {
		if !c.Supports(ctx, "en", l.Code) || !c.Supports(ctx, l.Code, "en") {
			t.Errorf("does not support en ↔ %s", l.Code)
		}
	}
	if c.Supports(ctx, "en", "en") || c.Supports(ctx, "en", "tlh") {
		t.Error("supports en → en or an unknown language")
	}
	limited := New("http://x", "", "m", WithLanguages("en", "de"))
	if !limited.Supports(ctx, "en", "de") || limited.Supports(ctx, "en", "fr") {
		t.Error("WithLanguages allowlist not applied")
	}
}

func TestUnsupportedPairSendsNothing(t *testing.T) {
	f := newFake(t, "")
	_, err := f.client(WithLanguages("en", "de")).Translate(context.Background(), "en", "fr", []string{"x"})
	if !errors.Is(err, translate.ErrUnsupported) {
		t.Errorf("err = %v, want ErrUnsupported", err)
	}
	if n := f.hitCount(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestName(t *testing.T) {
	if n := New("http://x", "", "m").Name(); n != "openai" {
		t.Errorf("Name() = %q", n)
	}
	if n := New("http://x", "", "m", WithName("local-llm")).Name(); n != "local-llm" {
		t.Errorf("Name() with WithName = %q", n)
	}
}

func TestBatches(t *testing.T) {
	tests := []struct {
		name          string
		texts, length int
		opts          []Option
		want          string
	}{
		{"at most 40 texts", 100, 5, nil, "[40 40 20]"},
		{"at most 6,000 characters", 10, 1500, nil, "[4 4 2]"},
		{"configured", 10, 10, []Option{WithMaxTexts(3), WithMaxChars(25)}, "[2 2 2 2 2]"},
		{"a long text goes alone", 2, 7000, nil, "[1 1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, "")
			texts := make([]string, tt.texts)
			for i := range texts {
				n := fmt.Sprintf("%d.", i)
				texts[i] = n + strings.Repeat("ж", tt.length-len(n))
			}
			got, err := f.client(tt.opts...).Translate(context.Background(), "en", "ru", texts)
			if err != nil {
				t.Fatal(err)
			}
			var sizes []int
			for _, r := range f.requests() {
				var sent []string
				json.Unmarshal([]byte(r.Messages[1].Content), &sent)
				sizes = append(sizes, len(sent))
			}
			if fmt.Sprint(sizes) != tt.want {
				t.Errorf("batch sizes %v, want %s", sizes, tt.want)
			}
			for i, g := range got {
				if !strings.HasPrefix(g, fmt.Sprintf("%d.", i)) {
					t.Fatalf("translation %d out of order", i)
				}
			}
		})
	}
}

func TestAnswerForms(t *testing.T) {
	tests := []struct{ name, content string }{
		{"object", `{"translations":["A","B"]}`},
		{"fenced object", "```json\n{\"translations\": [\"A\", \"B\"]}\n```"},
		{"fence without language", "```\n[\"A\",\"B\"]\n```"},
		{"bare array", ` ["A", "B"] `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, "").then(answer(tt.content))
			got, err := f.client().Translate(context.Background(), "en", "de", []string{"a", "b"})
			if err != nil || fmt.Sprint(got) != "[A B]" {
				t.Errorf("Translate = %q, %v; want [A B]", got, err)
			}
		})
	}
}

func TestBadAnswersFailWithoutRetry(t *testing.T) {
	tests := []struct {
		name  string
		reply func(http.ResponseWriter, *http.Request)
		want  string
	}{
		{"prose instead of JSON", answer("Here are your translations: A, B"), "not the JSON object"},
		{"wrong count", answer(`{"translations":["A"]}`), "1 translations for 2 texts"},
		{"missing list", answer(`{"result":["A","B"]}`), `no "translations" list`},
		{"not strings", answer(`{"translations":[1,2]}`), "not the JSON object"},
		{"cut off", answerFinish(`{"translations":["A",`, "length"), "cut off"},
		{"no choices", status(http.StatusOK, `{"choices":[]}`), "no choices"},
		{"malformed body", status(http.StatusOK, `{"choices":`), "malformed answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, "").then(tt.reply)
			got, err := f.client().Translate(context.Background(), "en", "de", []string{"a", "b"})
			if err == nil || got != nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Translate = %q, %v; want nil and an error containing %q", got, err, tt.want)
			}
			if n := f.hitCount(); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestRateLimitRetriedHonouringRetryAfter(t *testing.T) {
	f := newFake(t, testKey).then(apiErr(429, "rate_limit_exceeded", "Rate limit reached", "Retry-After", "2"))
	var s sleeps
	got, err := f.client(WithSleep(s.sleep)).Translate(context.Background(), "en", "de", []string{"hi"})
	if err != nil || len(got) != 1 || got[0] != "HI" {
		t.Fatalf("Translate = %q, %v", got, err)
	}
	if n := f.hitCount(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	if fmt.Sprint(s.d) != "[2s]" {
		t.Errorf("waited %v, want [2s]", s.d)
	}
}

func TestInsufficientQuotaIsQuotaError(t *testing.T) {
	for _, code := range []int{429, 403} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			f := newFake(t, testKey).then(apiErr(code, "insufficient_quota", "You exceeded your current quota."))
			now := time.Date(2026, 3, 14, 23, 59, 0, 0, time.UTC)
			_, err := f.client(WithClock(func() time.Time { return now })).Translate(context.Background(), "en", "de", []string{"hi"})
			var q *translate.QuotaError
			if !errors.As(err, &q) {
				t.Fatalf("err = %v, want *translate.QuotaError", err)
			}
			if q.Provider != "openai" || !q.Until.Equal(time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("quota error %+v", q)
			}
			if n := f.hitCount(); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestBadKeyNotRetriedAndNotShown(t *testing.T) {
	f := newFake(t, testKey)
	c := New(f.srv.URL, "sk-wrong-secret", "m", WithSleep(noSleep))
	_, err := c.Translate(context.Background(), "en", "de", []string{"hi"})
	if err == nil || !strings.Contains(err.Error(), "API key rejected (HTTP 401)") {
		t.Fatalf("err = %v, want the key rejected", err)
	}
	if strings.Contains(err.Error(), "wrong-secret") {
		t.Errorf("error shows the key: %v", err)
	}
	if n := f.hitCount(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestServerErrorsRetriedThenError(t *testing.T) {
	f := newFake(t, "")
	for range 5 {
		f.then(apiErr(500, "server_error", "The server had an error while processing your request."))
	}
	var s sleeps
	_, err := f.client(WithSleep(s.sleep), WithMaxAttempts(3)).Translate(context.Background(), "en", "de", []string{"hi"})
	if err == nil || !strings.Contains(err.Error(), "giving up after 3 attempts") || !strings.Contains(err.Error(), "HTTP 500") {
		t.Fatalf("err = %v", err)
	}
	if n := f.hitCount(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	if len(s.d) != 2 || s.d[0] < 250*time.Millisecond || s.d[0] > 500*time.Millisecond || s.d[1] < 500*time.Millisecond || s.d[1] > time.Second {
		t.Errorf("waits %v, want two within the exponential backoff bounds", s.d)
	}
}

func TestOtherRefusalCarriesMessage(t *testing.T) {
	f := newFake(t, "").then(apiErr(400, "invalid_request_error", "'response_format' of type 'json_object' is not supported with this model."))
	_, err := f.client().Translate(context.Background(), "en", "de", []string{"hi"})
	if err == nil || !strings.Contains(err.Error(), "is not supported with this model") {
		t.Errorf("err = %v, want the server's message", err)
	}
	if n := f.hitCount(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestNumericErrorCodeOfLocalServers(t *testing.T) {
	f := newFake(t, "").then(status(503, `{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}`))
	got, err := f.client().Translate(context.Background(), "en", "de", []string{"hi"})
	if err != nil || got[0] != "HI" {
		t.Errorf("Translate = %q, %v; want a retry past the 503", got, err)
	}
}

func TestSlowAnswerCutByContext(t *testing.T) {
	f := newFake(t, "").then(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := f.client().Translate(ctx, "en", "de", []string{"hi"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

func status(code int, body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(code)
		w.Write([]byte(body))
	}
}
