package demo_test

import (
	"context"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/demo"
	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/ingest"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/translation"
)

// shortArticles ship in every language of the site.
var shortArticles = []string{"mirren-ferry-winter-timetable", "library-sunday-hours"}

func TestTranslationFilesCoverTheLanguages(t *testing.T) {
	files, err := demo.LoadTranslations()
	if err != nil {
		t.Fatal(err)
	}
	langs := i18n.Default()
	by := map[string]map[string]bool{}
	for _, f := range files {
		if !langs.IsTranslation(f.Lang) {
			t.Errorf("%s: %q is not a translation language of the site", f.Name, f.Lang)
		}
		if by[f.Slug] == nil {
			by[f.Slug] = map[string]bool{}
		}
		by[f.Slug][f.Lang] = true
	}
	for _, slug := range shortArticles {
		for _, l := range langs.Others {
			if !by[slug][l.Code] {
				t.Errorf("%s has no translation into %s (%s)", slug, l.Code, l.EnglishName)
			}
		}
	}
	content, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range content.Articles {
		slug := strings.TrimSuffix(strings.TrimPrefix(f.Name, "content/"), ".md")
		if n := len(by[slug]); n < 5 {
			t.Errorf("%s has %d translations, want at least 5", slug, n)
		}
	}
}

func TestSeedTranslationsPairsEverySegment(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		rd := render.New()
		seedTextOnly(t, publishing.New(st, rd, publishing.Options{}))
		svc := translation.New(st, i18n.Default(), translation.Options{Markdown: rd.Markdown})
		n, err := demo.SeedTranslations(ctx, st, svc, rd)
		if err != nil {
			t.Fatal(err)
		}
		files, _ := demo.LoadTranslations()
		if n != len(files) {
			t.Fatalf("stored %d translations of %d files", n, len(files))
		}
		a, err := st.ArticleBySlug(ctx, "library-sunday-hours")
		if err != nil {
			t.Fatal(err)
		}
		status, err := svc.Status(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		for lang, s := range status {
			if s != news.TranslationReviewed {
				t.Errorf("library-sunday-hours in %s is %s, want reviewed", lang, s)
			}
		}
		tr, err := st.ArticleTranslation(ctx, a.ID, "es")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(tr.BodyHTML, `href="https://library.example.org/halvering/hours"`) || strings.Contains(tr.BodyHTML, "Sunday") {
			t.Errorf("Spanish body keeps the link and is not English: %s", tr.BodyHTML)
		}
	})
}

// seedTextOnly stores the demo articles as Seed does but without making
// their images (a remote URL stands in), which is most of Seed's time and
// nothing the translations depend on.
func seedTextOnly(t *testing.T, svc *publishing.Service) {
	t.Helper()
	content, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range content.Articles {
		doc, err := ingest.ParseMarkdown(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		in := ingest.DocumentInput(doc)
		in.Image = doc.Image
		in.Image.URL = "https://img.example/" + doc.Slug + ".jpg"
		if _, _, err := svc.Create(context.Background(), in, "demo"); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
	}
}
