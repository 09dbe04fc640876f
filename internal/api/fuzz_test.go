package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
)

// FuzzCreateArticleJSON posts arbitrary bytes as a new article. Whatever
// the bytes, the answer is JSON and either 201 or a 4xx naming an error
// code: bad input must never reach the server's 5xx path.
func FuzzCreateArticleJSON(f *testing.F) {
	for _, seed := range []string{
		`{"title": "Talks resume", "body": "The *talks*.", "authors": ["Jane Doe", {"name": "Morning Star", "kind": "organization"}], "tags": ["Diplomacy"]}`,
		`{"title": "x", "status": "published", "published_at": "2024-03-05T14:30:15+03:00"}`,
		`{"title": "x", "status": "scheduled", "published_at": "2999-01-01T00:00:00Z"}`,
		`{"title": "x", "image": {"url": "/media/a.jpg", "width": 1200, "height": -1}}`,
		`{"title": "x", "format": "html", "body": "<script>alert(1)</script><p onclick=x>hi</p>"}`,
		`{"title": "x", "language": "pt-BR", "slug": "x-y", "tags": ["", "  ", "a"]}`,
		`{"title": "x", "authors": [{"id": 1}, {"slug": "jane-doe"}, {"kind": "robot", "name": "R"}]}`,
		`{"title": "\u0000", "body": "\ud800"}`,
		`{"title": 1e999}`,
		`{"title": "x"} trailing`,
		`[]`, `null`, `"x"`, ``, `{`, `{"a":`,
	} {
		f.Add([]byte(seed))
	}
	s, err := store.Open(f.Context(), f.TempDir(), "", nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() {
		if err := s.Close(); err != nil {
			f.Error(err)
		}
	})
	g := newRig(f, s)
	token := g.token(f, news.RoleEditor)

	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequestWithContext(t.Context(), "POST", "/api/v1/articles", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		g.handler.ServeHTTP(rec, req)

		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("answer is not JSON: %q", rec.Body.Bytes())
		}
		switch {
		case rec.Code == http.StatusCreated:
		case rec.Code >= 400 && rec.Code < 500:
			var e struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("%d without an error code and message: %s", rec.Code, rec.Body.Bytes())
			}
		default:
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body.Bytes())
		}
	})
}
