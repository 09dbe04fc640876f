package demo

import (
	"context"
	"fmt"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/translation"
)

// SeedTranslations stores the demo's human translations of the seeded
// articles, segment by segment as if a person had written them in the
// admin, and says how many it stored. A translation whose structure does
// not match its article is an error naming the file.
func SeedTranslations(ctx context.Context, st news.Store, tr *translation.Service, rd *render.Renderer) (int, error) {
	files, err := LoadTranslations()
	if err != nil {
		return 0, err
	}
	ids := map[string]int64{}
	n := 0
	for _, f := range files {
		id, ok := ids[f.Slug]
		if !ok {
			a, err := st.ArticleBySlug(ctx, f.Slug)
			if err != nil {
				return n, fmt.Errorf("%s: the demo has no article %q: %w", f.Name, f.Slug, err)
			}
			id, ids[f.Slug] = a.ID, a.ID
		}
		h, err := humanText(f, rd)
		if err != nil {
			return n, err
		}
		if err := tr.ImportHuman(ctx, id, f.Lang, h, "demo"); err != nil {
			return n, fmt.Errorf("%s: %w", f.Name, err)
		}
		n++
	}
	return n, nil
}

// humanText renders a translation file's Markdown the way the article's
// own fields are rendered.
func humanText(f TranslationFile, rd *render.Renderer) (translation.HumanText, error) {
	h := translation.HumanText{
		Title: f.Title, Subtitle: f.Subtitle, Summary: f.Summary,
		ImageAlt: f.ImageAlt, ImageCaption: f.ImageCaption, ImageCredit: f.ImageCredit,
	}
	var err error
	for _, p := range []struct {
		dst *string
		src string
	}{{&h.BodyHTML, f.Body}, {&h.NoteBeforeHTML, f.NoteBefore}, {&h.NoteAfterHTML, f.NoteAfter}} {
		if p.src == "" {
			continue
		}
		if *p.dst, err = rd.Markdown(p.src); err != nil {
			return h, fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return h, nil
}
