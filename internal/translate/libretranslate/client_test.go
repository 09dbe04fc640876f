package libretranslate

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
)

// fakeServer speaks LibreTranslate's API. It "translates" by prefixing
// each text with the target code; answers, when set, replaces the
// answers to the first /translate requests.
type fakeServer struct {
	mu        sync.Mutex
	requests  []translateRequest
	langCalls int
	answers   []answer
	apiKey    string
	delay     time.Duration
	languages string
}

type answer struct {
	status     int
	body       string
	retryAfter string
}

const defaultLanguages = `[{"code":"en","name":"English","targets":["es","zh-Hans","nb","tl","he"]},
{"code":"es","name":"Spanish","targets":["en"]},
{"code":"zh-Hans","name":"Chinese","targets":["en"]},
{"code":"nb","name":"Norwegian","targets":["en"]},
{"code":"tl","name":"Tagalog","targets":["en"]},
{"code":"he","name":"Hebrew","targets":["en"]}]`

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.URL.Path == "/languages" && r.Method == http.MethodGet:
		f.mu.Lock()
		f.langCalls++
		f.mu.Unlock()
		langs := f.languages
		if langs == "" {
			langs = defaultLanguages
		}
		_, _ = w.Write([]byte(langs))
	case r.URL.Path == "/translate" && r.Method == http.MethodPost:
		var req translateRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":"Invalid request: malformed JSON"}`))
			return
		}
		f.mu.Lock()
		f.requests = append(f.requests, req)
		n := len(f.requests)
		f.mu.Unlock()
		if f.delay > 0 {
			select {
			case <-time.After(f.delay):
			case <-r.Context().Done():
				return
			}
		}
		if n <= len(f.answers) {
			a := f.answers[n-1]
			if a.retryAfter != "" {
				w.Header().Set("Retry-After", a.retryAfter)
			}
			w.WriteHeader(a.status)
			_, _ = w.Write([]byte(a.body))
			return
		}
		if f.apiKey != "" && req.APIKey != f.apiKey {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"error":"Invalid API key"}`))
			return
		}
		if req.Format != "html" {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":"Invalid request: format"}`))
			return
		}
		out := make([]string, len(req.Q))
		for i, q := range req.Q {
			out[i] = req.Target + ":" + q
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
	default:
		http.NotFound(w, r)
	}
}

func (f *fakeServer) sent() []translateRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]translateRequest(nil), f.requests...)
}

func newTestClient(t *testing.T, f *fakeServer, key string) *Client {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := New(srv.URL+"/", key, srv.Client())
	c.retry = httpretry.Policy{Attempts: 3, Base: time.Millisecond, Max: 2 * time.Second}
	return c
}

func TestTranslateMapsCodesAndKeepsOrder(t *testing.T) {
	f := &fakeServer{apiKey: "secret"}
	c := newTestClient(t, f, "secret")
	texts := []string{"The <g1>ferry</g1> leaves<x2/>.", "Second", ""}
	for dst, code := range map[string]string{"es": "es", "zh-Hans": "zh-Hans", "no": "nb", "fil": "tl", "he": "he"} {
		if !c.Supports(t.Context(), "en", dst) {
			t.Errorf("Supports(en, %s) = false", dst)
		}
		got, err := c.Translate(t.Context(), "en", dst, texts)
		if err != nil {
			t.Fatalf("en→%s: %v", dst, err)
		}
		for i, g := range got {
			if g != code+":"+texts[i] {
				t.Errorf("en→%s text %d = %q, want %q", dst, i, g, code+":"+texts[i])
			}
		}
	}
	req := f.sent()[0]
	if req.Source != "en" || req.Format != "html" || req.APIKey != "secret" {
		t.Errorf("request = %+v", req)
	}
	if f.langCalls != 1 {
		t.Errorf("/languages asked %d times, want once (cached)", f.langCalls)
	}
	for _, p := range [][2]string{{"en", "fr"}, {"es", "he"}, {"en", "zh-Hant"}} {
		if c.Supports(t.Context(), p[0], p[1]) {
			t.Errorf("Supports(%s, %s) = true", p[0], p[1])
		}
	}
	if _, err := c.Translate(t.Context(), "es", "he", texts); !errors.Is(err, translate.ErrUnsupported) {
		t.Errorf("es→he error = %v, want ErrUnsupported", err)
	}
}

