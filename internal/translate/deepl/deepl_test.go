package deepl

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

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
	f := newFake(t)
	texts := []string{
		"Read <g1>the whole story</g1> now.",
		"Prices rose<x2/> by 5 % & more, a < b > c.",
		"<g1>Link</g1> and <g2>emphasis <x3/></g2>",
	}
	got, err := f.client().Translate(context.Background(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"READ <g1>THE WHOLE STORY</g1> NOW.",
		"PRICES ROSE<x2/> BY 5 % & MORE, A < B > C.",
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
	if r.SourceLang != "EN" || r.TargetLang != "ES" || r.TagHandling != "xml" || !r.PreserveFormatting {
		t.Errorf("request = %+v, want source EN, target ES, tag_handling xml, preserve_formatting", r)
	}
	if r.Text[1] != "Prices rose<x2/> by 5 % &amp; more, a &lt; b &gt; c." {
		t.Errorf("text sent as %q: want XML-escaped text around the placeholder", r.Text[1])
	}
}

func TestBaseURLFollowsKeyPlan(t *testing.T) {
	tests := []struct{ key, want string }{
		{"abc-123:fx", "https://api-free.deepl.com"},
		{"abc-123", "https://api.deepl.com"},
		{"fx", "https://api.deepl.com"},
	}
	for _, tt := range tests {
		if got := New(tt.key).baseURL; got != tt.want {
			t.Errorf("New(%q) base URL = %s, want %s", tt.key, got, tt.want)
		}
	}
	if got := New("k:fx", WithBaseURL("http://local")).baseURL; got != "http://local" {
		t.Errorf("WithBaseURL ignored: %s", got)
	}
}

func TestLanguageCodesSent(t *testing.T) {
	tests := []struct {
		name, src, dst string
		opts           []Option
		source, target string
	}{
		{"German", "en", "de", nil, "EN", "DE"},
		{"Portuguese defaults to European", "en", "pt", nil, "EN", "PT-PT"},
		{"Portuguese set to Brazilian", "en", "pt", []Option{WithTargetCode("pt", "PT-BR")}, "EN", "PT-BR"},
		{"Simplified Chinese", "en", "zh-Hans", nil, "EN", "ZH-HANS"},
		{"Traditional Chinese", "en", "zh-Hant", nil, "EN", "ZH-HANT"},
		{"Norwegian is Bokmål", "en", "no", nil, "EN", "NB"},
		{"into English", "de", "en", nil, "DE", "EN-US"},
		{"from Chinese", "zh-Hant", "en", nil, "ZH", "EN-US"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			if _, err := f.client(tt.opts...).Translate(context.Background(), tt.src, tt.dst, []string{"x"}); err != nil {
				t.Fatal(err)
			}
			r := f.requests()[0]
			if r.SourceLang != tt.source || r.TargetLang != tt.target {
				t.Errorf("sent %s → %s, want %s → %s", r.SourceLang, r.TargetLang, tt.source, tt.target)
			}
		})
	}
}

func TestSupports(t *testing.T) {
	c := New("k")
	tests := []struct {
		src, dst string
		want     bool
	}{
		{"en", "de", true},
		{"en", "he", true},
		{"en", "zh-Hant", true},
		{"de", "en", true},
		{"en", "cy", false},           // Welsh: beta only
		{"en", "fil", false},          // not offered
		{"cy", "en", false},           // not a source
		{"en", "en", false},           // same language
		{"zh-Hans", "zh-Hant", false}, // variants of one language
		{"en", "xx", false},
	}
	for _, tt := range tests {
		if got := c.Supports(context.Background(), tt.src, tt.dst); got != tt.want {
			t.Errorf("Supports(%s, %s) = %v, want %v", tt.src, tt.dst, got, tt.want)
		}
	}
}

