package google

import (
	"context"
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
	f := newFake(t)
	texts := []string{
		"Read <g1>the whole story</g1> now.",
		`It's "news" & more, a < b > c<x2/> end.`,
		"<g1>Link</g1> and <g2>emphasis <x3/></g2>",
		"Literal &amp; stays literal",
	}
	got, err := f.client().Translate(context.Background(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"READ <g1>THE WHOLE STORY</g1> NOW.",
		`IT'S "NEWS" & MORE, A < B > C<x2/> END.`,
		"<g1>LINK</g1> AND <g2>EMPHASIS <x3/></g2>",
		"LITERAL &AMP; STAYS LITERAL",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("translation %d = %q, want %q", i, got[i], want[i])
		}
	}
	reqs := f.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Source != "en" || r.Target != "es" || r.Format != "html" || len(r.Q) != len(texts) {
		t.Errorf("request = %+v, want source en, target es, format html, %d q", r, len(texts))
	}
	if r.Q[1] != `It's "news" &amp; more, a &lt; b &gt; c<x2/> end.` {
		t.Errorf("q sent as %q: want HTML-escaped text around the placeholder", r.Q[1])
	}
}

func TestRightToLeftAnswerTagsNormalised(t *testing.T) {
	f := newFake(t)
	got, err := f.client().Translate(context.Background(), "en", "he", []string{"a <g1>b</g1> c<x2/> d"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "A <g1>B</g1> C<x2/> D"; got[0] != want {
		t.Errorf("got %q, want %q: tags with Google's direction style kept", got[0], want)
	}
}

func TestLanguageCodes(t *testing.T) {
	tests := []struct{ dst, want string }{
		{"zh-Hans", "zh-CN"},
		{"zh-Hant", "zh-TW"},
		{"he", "iw"},
		{"fil", "tl"},
		{"no", "no"},
		{"cy", "cy"},
	}
	for _, tt := range tests {
		t.Run(tt.dst, func(t *testing.T) {
			f := newFake(t)
			if _, err := f.client().Translate(context.Background(), "en", tt.dst, []string{"x"}); err != nil {
				t.Fatal(err)
			}
			if got := f.requests()[0].Target; got != tt.want {
				t.Errorf("target sent %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSupportsEverySiteLanguage(t *testing.T) {
	c := New("k")
	set := i18n.Default()
	for _, l := range set.Others {
		if !c.Supports(context.Background(), set.Source.Code, l.Code) {
			t.Errorf("Supports(%s, %s) = false", set.Source.Code, l.Code)
		}
	}
	for _, pair := range [][2]string{{"en", "en"}, {"en", "xx"}, {"xx", "de"}} {
		if c.Supports(context.Background(), pair[0], pair[1]) {
			t.Errorf("Supports(%s, %s) = true", pair[0], pair[1])
		}
	}
}

func TestUnsupportedPairSendsNothing(t *testing.T) {
	f := newFake(t)
	_, err := f.client().Translate(context.Background(), "en", "tlh", []string{"hello"})
	if !errors.Is(err, translate.ErrUnsupported) {
		t.Errorf("err = %v, want ErrUnsupported", err)
	}
	if n := f.hitCount(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestEmptyInputSendsNothing(t *testing.T) {
	f := newFake(t)
	got, err := f.client().Translate(context.Background(), "en", "de", nil)
	if err != nil || len(got) != 0 {
		t.Errorf("Translate(no texts) = %q, %v; want empty, nil", got, err)
	}
	if n := f.hitCount(); n != 0 {
		t.Errorf("%d requests sent for no texts", n)
	}
}

func TestBatchesByCountAndCharacters(t *testing.T) {
	tests := []struct {
		name     string
		texts    int
		textLen  int
		maxChars int
		want     string
	}{
		{"at most 128 texts", 300, 5, 100000, "[128 128 44]"},
		{"at most 5,000 characters by default", 12, 1000, 0, "[5 5 2]"},
		{"configured characters", 10, 100, 250, "[2 2 2 2 2]"},
		{"a long text goes alone", 3, 6000, 0, "[1 1 1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			texts := make([]string, tt.texts)
			for i := range texts {
				n := fmt.Sprintf("%d.", i)
				texts[i] = n + strings.Repeat("é", tt.textLen-len(n))
			}
			var opts []Option
			if tt.maxChars > 0 {
				opts = append(opts, WithMaxChars(tt.maxChars))
			}
			got, err := f.client(opts...).Translate(context.Background(), "en", "fr", texts)
			if err != nil {
				t.Fatal(err)
			}
			var sizes []int
			for _, r := range f.requests() {
				sizes = append(sizes, len(r.Q))
			}
			if fmt.Sprint(sizes) != tt.want {
				t.Errorf("batch sizes %v, want %s", sizes, tt.want)
			}
			for i, g := range got {
				if !strings.HasPrefix(g, fmt.Sprintf("%d.", i)) {
					t.Fatalf("translation %d starts %q: order lost", i, g[:4])
				}
			}
		})
	}
}

func TestRateLimitsRetried(t *testing.T) {
	tests := []struct {
		name  string
		reply func(http.ResponseWriter, *http.Request)
		wait  string
	}{
		{"403 userRateLimitExceeded", googleError(403, "userRateLimitExceeded", "User Rate Limit Exceeded"), ""},
		{"403 rateLimitExceeded", googleError(403, "rateLimitExceeded", "Rate Limit Exceeded"), ""},
		{"429 with Retry-After", googleError(429, "rateLimitExceeded", "Too many", "Retry-After", "3"), "[3s]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t).then(tt.reply)
			var s sleeps
			got, err := f.client(WithSleep(s.sleep)).Translate(context.Background(), "en", "de", []string{"hello"})
			if err != nil {
				t.Fatal(err)
			}
			if got[0] != "HELLO" {
				t.Errorf("got %q after the retry", got)
			}
			if n := f.hitCount(); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
			if len(s.d) != 1 || (tt.wait != "" && fmt.Sprint(s.d) != tt.wait) {
				t.Errorf("waited %v, want one wait %s", s.d, tt.wait)
			}
		})
	}
}

func TestDailyQuotaIsQuotaErrorUntilPacificMidnight(t *testing.T) {
	for _, reason := range []string{"dailyLimitExceeded", "quotaExceeded"} {
		t.Run(reason, func(t *testing.T) {
			f := newFake(t).then(googleError(403, reason, "Daily Limit Exceeded"))
			now := time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC) // 08:09 PDT
			_, err := f.client(WithClock(func() time.Time { return now })).Translate(context.Background(), "en", "de", []string{"hello"})
			var q *translate.QuotaError
			if !errors.As(err, &q) {
				t.Fatalf("err = %v, want *translate.QuotaError", err)
			}
			want := time.Date(2026, 3, 15, 7, 0, 0, 0, time.UTC)
			if c := New("k"); c.pacific.String() != "America/Los_Angeles" {
				want = time.Date(2026, 3, 15, 8, 0, 0, 0, time.UTC) // no zone database: standard time
			}
			if q.Provider != "google" || !q.Until.Equal(want) {
				t.Errorf("quota error %+v, want provider google until %v", q, want)
			}
			if n := f.hitCount(); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestInvalidKeyNotRetriedAndNotShown(t *testing.T) {
	tests := []struct {
		name string
		c    func(f *fakeGoogle) *Client
	}{
		{"API_KEY_INVALID detail", func(f *fakeGoogle) *Client {
			return New("wrong-secret-key", WithBaseURL(f.srv.URL), WithSleep(noSleep))
		}},
		{"keyInvalid reason", func(f *fakeGoogle) *Client {
			f.then(googleError(400, "keyInvalid", "Bad Request"))
			return f.client()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			_, err := tt.c(f).Translate(context.Background(), "en", "de", []string{"hello"})
			if err == nil || !strings.Contains(err.Error(), "API key rejected (HTTP 400)") {
				t.Fatalf("err = %v, want the key rejected", err)
			}
			if strings.Contains(err.Error(), "secret-key") {
				t.Errorf("error shows the key: %v", err)
			}
			if n := f.hitCount(); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestTransportErrorDoesNotShowKey(t *testing.T) {
	f := newFake(t)
	url := f.srv.URL
	f.srv.Close()
	c := New(testKey, WithBaseURL(url), WithSleep(noSleep), WithMaxAttempts(2))
	_, err := c.Translate(context.Background(), "en", "de", []string{"hello"})
	if err == nil {
		t.Fatal("no error from a closed server")
	}
	if strings.Contains(err.Error(), testKey) {
		t.Errorf("error shows the key: %v", err)
	}
}

func TestServerErrorsRetriedThenError(t *testing.T) {
	f := newFake(t)
	for range 5 {
		f.then(googleError(503, "backendError", "Backend Error"))
	}
	var s sleeps
	_, err := f.client(WithSleep(s.sleep), WithMaxAttempts(3)).Translate(context.Background(), "en", "de", []string{"hello"})
	if err == nil || !strings.Contains(err.Error(), "giving up after 3 attempts") || !strings.Contains(err.Error(), "Backend Error") {
		t.Fatalf("err = %v, want giving up after 3 attempts with Google's message", err)
	}
	if n := f.hitCount(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	if len(s.d) != 2 || s.d[0] < 250*time.Millisecond || s.d[0] > 500*time.Millisecond || s.d[1] < 500*time.Millisecond || s.d[1] > time.Second {
		t.Errorf("waits %v, want two within the exponential backoff bounds", s.d)
	}
}

func TestOtherRefusalsNotRetried(t *testing.T) {
	f := newFake(t).then(googleError(403, "accessNotConfigured", "Cloud Translation API has not been used in project 1 before or it is disabled."))
	_, err := f.client().Translate(context.Background(), "en", "de", []string{"hello"})
	if err == nil || !strings.Contains(err.Error(), "has not been used in project") {
		t.Errorf("err = %v, want Google's message", err)
	}
	if n := f.hitCount(); n != 1 {
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
		t.Errorf("took %v", d)
	}
}

func TestBadAnswers(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"malformed JSON", `{"data":`, "malformed answer"},
		{"wrong count", `{"data":{"translations":[{"translatedText":"a"},{"translatedText":"b"}]}}`, "2 translations for 1 texts"},
		{"no data", `{}`, "0 translations for 1 texts"},
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
