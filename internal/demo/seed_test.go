package demo_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/demo"
	"github.com/byline-news/byline/internal/media"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestSeedFillsAnEmptySiteOnce(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		m, err := media.NewLocal(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		svc := publishing.New(st, render.New(), publishing.Options{})
		got, err := demo.Seed(ctx, svc, m)
		if err != nil {
			t.Fatal(err)
		}
		content, _ := demo.Load()
		if got.Skipped || got.Articles != len(content.Articles) || got.Authors != len(content.Authors) {
			t.Fatalf("seeded %+v, want %d articles and %d authors", got, len(content.Articles), len(content.Authors))
		}
		arts, total, err := st.FindArticles(ctx, news.ArticleFilter{Status: news.StatusPublished, Limit: 100})
		if err != nil || total < 8 {
			t.Fatalf("%d published articles (%v), want at least 8", total, err)
		}
		republished, orgBylines := 0, 0
		for _, a := range arts {
			if a.IsRepublished() {
				republished++
			}
			for _, au := range a.Authors {
				if au.Kind == news.KindOrganization {
					orgBylines++
				}
			}
			if !strings.HasPrefix(a.Image.URL, "/media/") || a.Image.Credit == "" || a.Image.Caption == "" {
				t.Errorf("%s: featured image %+v lacks a stored file, caption or credit", a.Slug, a.Image)
				continue
			}
			if _, err := os.Stat(filepath.Join(m.Dir(), strings.TrimPrefix(a.Image.URL, "/media/"))); err != nil {
				t.Errorf("%s: image file missing: %v", a.Slug, err)
			}
		}
		if republished < 2 || orgBylines == 0 {
			t.Errorf("%d republished pieces and %d organization bylines; want ≥2 and ≥1", republished, orgBylines)
		}
		s, err := st.Settings(ctx)
		if err != nil || s.Name != content.Settings.Name || len(s.Follow) == 0 {
			t.Errorf("settings not seeded: %+v (%v)", s, err)
		}

		again, err := demo.Seed(ctx, svc, m)
		if err != nil || !again.Skipped {
			t.Fatalf("second seed = %+v, %v; want skipped", again, err)
		}
		if _, n, _ := st.FindArticles(ctx, news.ArticleFilter{}); n != total {
			t.Fatalf("second seed changed the article count to %d", n)
		}
	})
}
