package site

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// countingHandler answers with a body of n bytes and counts its calls.
type countingHandler struct {
	calls  int
	n      int
	status int
	header map[string]string
}

func (h *countingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.calls++
	for k, v := range h.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "text/plain")
	if h.status != 0 {
		w.WriteHeader(h.status)
	}
	_, _ = w.Write([]byte(r.URL.Path + strings.Repeat("x", h.n)))
}

func TestPageCacheKeepsOnlyWhatItShould(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name       string
		status     int
		header     map[string]string
		method     string
		wantCached bool
	}{
		{"200 is kept", 200, nil, http.MethodGet, true},
		{"404 is kept", 404, nil, http.MethodGet, true},
		{"500 is not", 500, nil, http.MethodGet, false},
		{"503 is not", 503, nil, http.MethodGet, false},
		{"301 is not", 301, nil, http.MethodGet, false},
		{"no-store is not", 200, map[string]string{"Cache-Control": "no-store"}, http.MethodGet, false},
		{"POST is not", 200, nil, http.MethodPost, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newPageCache(1<<20, now)
			h := &countingHandler{n: 10, status: tt.status, header: tt.header}
			wrapped := c.wrap(h)
			for range 2 {
				rec := serve(t, wrapped, tt.method, "/a")
				if rec.Code != tt.status {
					t.Fatalf("status %d, want %d", rec.Code, tt.status)
				}
			}
			if want := map[bool]int{true: 1, false: 2}[tt.wantCached]; h.calls != want {
				t.Errorf("handler ran %d times, want %d", h.calls, want)
			}
		})
	}
}

func TestPageCacheEvictsLeastRecentlyUsedByBytes(t *testing.T) {
	c := newPageCache(20000, time.Now) // room for about fifteen 1 KB entries
	h := &countingHandler{n: 1000}
	wrapped := c.wrap(h)
	get := func(p string) { serve(t, wrapped, http.MethodGet, p) }
	for i := range 20 {
		get("/" + string(rune('a'+i)))
	}
	entries, size := c.stats()
	if size > c.max || entries == 0 {
		t.Fatalf("%d entries, %d bytes over the budget %d", entries, size, c.max)
	}
	calls := h.calls
	get("/t") // the newest is still there
	if h.calls != calls {
		t.Error("the most recent entry was evicted")
	}
	get("/a") // the oldest was evicted
	if h.calls != calls+1 {
		t.Error("the oldest entry survived past the budget")
	}
	// An entry larger than its share of the cache is served, not kept.
	big := &countingHandler{n: 3000}
	bw := c.wrap(big)
	serve(t, bw, http.MethodGet, "/big")
	serve(t, bw, http.MethodGet, "/big")
	if big.calls != 2 {
		t.Error("an oversized entry was cached")
	}
}

func TestPageCacheDropsRendersStartedBeforeAPurge(t *testing.T) {
	c := newPageCache(1<<20, time.Now)
	var purgeDuring bool
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if purgeDuring {
			// A change lands while this render reads the old content.
			c.purge()
		}
		_, _ = w.Write([]byte("content"))
	})
	wrapped := c.wrap(h)
	purgeDuring = true
	if rec := serve(t, wrapped, http.MethodGet, "/a"); rec.Body.String() != "content" {
		t.Fatal("the render was not served")
	}
	if n, _ := c.stats(); n != 0 {
		t.Error("a render from before the purge was kept")
	}
	purgeDuring = false
	serve(t, wrapped, http.MethodGet, "/a")
	if n, _ := c.stats(); n != 1 {
		t.Error("a render after the purge was not kept")
	}
}

func TestPageCacheKeysOnPathAndQuery(t *testing.T) {
	c := newPageCache(1<<20, time.Now)
	h := &countingHandler{}
	wrapped := c.wrap(h)
	for _, p := range []string{"/a", "/a?page=2", "/fr/a", "/a", "/a?page=2"} {
		serve(t, wrapped, http.MethodGet, p)
	}
	if h.calls != 3 {
		t.Errorf("handler ran %d times, want 3", h.calls)
	}
}
