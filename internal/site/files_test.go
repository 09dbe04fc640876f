package site

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/urls"
)

func TestHealthReflectsTheStore(t *testing.T) {
	st := testutil.OpenStore(t, t.TempDir(), "")
	b, err := urls.New(testBase, "en")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{URLs: b}, st, render.New())
	if err != nil {
		t.Fatal(err)
	}
	rec := serve(t, s.Handler(), http.MethodGet, "/healthz")
	if rec.Code != 200 || rec.Body.String() != "ok\n" || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("healthy: %d %q %q", rec.Code, rec.Body.String(), rec.Header().Get("Cache-Control"))
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	rec = serve(t, s.Handler(), http.MethodGet, "/healthz")
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("with the store closed: %d", rec.Code)
	}
}

func TestAssetsAreFingerprintedAndImmutable(t *testing.T) {
	fx := newFixture(t, testutil.NewSQLiteStore(t))
	_, doc := fx.page("/", 200)
	css := attr(one(t, "stylesheet", elements(doc, "link", "rel", "stylesheet")), "href")
	js := attr(one(t, "script", elements(doc, "script")), "src")
	fingerprinted := regexp.MustCompile(`^/assets/site\.[0-9a-f]{10}\.(css|js)$`)
	for _, p := range []string{css, js} {
		if !fingerprinted.MatchString(p) {
			t.Fatalf("asset path %q is not fingerprinted", p)
		}
		rec := fx.get(p)
		if rec.Code != 200 || rec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: %d, Cache-Control %q", p, rec.Code, rec.Header().Get("Cache-Control"))
		}
		gz := fx.get(p, "Accept-Encoding", "gzip")
		if gz.Header().Get("Content-Encoding") != "gzip" || gz.Body.Len() >= rec.Body.Len() {
			t.Errorf("%s is not served compressed", p)
		}
		if nm := fx.get(p, "If-None-Match", rec.Header().Get("ETag")); nm.Code != http.StatusNotModified {
			t.Errorf("%s revalidation: %d", p, nm.Code)
		}
	}
	if ct := fx.get(css).Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("CSS content type %q", ct)
	}
	// The plain name works but must be revalidated.
	if rec := fx.get("/assets/site.css"); rec.Code != 200 || rec.Header().Get("Cache-Control") != "public, no-cache" {
		t.Errorf("plain name: %d %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	fx.page("/assets/nothing.css", 404)
}

func TestMediaServesFilesOnly(t *testing.T) {
	dir := t.TempDir()
	media := filepath.Join(dir, "media")
	if err := os.MkdirAll(filepath.Join(media, "2026"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, data string) {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(media, "2026", "photo.jpg"), "\xff\xd8\xff jpeg bytes")
	write(filepath.Join(media, ".hidden"), "secret")
	write(filepath.Join(dir, "outside.txt"), "outside the media directory")
	if err := os.Symlink(filepath.Join(dir, "outside.txt"), filepath.Join(media, "escape.txt")); err != nil {
		t.Fatal(err)
	}

	st := testutil.NewSQLiteStore(t)
	b, err := urls.New(testBase, "en")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{URLs: b, Languages: i18n.Default(), MediaDir: media}, st, render.New())
	if err != nil {
		t.Fatal(err)
	}
	rec := serve(t, s.Handler(), http.MethodGet, "/media/2026/photo.jpg")
	if rec.Code != 200 || rec.Body.String() != "\xff\xd8\xff jpeg bytes" {
		t.Fatalf("file: %d %q", rec.Code, rec.Body.String())
	}
	if !strings.Contains(rec.Header().Get("Cache-Control"), "max-age=31536000") || rec.Header().Get("Content-Type") != "image/jpeg" {
		t.Errorf("headers %v", rec.Header())
	}
	for _, p := range []string{
		"/media/2026/", "/media/2026", "/media/", "/media/.hidden",
		"/media/../outside.txt", "/media/%2e%2e/outside.txt", "/media/2026/..%2f..%2foutside.txt",
		"/media/escape.txt", "/media/missing.jpg",
	} {
		rec := serve(t, s.Handler(), http.MethodGet, p)
		if rec.Code == 200 || strings.Contains(rec.Body.String(), "outside the media") || strings.Contains(rec.Body.String(), "photo.jpg") {
			t.Errorf("%s: %d %q", p, rec.Code, rec.Body.String())
		}
	}
}

func TestWrongMethodIsNotAllowed(t *testing.T) {
	fx := newFixture(t, testutil.NewSQLiteStore(t))
	for _, p := range []string{"/articles/talks-resume", "/", "/feed.xml", "/healthz", "/ar/articles/talks-resume"} {
		rec := serve(t, fx.site.Handler(), http.MethodPost, p)
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("POST %s: %d, want 405", p, rec.Code)
		}
	}
}
