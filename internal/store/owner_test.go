package store_test

import (
	"context"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestArticleOwnerIsWrittenOnceAndRead(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := news.User{Email: "c@news.example", Name: "C", Role: news.RoleContributor}
		if err := s.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		a := news.Article{Slug: "owned", Title: "Owned", Language: "en", Format: news.FormatMarkdown,
			Status: news.StatusDraft, CreatedBy: u.ID}
		if err := s.CreateArticle(ctx, &a, "c"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Article(ctx, a.ID)
		if err != nil || got.CreatedBy != u.ID {
			t.Fatalf("created_by = %d (%v), want %d", got.CreatedBy, err, u.ID)
		}
		got.CreatedBy = 0
		if err := s.UpdateArticle(ctx, &got, "editor"); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.Article(ctx, a.ID); again.CreatedBy != u.ID {
			t.Fatalf("an update changed created_by to %d", again.CreatedBy)
		}
		b := news.Article{Slug: "unowned", Title: "Unowned", Language: "en", Format: news.FormatMarkdown, Status: news.StatusDraft}
		if err := s.CreateArticle(ctx, &b, "import"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Article(ctx, b.ID); got.CreatedBy != 0 {
			t.Fatalf("an import got owner %d", got.CreatedBy)
		}
	})
}