func TestUnsupportedPairSendsNothing(t *testing.T) {
	f := newFake(t)
	_, err := f.client().Translate(context.Background(), "en", "cy", []string{"hello"})
	if !errors.Is(err, translate.ErrUnsupported) {
		t.Errorf("err = %v, want ErrUnsupported", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests sent for an unsupported pair", n)
	}
}

func TestEmptyInputSendsNothing(t *testing.T) {
	f := newFake(t)
	got, err := f.client().Translate(context.Background(), "en", "de", nil)
	if err != nil || len(got) != 0 {
		t.Errorf("Translate(no texts) = %q, %v; want empty, nil", got, err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests sent for no texts", n)
	}
}

func TestBatchesOfAtMostFiftyTexts(t *testing.T) {
	f := newFake(t)
	texts := make([]string, 120)
	for i := range texts {
		texts[i] = fmt.Sprintf("text %d <x1/>", i)
	}
	got, err := f.client().Translate(context.Background(), "en", "fr", texts)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, r := range f.requests() {
		sizes = append(sizes, len(r.Text))
	}
	if fmt.Sprint(sizes) != "[50 50 20]" {
		t.Errorf("batch sizes %v, want [50 50 20]", sizes)
	}
	for i, g := range got {
		if want := fmt.Sprintf("TEXT %d <x1/>", i); g != want {
			t.Fatalf("translation %d = %q, want %q (order kept)", i, g, want)
		}
	}
}

func TestBatchesWithinBodyLimit(t *testing.T) {
	f := newFake(t)
	texts := make([]string, 10)
	for i := range texts {
		texts[i] = fmt.Sprintf("%d ", i) + strings.Repeat("word & ", 30*1024/7)
	}
	got, err := f.client().Translate(context.Background(), "en", "fr", texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(texts) {
		t.Fatalf("%d translations for %d texts", len(got), len(texts))
	}
	f.mu.Lock()
	sizes := append([]int(nil), f.sizes...)
	f.mu.Unlock()
	if len(sizes) < 3 {
		t.Errorf("%d requests for ~350 KiB of text, want at least 3", len(sizes))
	}
	for i, s := range sizes {
		if s > maxBodyBytes {
			t.Errorf("request %d body is %d bytes, over %d", i, s, maxBodyBytes)
		}
	}
	for i, g := range got {
		if !strings.HasPrefix(g, fmt.Sprintf("%d WORD & ", i)) {
			t.Fatalf("translation %d starts %q: order or unescaping wrong", i, g[:12])
		}
	}
}

func TestTextOverBodyLimitFailsWithoutRequest(t *testing.T) {
	f := newFake(t)
	_, err := f.client().Translate(context.Background(), "en", "fr", []string{"ok", strings.Repeat("a", maxBodyBytes)})
	if err == nil || !strings.Contains(err.Error(), "text 1") {
		t.Errorf("err = %v, want one naming text 1 as too large", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestTooManyRequestsRetriedHonouringRetryAfter(t *testing.T) {
	f := newFake(t).then(status(http.StatusTooManyRequests, `{"message":"Too many requests"}`, "Retry-After", "7"))
	var s sleeps
	got, err := f.client(WithSleep(s.sleep)).Translate(context.Background(), "en", "de", []string{"hello"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "HELLO" {
		t.Errorf("got %q after the retry", got)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	if fmt.Sprint(s.d) != "[7s]" {
		t.Errorf("waited %v, want [7s] from Retry-After", s.d)
	}
}

func TestQuotaExceededIsQuotaError(t *testing.T) {
	f := newFake(t).then(status(456, `{"message":"Quota Exceeded"}`))
	now := time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)
	_, err := f.client(WithClock(func() time.Time { return now })).Translate(context.Background(), "en", "de", []string{"hello"})
	var q *translate.QuotaError
	if !errors.As(err, &q) {
		t.Fatalf("err = %v, want *translate.QuotaError", err)
	}
	if q.Provider != "deepl" || !q.Until.Equal(time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("quota error %+v, want provider deepl until the next UTC midnight", q)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests, want 1 (no retry on quota)", n)
	}
}

func TestAuthFailureNotRetriedAndKeyNotShown(t *testing.T) {
	f := newFake(t)
	c := New("wrong-secret-key", WithBaseURL(f.srv.URL), WithSleep(noSleep))
	_, err := c.Translate(context.Background(), "en", "de", []string{"hello"})
	if err == nil || !strings.Contains(err.Error(), "authorization failed (HTTP 403)") {
		t.Fatalf("err = %v, want an authorization failure", err)
	}
	if strings.Contains(err.Error(), "wrong-secret-key") {
		t.Errorf("error shows the key: %v", err)
	}
	if n := f.hitCount(); n != 1 {
		t.Errorf("%d requests, want 1: a refused key is not retried", n)
	}
}

func TestServerErrorsRetriedThenError(t *testing.T) {
	for _, code := range []int{500, 503, 529} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			f := newFake(t)
			for range 5 {
				f.then(status(code, `{"message":"Internal error"}`))
			}
			var s sleeps
			_, err := f.client(WithSleep(s.sleep), WithMaxAttempts(3)).Translate(context.Background(), "en", "de", []string{"hello"})
			if err == nil || !strings.Contains(err.Error(), "giving up after 3 attempts") || !strings.Contains(err.Error(), fmt.Sprint(code)) {
				t.Fatalf("err = %v, want giving up after 3 attempts naming HTTP %d", err, code)
			}
			if n := len(f.requests()); n != 3 {
				t.Errorf("%d requests, want 3", n)
			}
			if len(s.d) != 2 {
				t.Fatalf("waited %d times, want 2", len(s.d))
			}
			// Exponential with jitter in the upper half: [250ms, 500ms], then [500ms, 1s].
			if s.d[0] < 250*time.Millisecond || s.d[0] > 500*time.Millisecond || s.d[1] < 500*time.Millisecond || s.d[1] > time.Second {
				t.Errorf("waits %v outside the backoff bounds", s.d)
			}
		})
	}
}

func TestBadRequestCarriesDeepLMessage(t *testing.T) {
	f := newFake(t).then(status(http.StatusBadRequest, `{"message":"Value for 'target_lang' not supported."}`))
	_, err := f.client().Translate(context.Background(), "en", "de", []string{"hello"})
	if err == nil || !strings.Contains(err.Error(), "Value for 'target_lang' not supported.") {
		t.Errorf("err = %v, want DeepL's message", err)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestSlowAnswerCutByContext(t *testing.T) {
	f := newFake(t).then(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := f.client().Translate(ctx, "en", "de", []string{"hello"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v after the deadline", d)
	}
}

func TestBadAnswers(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"malformed JSON", `{"translations":[`, "malformed answer"},
		{"wrong count", `{"translations":[{"text":"a"},{"text":"b"}]}`, "2 translations for 1 texts"},
		{"no translations", `{}`, "0 translations for 1 texts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t).then(status(http.StatusOK, tt.body))
			got, err := f.client().Translate(context.Background(), "en", "de", []string{"hello"})
			if err == nil || !strings.Contains(err.Error(), tt.want) || got != nil {
				t.Errorf("Translate = %q, %v; want nil and an error containing %q", got, err, tt.want)
			}
		})
	}
}

func TestLaterBatchFailureReturnsNoPartialResult(t *testing.T) {
	f := newFake(t)
	texts := make([]string, 60)
	for i := range texts {
		texts[i] = "t"
	}
	// The first batch is translated; the second gets a refusal.
	f.then(nil, status(http.StatusBadRequest, `{"message":"bad"}`))
	got, err := f.client().Translate(context.Background(), "en", "de", texts)
	if err == nil || got != nil {
		t.Errorf("Translate = %d texts, %v; want nil and an error", len(got), err)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}
