package site

import (
	"bytes"
	"image"
	"image/jpeg"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/media"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/testutil"
)

func TestArticleFeaturedImageSrcset(t *testing.T) {
	fx := newFixture(t, testutil.NewSQLiteStore(t))
	lib, err := media.NewLocal(fx.site.mediaDir)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 1200, 600)), nil); err != nil {
		t.Fatal(err)
	}
	stored, err := lib.PutImage(buf.Bytes(), "test image")
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(stored.URL, ".jpg")
	mk := func(slug, url string) {
		fx.createArticle(news.Article{
			Slug: slug, Title: "Pictured " + slug, Body: "Text.", Status: news.StatusPublished,
			PublishedAt: fx.now.Add(-time.Hour), Authors: []news.Author{{ID: fx.person.ID}},
			// No size recorded: the page reads it from the file.
			Image: news.Image{URL: url, Alt: "A grey field"},
		})
	}
	mk("stored-image", stored.URL)
	mk("remote-image", "https://img.example/photo.jpg")

	tests := []struct {
		name    string
		path    string
		want    []string
		notWant []string
	}{
		{
			name: "stored image offers its sizes and WebP",
			path: "/articles/stored-image",
			want: []string{
				`srcset="` + base + `-480.jpg 480w, ` + base + `-960.jpg 960w, ` + stored.URL + ` 1200w"`,
				`<source type="image/webp" srcset="` + base + `-480.webp 480w, ` + base + `-960.webp 960w, ` + base + `-1200.webp 1200w"`,
				`sizes="(min-width: 50rem) 48rem, 100vw"`,
				`width="1200" height="600"`,
				`<picture>`,
			},
		},
		{
			name: "cards offer the sizes too",
			path: "/",
			want: []string{
				`srcset="` + base + `-480.jpg 480w, ` + base + `-960.jpg 960w, ` + stored.URL + ` 1200w" sizes="(min-width: 40rem) 36rem, 100vw"`,
				`<picture><source type="image/webp" srcset="` + base + `-480.webp 480w`,
			},
		},
		{
			name:    "remote image is left alone",
			path:    "/articles/remote-image",
			want:    []string{`<img src="https://img.example/photo.jpg" alt="A grey field" decoding="async">`},
			notWant: []string{"srcset", "<picture>"},
		},
		{
			name:    "media URL without variants is left alone",
			path:    "/articles/talks-resume",
			want:    []string{`<img src="/media/geneva.jpg" alt="The palace of nations" width="1600" height="900"`},
			notWant: []string{"srcset", "<picture>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, _ := fx.page(tt.path, 200)
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %s", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(body, w) {
					t.Errorf("page has %s", w)
				}
			}
		})
	}
}
