package apertium

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
)

// fakeAPy speaks APy's HTTP API. Its "translation" of eng|spa replaces a
// few English words; failures, when set, answers the next translate
// requests with those statuses first.
type fakeAPy struct {
	listCalls  atomic.Int32
	translates atomic.Int32
	failures   []int // statuses for the first translate requests
	retryAfter string
	delay      time.Duration
}

func (f *fakeAPy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/listPairs":
		f.listCalls.Add(1)
		_, _ = w.Write([]byte(`{"responseData":[{"sourceLanguage":"eng","targetLanguage":"spa"},` +
			`{"sourceLanguage":"eng","targetLanguage":"cat_valencia"},{"sourceLanguage":"en","targetLanguage":"gl"}],` +
			`"responseDetails":null,"responseStatus":200}`))
	case "/translate":
		n := int(f.translates.Add(1))
		// Read the body first, so the server notices a client that leaves.
		_ = r.ParseForm()
		if f.delay > 0 {
			select {
			case <-time.After(f.delay):
			case <-r.Context().Done():
				return
			}
		}
		if n <= len(f.failures) {
			if f.retryAfter != "" {
				w.Header().Set("Retry-After", f.retryAfter)
			}
			w.WriteHeader(f.failures[n-1])
			_ = json.NewEncoder(w).Encode(map[string]any{"responseData": nil, "responseDetails": "engine overloaded", "responseStatus": f.failures[n-1]})
			return
		}
		if r.FormValue("format") != "html" || r.FormValue("markUnknown") != "no" {
			http.Error(w, `{"responseData":null,"responseDetails":"want format=html, markUnknown=no","responseStatus":400}`, http.StatusBadRequest)
			return
		}
		if r.FormValue("langpair") != "eng|spa" {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"responseData":null,"responseDetails":"That pair is not installed","responseStatus":400}`))
			return
		}
		out := strings.NewReplacer("The", "El", "ferry", "transbordador", "library", "biblioteca").Replace(r.FormValue("q"))
		_ = json.NewEncoder(w).Encode(map[string]any{"responseData": map[string]string{"translatedText": out}, "responseDetails": nil, "responseStatus": 200})
	default:
		http.NotFound(w, r)
	}
}

func newTestAPy(t *testing.T, f *fakeAPy) *Provider {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	p := NewAPy(srv.URL+"/", srv.Client())
	p.t.(*apy).retry = httpretry.Policy{Attempts: 3, Base: time.Millisecond, Max: 2 * time.Second}
	return p
}

func TestAPyTranslates(t *testing.T) {
	f := &fakeAPy{}
	p := newTestAPy(t, f)
	if !p.Supports(t.Context(), "en", "es") || !p.Supports(t.Context(), "en", "gl") {
		t.Error("Supports(en, es/gl) = false, the server lists them")
	}
	if p.Supports(t.Context(), "en", "ca") || p.Supports(t.Context(), "es", "en") {
		t.Error("Supports = true for a pair the server offers only as a variant or not at all")
	}
	got, err := p.Translate(t.Context(), "en", "es", []string{"The <g1>ferry</g1> leaves<x2/>.", "The library &amp; more"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"El <g1>transbordador</g1> leaves<x2/>.", "El biblioteca &amp; more"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Translate = %q, want %q", got, want)
	}
	if n := f.listCalls.Load(); n != 1 {
		t.Errorf("listPairs asked %d times, want once (cached)", n)
	}
	if n := f.translates.Load(); n != 1 {
		t.Errorf("%d translate requests for two short texts, want one", n)
	}
}

func TestAPyErrorAnswerIsNotRetried(t *testing.T) {
	f := &fakeAPy{}
	p := newTestAPy(t, f)
	p.modes = map[Pair]string{{From: "en", To: "ca"}: "eng|cat_valencia"}
	_, err := p.Translate(t.Context(), "en", "ca", []string{"Hello"})
	if err == nil || !strings.Contains(err.Error(), "That pair is not installed") || !strings.Contains(err.Error(), "400") {
		t.Errorf("error = %v, want the 400 and its responseDetails", err)
	}
	if n := f.translates.Load(); n != 1 {
		t.Errorf("a 400 was tried %d times, want once", n)
	}
}

func TestAPyRetriesOverloadThenSucceeds(t *testing.T) {
	f := &fakeAPy{failures: []int{429, 503}, retryAfter: "0"}
	p := newTestAPy(t, f)
	got, err := p.Translate(t.Context(), "en", "es", []string{"The ferry"})
	if err != nil || len(got) != 1 || got[0] != "El transbordador" {
		t.Fatalf("Translate = %q, %v", got, err)
	}
	if n := f.translates.Load(); n != 3 {
		t.Errorf("%d requests, want 3 (two failures, one success)", n)
	}
}

func TestAPyGivesUpAfterRepeatedServerErrors(t *testing.T) {
	f := &fakeAPy{failures: []int{500, 500, 500, 500, 500}}
	p := newTestAPy(t, f)
	_, err := p.Translate(t.Context(), "en", "es", []string{"The ferry"})
	if err == nil || !strings.Contains(err.Error(), "engine overloaded") {
		t.Errorf("error = %v, want the server's details", err)
	}
	if n := f.translates.Load(); n != 3 {
		t.Errorf("%d requests, want the policy's 3", n)
	}
}

func TestAPyRefusesRetryAfterBeyondPolicy(t *testing.T) {
	f := &fakeAPy{failures: []int{429}, retryAfter: "3600"}
	p := newTestAPy(t, f)
	start := time.Now()
	_, err := p.Translate(t.Context(), "en", "es", []string{"The ferry"})
	if err == nil || time.Since(start) > time.Second {
		t.Errorf("error = %v after %s, want a prompt error", err, time.Since(start))
	}
}

func TestAPySlowAnswerCutByContext(t *testing.T) {
	f := &fakeAPy{delay: 10 * time.Second}
	p := newTestAPy(t, f)
	if !p.Supports(t.Context(), "en", "es") {
		t.Fatal("Supports(en, es) = false")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := p.Translate(ctx, "en", "es", []string{"The ferry"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the deadline", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestAPyUnsupportedAndUnreachable(t *testing.T) {
	p := newTestAPy(t, &fakeAPy{})
	if _, err := p.Translate(t.Context(), "en", "fr", []string{"x"}); !errors.Is(err, translate.ErrUnsupported) {
		t.Errorf("en→fr error = %v, want ErrUnsupported", err)
	}
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	down := NewAPy(srv.URL, nil)
	down.t.(*apy).retry = httpretry.Policy{Attempts: 2, Base: time.Millisecond, Max: time.Second}
	if down.Supports(t.Context(), "en", "es") {
		t.Error("Supports = true with the server down")
	}
	if _, err := down.Translate(t.Context(), "en", "es", []string{"x"}); err == nil || errors.Is(err, translate.ErrUnsupported) {
		t.Errorf("error = %v, want a connection error, not ErrUnsupported", err)
	}
}

func TestParseAPy(t *testing.T) {
	if s, err := parseAPyTranslate([]byte(`{"responseData":{"translatedText":"hola"},"responseDetails":null,"responseStatus":200}`)); err != nil || s != "hola" {
		t.Errorf("parseAPyTranslate = %q, %v", s, err)
	}
	for _, body := range []string{
		`{"responseData":{},"responseStatus":200}`,
		`{"responseData":null,"responseDetails":"boom","responseStatus":500}`,
		`{"responseData":{"translatedText":"x"}}`,
		`<html>`,
	} {
		if s, err := parseAPyTranslate([]byte(body)); err == nil {
			t.Errorf("parseAPyTranslate(%s) = %q, want an error", body, s)
		}
	}
	pairs, err := parseAPyPairs([]byte(`{"responseData":[{"sourceLanguage":"eng","targetLanguage":"spa"},{"sourceLanguage":"","targetLanguage":"x"}],"responseStatus":200}`))
	if err != nil || len(pairs) != 1 || pairs[0] != (pair{src: "eng", dst: "spa", mode: "eng|spa"}) {
		t.Errorf("parseAPyPairs = %+v, %v", pairs, err)
	}
	if _, err := parseAPyPairs([]byte(`{"responseData":{"a":1},"responseStatus":200}`)); err == nil {
		t.Error("parseAPyPairs accepted an object for the list")
	}
}

func FuzzParseAPyTranslate(f *testing.F) {
	f.Add([]byte(`{"responseData":{"translatedText":"hola"},"responseDetails":null,"responseStatus":200}`))
	f.Add([]byte(`{"responseData":null,"responseDetails":{"x":1},"responseStatus":400}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		s, err := parseAPyTranslate(body)
		if err != nil && s != "" {
			t.Fatalf("error %v with text %q", err, s)
		}
	})
}

func FuzzParseAPyPairs(f *testing.F) {
	f.Add([]byte(`{"responseData":[{"sourceLanguage":"eng","targetLanguage":"spa"}],"responseStatus":200}`))
	f.Add([]byte(`{"responseData":[null,{"sourceLanguage":"e|g"}],"responseStatus":200}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		pairs, err := parseAPyPairs(body)
		if err != nil && pairs != nil {
			t.Fatal("pairs with an error")
		}
		for _, p := range pairs {
			if p.mode != p.src+"|"+p.dst || strings.Count(p.mode, "|") != 1 {
				t.Fatalf("bad pair %+v", p)
			}
		}
	})
}