func TestSupportsPrefersTheServersCodes(t *testing.T) {
	f := &fakeServer{languages: `[{"code":"en","name":"English","targets":["zh","zt"]},{"code":"zh","name":"Chinese","targets":["en"]},{"code":"zt","name":"Chinese (traditional)","targets":["en"]}]`}
	c := newTestClient(t, f, "")
	for dst, code := range map[string]string{"zh-Hans": "zh", "zh-Hant": "zt"} {
		got, err := c.Translate(t.Context(), "en", dst, []string{"x"})
		if err != nil || got[0] != code+":x" {
			t.Errorf("en→%s = %q, %v; want code %s", dst, got, err, code)
		}
	}
}

func TestBatchesSplitByCountAndCharacters(t *testing.T) {
	f := &fakeServer{}
	c := newTestClient(t, f, "")
	c.MaxTexts, c.MaxChars = 3, 10
	texts := []string{"ab", "cd", "ef", "gh", "ñññññññ", "ijklmnopqrstu", "v"}
	got, err := c.Translate(t.Context(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range texts {
		if got[i] != "es:"+texts[i] {
			t.Errorf("text %d = %q", i, got[i])
		}
	}
	var sizes []string
	for _, r := range f.sent() {
		sizes = append(sizes, strings.Join(r.Q, ","))
	}
	// Three texts at most; ten characters at most, "ñ" counting as one;
	// a longer text alone.
	want := "ab,cd,ef|gh,ñññññññ|ijklmnopqrstu|v"
	if strings.Join(sizes, "|") != want {
		t.Errorf("requests = %q, want %q", strings.Join(sizes, "|"), want)
	}
}

func TestRetriesSlowDownThenSucceeds(t *testing.T) {
	f := &fakeServer{answers: []answer{
		{status: 429, body: `{"error":"Slowdown: 10 per 1 minute"}`, retryAfter: "0"},
		{status: 502, body: `<html>Bad gateway</html>`},
	}}
	c := newTestClient(t, f, "")
	got, err := c.Translate(t.Context(), "en", "es", []string{"x"})
	if err != nil || got[0] != "es:x" {
		t.Fatalf("Translate = %q, %v", got, err)
	}
	if n := len(f.sent()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestForbiddenIsNotRetried(t *testing.T) {
	f := &fakeServer{apiKey: "right"}
	c := newTestClient(t, f, "wrong")
	_, err := c.Translate(t.Context(), "en", "es", []string{"x"})
	if !errors.Is(err, ErrAPIKey) || !strings.Contains(err.Error(), "Invalid API key") {
		t.Errorf("error = %v, want ErrAPIKey with the server's message", err)
	}
	if n := len(f.sent()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestServerErrorsGiveUp(t *testing.T) {
	fail := answer{status: 500, body: `{"error":"argostranslate crashed"}`}
	f := &fakeServer{answers: []answer{fail, fail, fail, fail}}
	c := newTestClient(t, f, "")
	_, err := c.Translate(t.Context(), "en", "es", []string{"x"})
	if err == nil || !strings.Contains(err.Error(), "argostranslate crashed") {
		t.Errorf("error = %v, want the server's message", err)
	}
	if n := len(f.sent()); n != 3 {
		t.Errorf("%d requests, want the policy's 3", n)
	}
}

func TestDailyLimitIsQuota(t *testing.T) {
	f := &fakeServer{answers: []answer{{status: 429, body: `{"error":"Slowdown: 100 per 1 day"}`}}}
	c := newTestClient(t, f, "")
	now := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	_, err := c.Translate(t.Context(), "en", "es", []string{"x"})
	var q *translate.QuotaError
	if !errors.As(err, &q) {
		t.Fatalf("error = %v, want a *QuotaError", err)
	}
	if q.Provider != "libretranslate" || !q.Until.Equal(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)) || !strings.Contains(q.Detail, "per 1 day") {
		t.Errorf("quota = %+v", q)
	}
	if n := len(f.sent()); n != 1 {
		t.Errorf("%d requests, want 1: a spent quota is not retried", n)
	}
}

func TestBadAnswersAreErrors(t *testing.T) {
	for name, body := range map[string]string{
		"malformed":      `{"translatedText": [`,
		"count mismatch": `{"translatedText": ["one"]}`,
		"missing":        `{"detectedLanguage": {}}`,
		"string for two": `{"translatedText": "one"}`,
	} {
		f := &fakeServer{answers: []answer{{status: 200, body: body}}}
		c := newTestClient(t, f, "")
		if got, err := c.Translate(t.Context(), "en", "es", []string{"a", "b"}); err == nil || got != nil {
			t.Errorf("%s: Translate = %q, %v; want an error and no texts", name, got, err)
		}
	}
	f := &fakeServer{answers: []answer{{status: 400, body: `{"error":"Invalid request: missing q parameter"}`}}}
	c := newTestClient(t, f, "")
	if _, err := c.Translate(t.Context(), "en", "es", []string{"a"}); err == nil || !strings.Contains(err.Error(), "missing q parameter") {
		t.Errorf("400: error = %v", err)
	}
}

func TestPartialFailureReturnsNothing(t *testing.T) {
	f := &fakeServer{answers: []answer{{status: 200, body: `{"translatedText":["es:a"]}`}, {status: 400, body: `{"error":"nope"}`}}}
	c := newTestClient(t, f, "")
	c.MaxTexts = 1
	if got, err := c.Translate(t.Context(), "en", "es", []string{"a", "b"}); err == nil || got != nil {
		t.Errorf("Translate = %q, %v; want an error and no texts", got, err)
	}
}

func TestSlowServerCutByContext(t *testing.T) {
	f := &fakeServer{delay: 10 * time.Second}
	c := newTestClient(t, f, "")
	if !c.Supports(t.Context(), "en", "es") {
		t.Fatal("Supports(en, es) = false")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Translate(ctx, "en", "es", []string{"x"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the deadline", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestLanguagesFailureIsRememberedForAWhile(t *testing.T) {
	var fail sync.Mutex
	failing := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fail.Lock()
		defer fail.Unlock()
		if failing {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		_, _ = w.Write([]byte(defaultLanguages))
	}))
	defer srv.Close()
	c := New(srv.URL, "", srv.Client())
	now := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	if c.Supports(t.Context(), "en", "es") {
		t.Error("Supports = true while /languages fails")
	}
	fail.Lock()
	failing = false
	fail.Unlock()
	if c.Supports(t.Context(), "en", "es") {
		t.Error("Supports = true: the failure should be remembered for a while")
	}
	now = now.Add(2 * retryListing)
	if !c.Supports(t.Context(), "en", "es") {
		t.Error("Supports = false after /languages recovered")
	}
}

func FuzzParseTranslation(f *testing.F) {
	f.Add([]byte(`{"translatedText":["a","b"]}`), 2)
	f.Add([]byte(`{"translatedText":"a"}`), 1)
	f.Add([]byte(`{"translatedText":null}`), 0)
	f.Fuzz(func(t *testing.T, body []byte, n int) {
		got, err := parseTranslation(body, n)
		if err == nil && len(got) != n {
			t.Fatalf("%d texts for %d", len(got), n)
		}
		if err != nil && got != nil {
			t.Fatal("texts with an error")
		}
	})
}

func FuzzParseLanguages(f *testing.F) {
	f.Add([]byte(defaultLanguages))
	f.Add([]byte(`[{"code":""},{"code":"en","targets":null}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		langs, err := parseLanguages(body)
		if err != nil {
			return
		}
		c := newCatalog(langs)
		for _, l := range langs {
			if l.Code == "" {
				t.Fatal("a language without a code")
			}
			if c.code(l.Code) == "" {
				t.Fatalf("listed code %q not found", l.Code)
			}
		}
	})
}
