package ingest_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/ingest"
	"github.com/byline-news/byline/internal/media"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func importer(t *testing.T, st news.Store) (*ingest.Importer, *media.Local) {
	t.Helper()
	m, err := media.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return ingest.NewImporter(publishing.New(st, render.New(), publishing.Options{}), m), m
}

func writeFile(t *testing.T, path string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportFileStoresLocalImageAndEveryField(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		im, m := importer(t, st)
		dir := t.TempDir()
		var buf bytes.Buffer
		png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 64, 36)))
		writeFile(t, filepath.Join(dir, "images", "dam.png"), buf.Bytes())
		md := writeFile(t, filepath.Join(dir, "dam.md"), []byte(`---
title: Dam inspection finds cracks
subtitle: Engineers call for repairs
authors:
  - Lena Ortiz
  - name: Valley Wire
    kind: organization
date: 2026-11-02T08:30:00Z
tags: [infrastructure, water]
image: images/dam.png
image_caption: The north spillway.
image_credit: "Photo: Lena Ortiz"
image_alt: A concrete dam
source_name: Valley Wire
source_url: https://wire.example/dam
canonical_url: https://wire.example/dam
notes:
  before: Note to readers before.
  after: Note to readers after.
newsletter: true
featured: true
---
Engineers found **cracks**.
`))
		res, err := im.ImportFile(context.Background(), md)
		if err != nil {
			t.Fatal(err)
		}
		a, err := st.Article(context.Background(), res.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(a.Image.URL, "/media/") || a.Image.Width != 64 || a.Image.Height != 36 {
			t.Fatalf("image = %+v, want a stored 64×36 media file", a.Image)
		}
		if _, err := os.Stat(filepath.Join(m.Dir(), strings.TrimPrefix(a.Image.URL, "/media/"))); err != nil {
			t.Fatalf("image file not in the media store: %v", err)
		}
		checks := map[string]bool{
			"subtitle":  a.Subtitle == "Engineers call for repairs",
			"authors":   len(a.Authors) == 2 && a.Authors[1].Kind == news.KindOrganization,
			"tags":      len(a.Tags) == 2,
			"caption":   a.Image.Caption == "The north spillway." && a.Image.Credit == "Photo: Lena Ortiz" && a.Image.Alt == "A concrete dam",
			"source":    a.SourceName == "Valley Wire" && a.SourceURL == "https://wire.example/dam" && a.CanonicalURL == a.SourceURL,
			"notes":     strings.Contains(a.NoteBeforeHTML, "before") && strings.Contains(a.NoteAfterHTML, "after"),
			"flags":     a.Newsletter && a.Featured,
			"published": a.Status == news.StatusPublished && a.PublishedAt.Format("2006-01-02 15:04") == "2026-11-02 08:30",
		}
		for name, ok := range checks {
			if !ok {
				t.Errorf("%s not imported right: %+v", name, a)
			}
		}
		if len(res.Report.CreatedAuthors) != 2 {
			t.Errorf("created authors = %d, want 2", len(res.Report.CreatedAuthors))
		}
	})
}

func TestImportFileFailuresImportNothing(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		im, m := importer(t, st)
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "fake.png"), []byte("<html>not an image</html>"))
		tests := []struct {
			name, file, content, says string
		}{
			{"image is not an image", "a.md", "---\ntitle: A\nauthors: [New Person]\nimage: fake.png\n---\nBody\n", "not a JPEG"},
			{"image file missing", "b.md", "---\ntitle: B\nauthors: [New Person]\nimage: missing.png\n---\nBody\n", "missing.png"},
			{"file over the size limit", "c.md", "---\ntitle: C\n---\n" + strings.Repeat("x", ingest.MaxBodyBytes+2<<20), "larger than"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := writeFile(t, filepath.Join(dir, tt.file), []byte(tt.content))
				_, err := im.ImportFile(context.Background(), p)
				if err == nil || !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), p) {
					t.Fatalf("err = %v; want it to name %s and say %q", err, p, tt.says)
				}
				_, n, _ := st.FindArticles(context.Background(), news.ArticleFilter{})
				_, na, _ := st.FindAuthors(context.Background(), news.AuthorFilter{})
				if n != 0 || na != 0 {
					t.Fatalf("a failed import left %d articles and %d authors", n, na)
				}
			})
		}
		if entries, _ := os.ReadDir(m.Dir()); len(entries) != 0 {
			t.Errorf("failed imports left %d media files", len(entries))
		}
	})
}

func TestImportKeepsRemoteImageURLWithoutFetching(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		im, _ := importer(t, st)
		p := writeFile(t, filepath.Join(t.TempDir(), "r.md"), []byte("---\ntitle: R\nimage: https://images.example/r.jpg\n---\nBody\n"))
		res, err := im.ImportFile(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		if res.Article.Image.URL != "https://images.example/r.jpg" {
			t.Fatalf("image URL = %q", res.Article.Image.URL)
		}
	})
}
