package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/api"
	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/urls"
)

const baseURL = "https://news.example"

// rig is the API over a real store, with a token per role made on demand.
type rig struct {
	store   *store.Store
	handler http.Handler
	tokens  map[news.Role]string
}

func newRig(t testing.TB, s *store.Store) *rig {
	t.Helper()
	b, err := urls.New(baseURL, "en")
	if err != nil {
		t.Fatal(err)
	}
	svc := publishing.New(s, render.New(), publishing.Options{})
	a := api.New(api.Config{URLs: b}, s, svc)
	return &rig{store: s, handler: a.Handler(), tokens: map[news.Role]string{}}
}

// token returns an API token of a user with role, creating both the first
// time.
func (g *rig) token(t testing.TB, role news.Role) string {
	t.Helper()
	if tok, ok := g.tokens[role]; ok {
		return tok
	}
	ctx := t.Context()
	u := news.User{Email: string(role) + "@news.example", Name: "A " + string(role), Role: role}
	if err := g.store.CreateUser(ctx, &u); err != nil {
		t.Fatalf("create %s user: %v", role, err)
	}
	secret, hash, err := auth.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if err := g.store.CreateToken(ctx, &news.Token{UserID: u.ID, Name: "test", Hash: hash}); err != nil {
		t.Fatalf("create token: %v", err)
	}
	g.tokens[role] = secret
	return secret
}

// response is a recorded answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

// apiError returns the code and message of a JSON error answer; both are
// "" for any other answer, which is what callers compare against.
func (r response) apiError() (code, message string) {
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.Unmarshal(r.body, &e); err != nil {
		return "", ""
	}
	return e.Error.Code, e.Error.Message
}

func (r response) errorCode() string {
	code, _ := r.apiError()
	return code
}

func (r response) errorMessage() string {
	_, msg := r.apiError()
	return msg
}

// serve runs req through the API and checks what every answer must
// satisfy: JSON with the API's headers, or an empty 204.
func (g *rig) serve(t testing.TB, req *http.Request) response {
	t.Helper()
	rec := httptest.NewRecorder()
	g.handler.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := response{status: res.StatusCode, header: res.Header, body: body}
	if got := r.header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("%s %s: Cache-Control = %q, want no-store", req.Method, req.URL, got)
	}
	if r.status == http.StatusNoContent {
		if len(body) != 0 {
			t.Errorf("%s %s: 204 with a body: %q", req.Method, req.URL, body)
		}
		return r
	}
	if got := r.header.Get("Content-Type"); got != "application/json; charset=utf-8" {
		t.Errorf("%s %s: Content-Type = %q", req.Method, req.URL, got)
	}
	if !json.Valid(body) {
		t.Errorf("%s %s: answer is not JSON: %q", req.Method, req.URL, body)
	}
	if r.status >= 400 && r.errorCode() == "" {
		t.Errorf("%s %s: %d without an error code: %s", req.Method, req.URL, r.status, body)
	}
	return r
}

// do sends body (as application/json when not empty) with token (none
// when empty).
func (g *rig) do(t testing.TB, method, path, token, body string) response {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return g.serve(t, req)
}

// mustDo is do that fails the test unless the answer has status want.
func (g *rig) mustDo(t testing.TB, method, path, token, body string, want int) response {
	t.Helper()
	r := g.do(t, method, path, token, body)
	if r.status != want {
		t.Fatalf("%s %s: status %d, want %d: %s", method, path, r.status, want, r.body)
	}
	return r
}

// apiArticle is an article as the API answers it.
type apiArticle struct {
	news.Article
	URL            string        `json:"url"`
	CreatedAuthors []news.Author `json:"created_authors"`
	CreatedTags    []news.Tag    `json:"created_tags"`
}

func decode[T any](t testing.TB, r response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decode %T from %s: %v", v, r.body, err)
	}
	return v
}

// articleList is the answer of GET /api/v1/articles.
type articleList struct {
	Articles []apiArticle `json:"articles"`
	Total    int          `json:"total"`
	Page     int          `json:"page"`
	PerPage  int          `json:"per_page"`
}

func titles(list []apiArticle) []string {
	out := []string{}
	for _, a := range list {
		out = append(out, a.Title)
	}
	return out
}

// counts returns how many articles, authors and tags the store holds.
func counts(t testing.TB, s *store.Store) (articles, authors, tags int) {
	t.Helper()
	ctx := t.Context()
	_, articles, err := s.FindArticles(ctx, news.ArticleFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, authors, err = s.FindAuthors(ctx, news.AuthorFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return articles, authors, len(list)
}
