package view

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"GZIP", true},
		{"gzip, deflate, br", true},
		{"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
		{"gzip;q=0", false},
		{"gzip; q=0.000", false},
		{"identity", false},
		{"*", true},
		{"*;q=0", false},
		{"*, gzip;q=0", false},
		{"gzip;q=0, *", false},
		{"deflate, x-gzip", true},
		{"gzip;q=abc", false},
		{"gzip;q=2", false},
		{"br", false},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			if got := AcceptsGzip(tt.header); got != tt.want {
				t.Errorf("AcceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
			}
		})
	}
}

func FuzzAcceptsGzip(f *testing.F) {
	for _, s := range []string{"gzip", "gzip;q=0", "*;q=0.5", "br, gzip;q=0.1", ";;,,=q"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		got := AcceptsGzip(header)
		// Adding an explicit refusal after everything must win.
		if AcceptsGzip(header+", gzip;q=0") && !strings.Contains(strings.ToLower(header), "gzip") {
			t.Fatalf("AcceptsGzip(%q + refusal) = true", header)
		}
		if got && !strings.Contains(strings.ToLower(header), "gzip") && !strings.Contains(header, "*") {
			t.Fatalf("AcceptsGzip(%q) = true without gzip or *", header)
		}
	})
}

func TestETagMatches(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{`"abc"`, true},
		{`W/"abc"`, true},
		{`"x", "abc-gz"`, true},
		{`*`, true},
		{`"abd"`, false},
		{`abc`, false},
		{``, false},
		{`"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			if got := ETagMatches(tt.header, `"abc"`, `"abc-gz"`); got != tt.want {
				t.Errorf("ETagMatches(%q) = %v, want %v", tt.header, got, tt.want)
			}
		})
	}
}

func FuzzETagMatches(f *testing.F) {
	for _, s := range []string{`"a"`, `W/"a", "b"`, `*`, `,,`, `"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		if ETagMatches(header, `"0123456789"`) && header != "*" && strings.TrimSpace(header) != "*" &&
			!strings.Contains(header, `"0123456789"`) {
			t.Fatalf("ETagMatches(%q) matched a tag it does not name", header)
		}
	})
}

func TestServeAsset(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	css, err := v.AssetURL("site.css")
	if err != nil {
		t.Fatal(err)
	}
	file := strings.TrimPrefix(css, "/assets/")
	get := func(target string, header ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		name := strings.TrimPrefix(req.URL.Path, "/assets/")
		v.ServeAsset(rec, req, name)
		return rec
	}
	rec := get(css)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "prefers-color-scheme: dark") || rec.Header().Get("Cache-Control") != immutable {
		t.Errorf("fingerprinted: %d %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	hash := strings.Split(file, ".")[1]
	if rec := get("/assets/site.css?v=" + hash); rec.Header().Get("Cache-Control") != immutable {
		t.Errorf("?v=current: %q", rec.Header().Get("Cache-Control"))
	}
	if rec := get("/assets/site.css?v=old"); rec.Header().Get("Cache-Control") == immutable {
		t.Error("?v=old is cached for a year")
	}
	if rec := get("/assets/site.0000000000.css"); rec.Code != 404 {
		t.Errorf("a stale fingerprint: %d", rec.Code)
	}
	if _, err := v.AssetURL("nope.css"); err == nil {
		t.Error("AssetURL of a missing asset succeeded")
	}
}
