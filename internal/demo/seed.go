package demo

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/byline-news/byline/internal/ingest"
	"github.com/byline-news/byline/internal/media"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
)

// imageWidth and imageHeight are the size of generated featured images.
const (
	imageWidth  = 1600
	imageHeight = 900
)

// Seeded says what Seed did.
type Seeded struct {
	Articles int
	Authors  int
	// Skipped is true when the site already had articles and Seed left it
	// alone.
	Skipped bool
}

// Seed fills an empty site with the demo content: settings, author
// profiles, and the articles with generated featured images. A site that
// already has articles is left as it is, so running the demo twice on one
// data directory keeps the editors' changes.
func Seed(ctx context.Context, svc *publishing.Service, m *media.Local) (Seeded, error) {
	st := svc.Store()
	_, total, err := st.FindArticles(ctx, news.ArticleFilter{Limit: 1})
	if err != nil {
		return Seeded{}, err
	}
	if total > 0 {
		return Seeded{Skipped: true}, nil
	}
	content, err := Load()
	if err != nil {
		return Seeded{}, err
	}
	var out Seeded
	if err := st.SaveSettings(ctx, content.Settings); err != nil {
		return out, err
	}
	for _, au := range content.Authors {
		au := au
		if err := st.CreateAuthor(ctx, &au); err != nil {
			return out, fmt.Errorf("demo author %s: %w", au.Name, err)
		}
		out.Authors++
	}
	for _, f := range content.Articles {
		doc, err := ingest.ParseMarkdown(f.Name, f.Data)
		if err != nil {
			return out, fmt.Errorf("demo article: %w", err)
		}
		if doc.Image.URL != "" && !strings.Contains(doc.Image.URL, "://") {
			slug := strings.TrimSuffix(path.Base(doc.Image.URL), path.Ext(doc.Image.URL))
			jpeg, err := JPEG(slug, imageWidth, imageHeight)
			if err != nil {
				return out, fmt.Errorf("demo image for %s: %w", f.Name, err)
			}
			stored, err := m.PutImage(jpeg, "The demo image "+slug)
			if err != nil {
				return out, err
			}
			doc.Image.URL, doc.Image.Width, doc.Image.Height = stored.URL, stored.Width, stored.Height
		}
		in := ingest.DocumentInput(doc)
		in.Image = doc.Image
		if _, _, err := svc.Create(ctx, in, "demo"); err != nil {
			return out, fmt.Errorf("demo article: %w", err)
		}
		out.Articles++
	}
	return out, nil
}
