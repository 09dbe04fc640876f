package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
)

// wantCode fails the test unless err carries the error code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := news.ErrorCode(err); got != code {
		t.Fatalf("error code = %q, want %q (error: %v)", got, code, err)
	}
}

// mustJSONEqual fails the test unless got and want encode to the same JSON,
// which compares every exported field, nil and empty slices apart.
func mustJSONEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	g, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	w, err := json.MarshalIndent(want, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if string(g) != string(w) {
		t.Fatalf("%s differs\n got: %s\nwant: %s", what, g, w)
	}
}

func createAuthor(t *testing.T, s *store.Store, slug, name string) news.Author {
	t.Helper()
	a := news.Author{Slug: slug, Name: name, Kind: news.KindPerson}
	if err := s.CreateAuthor(t.Context(), &a); err != nil {
		t.Fatalf("create author %q: %v", slug, err)
	}
	return a
}

func createTag(t *testing.T, s *store.Store, slug, name string) news.Tag {
	t.Helper()
	tag := news.Tag{Slug: slug, Name: name}
	if err := s.CreateTag(t.Context(), &tag); err != nil {
		t.Fatalf("create tag %q: %v", slug, err)
	}
	return tag
}

// draft returns a minimal article; callers set what their test is about.
func draft(slug, title string) news.Article {
	return news.Article{
		Slug: slug, Title: title, Language: "en", Format: news.FormatMarkdown,
		Body: "Body of " + title, BodyHTML: "<p>Body of " + title + "</p>", Status: news.StatusDraft,
	}
}

func createArticle(t *testing.T, s *store.Store, a news.Article) news.Article {
	t.Helper()
	if err := s.CreateArticle(t.Context(), &a, "tester"); err != nil {
		t.Fatalf("create article %q: %v", a.Slug, err)
	}
	return a
}

func contentVersion(t *testing.T, s *store.Store) int64 {
	t.Helper()
	v, err := s.ContentVersion(t.Context())
	if err != nil {
		t.Fatalf("content version: %v", err)
	}
	return v
}

func slugsOf(list []news.Article) []string {
	out := []string{}
	for _, a := range list {
		out = append(out, a.Slug)
	}
	return out
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

func boolPtr(b bool) *bool { return &b }

func contextWithTimeout(t *testing.T, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(t.Context(), d)
}
