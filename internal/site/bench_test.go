package site

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/urls"
)

// benchSite is a site on a SQLite store holding one long article, the
// size of a typical news piece (about 1,200 words).
func benchSite(b *testing.B) *Site {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, b.TempDir(), "", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	r := render.New()
	if err := st.SaveSettings(ctx, testSettings()); err != nil {
		b.Fatal(err)
	}
	au := news.Author{Slug: "jane-doe", Name: "Jane Doe", Kind: news.KindPerson}
	if err := st.CreateAuthor(ctx, &au); err != nil {
		b.Fatal(err)
	}
	var md strings.Builder
	for i := range 30 {
		md.WriteString("The delegations met again on Monday, and the envoy said that *talks* would go on “as long as it takes”. ")
		md.WriteString("Observers from several countries followed the [session](https://example.org/session) closely.\n\n")
		if i%10 == 9 {
			md.WriteString("## A section heading\n\n> A quoted remark from one of the delegates.\n\n")
		}
	}
	body, err := r.Markdown(md.String())
	if err != nil {
		b.Fatal(err)
	}
	a := news.Article{
		Slug: "talks-resume", Title: "Talks resume in Geneva", Subtitle: "Delegations meet again",
		Language: "en", Format: news.FormatMarkdown, Body: md.String(), BodyHTML: body,
		Status: news.StatusPublished, PublishedAt: time.Now().Add(-time.Hour),
		Image:   news.Image{URL: "/media/geneva.jpg", Caption: "The palace of nations.", Credit: "Mil.ru", Width: 1600, Height: 900},
		Authors: []news.Author{{ID: au.ID}},
	}
	if err := st.CreateArticle(ctx, &a, "bench"); err != nil {
		b.Fatal(err)
	}
	ub, err := urls.New(testBase, "en")
	if err != nil {
		b.Fatal(err)
	}
	s, err := New(Config{URLs: ub, Languages: i18n.Default()}, st, r)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// discard is a ResponseWriter that keeps nothing, so the benchmarks
// measure the site rather than a recorder's buffer.
type discard struct {
	h      http.Header
	status int
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) WriteHeader(status int)      { d.status = status }
func (d *discard) Write(p []byte) (int, error) { return io.Discard.Write(p) }

func benchServe(b *testing.B, h http.Handler, req *http.Request, want int) {
	b.Helper()
	w := &discard{h: http.Header{}, status: 200}
	h.ServeHTTP(w, req)
	if w.status != want {
		b.Fatalf("status %d, want %d", w.status, want)
	}
}

func BenchmarkArticlePage(b *testing.B) {
	s := benchSite(b)
	h := s.Handler()
	plain := httptest.NewRequest(http.MethodGet, "/articles/talks-resume", nil)
	gz := httptest.NewRequest(http.MethodGet, "/articles/talks-resume", nil)
	gz.Header.Set("Accept-Encoding", "gzip, deflate, br")
	browser := gz.Clone(context.Background())
	browser.Header.Set("Accept-Language", "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7")

	b.Run("cached-gzip", func(b *testing.B) {
		benchServe(b, h, gz, 200)
		b.ReportAllocs()
		for b.Loop() {
			benchServe(b, h, gz, 200)
		}
	})
	b.Run("cached-gzip-accept-language", func(b *testing.B) {
		// A browser's request: the suggestion variant is looked up.
		benchServe(b, h, browser, 200)
		b.ReportAllocs()
		for b.Loop() {
			benchServe(b, h, browser, 200)
		}
	})
	b.Run("cached-identity", func(b *testing.B) {
		benchServe(b, h, plain, 200)
		b.ReportAllocs()
		for b.Loop() {
			benchServe(b, h, plain, 200)
		}
	})
	b.Run("cached-304", func(b *testing.B) {
		w := &discard{h: http.Header{}}
		h.ServeHTTP(w, plain)
		cond := plain.Clone(context.Background())
		cond.Header.Set("If-None-Match", w.h.Get("ETag"))
		b.ReportAllocs()
		for b.Loop() {
			benchServe(b, h, cond, http.StatusNotModified)
		}
	})
	b.Run("uncached", func(b *testing.B) {
		// Store reads, rendering, hashing and compressing: what the
		// first request after a change costs.
		b.ReportAllocs()
		for b.Loop() {
			s.cache.purge()
			benchServe(b, h, gz, 200)
		}
	})
}
