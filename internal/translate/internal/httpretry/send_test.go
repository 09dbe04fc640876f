package httpretry

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSendReadsAnyStatusUpToLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("0123456789"))
	}))
	defer srv.Close()
	ctx := context.Background()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	res, body, err := Send(ctx, srv.Client(), req, 4, "eng")
	if err != nil {
		t.Fatalf("Send = %v", err)
	}
	if res.StatusCode != http.StatusServiceUnavailable || string(body) != "0123" {
		t.Errorf("Send = %d %q, want 503 and the first 4 bytes", res.StatusCode, body)
	}
}

func TestSendConnectionFailureIsRetryableAndHidesURL(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/v2?key=SECRET"
	srv.Close()
	ctx := context.Background()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	_, _, err := Send(ctx, http.DefaultClient, req, 1<<10, "eng")
	var re *Error
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a retryable *Error", err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "eng: request: ") || strings.Contains(msg, "SECRET") {
		t.Errorf("err = %q, want it named and without the URL", msg)
	}
}

func TestSendBrokenBodyIsRetryable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100")
		w.Write([]byte("short"))
	}))
	defer srv.Close()
	ctx := context.Background()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	_, _, err := Send(ctx, srv.Client(), req, 1<<10, "eng")
	var re *Error
	if !errors.As(err, &re) || !strings.HasPrefix(err.Error(), "eng: read answer: ") {
		t.Errorf("err = %v, want a retryable read error", err)
	}
}

func TestSendEndedContextIsFinal(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	_, _, err := Send(ctx, srv.Client(), req, 1<<10, "eng")
	var re *Error
	if !errors.Is(err, context.Canceled) || errors.As(err, &re) {
		t.Errorf("err = %v, want context.Canceled, not retryable", err)
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		body string
		n    int
		want string
	}{
		{"", 10, "none"},
		{" \n\t ", 10, "none"},
		{"  short  ", 10, "short"},
		{"0123456789", 10, "0123456789"},
		{"0123456789ab", 10, "0123456789…"},
		{"ééé", 3, "é…"}, // 3 bytes would cut the second é in half
	}
	for _, tt := range tests {
		if got := Excerpt([]byte(tt.body), tt.n, "none"); got != tt.want {
			t.Errorf("Excerpt(%q, %d) = %q, want %q", tt.body, tt.n, got, tt.want)
		}
	}
}

func FuzzClip(f *testing.F) {
	f.Add("hello, world", 5)
	f.Add("日本語のテキスト", 4)
	f.Add("", 0)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 0 || n > 1<<16 {
			return
		}
		got := Clip(s, n)
		if len(s) <= n {
			if got != s {
				t.Fatalf("Clip(%q, %d) = %q, want it unchanged", s, n, got)
			}
			return
		}
		short, ok := strings.CutSuffix(got, "…")
		if !ok || len(short) > n || !strings.HasPrefix(s, short) && utf8.ValidString(s) {
			t.Fatalf("Clip(%q, %d) = %q, want a prefix of at most %d bytes and …", s, n, got, n)
		}
		if !utf8.ValidString(short) {
			t.Fatalf("Clip(%q, %d) = %q, not valid UTF-8", s, n, got)
		}
	})
}

func TestPostJSONSendsBodyAndHeaders(t *testing.T) {
	var got struct{ ct, accept, auth, body string }
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got.ct, got.accept, got.auth, got.body = r.Header.Get("Content-Type"), r.Header.Get("Accept"), r.Header.Get("Authorization"), string(b)
		if r.Method != http.MethodPost {
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	ctx := context.Background()
	res, body, err := PostJSON(ctx, srv.Client(), srv.URL+"/v2", http.Header{"Authorization": {"Bearer k"}}, []byte(`{"q":1}`), 1<<10, "eng")
	if err != nil || res.StatusCode != http.StatusOK || string(body) != `{"ok":true}` {
		t.Fatalf("PostJSON = %v, %q, %v", res, body, err)
	}
	if got.ct != "application/json" || got.accept != "application/json" || got.auth != "Bearer k" || got.body != `{"q":1}` {
		t.Errorf("server saw %+v", got)
	}
}

func TestPostJSONBadURLHidesIt(t *testing.T) {
	_, _, err := PostJSON(context.Background(), http.DefaultClient, "http://exa mple.com/v2?key=SECRET", nil, nil, 1<<10, "eng")
	if err == nil || !strings.HasPrefix(err.Error(), "eng: build request: ") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("err = %v, want a named build error without the URL", err)
	}
}
