package site

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/feed"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
)

// sitemapChunk is how many articles one sitemap file lists (Site keeps it
// in a field so tests can make it small). Every URL carries an alternate
// for each language (53 with x-default), about 5 KB, so a thousand keep a
// file near 5 MB, well inside the 50 MB limit.
const sitemapChunk = 1000

// batch is how many articles one store query reads when walking them all.
const batch = 200

// showSitemap lists every public page. A site with more articles than one
// file holds gets a sitemap index instead, pointing at /sitemaps/pages.xml
// and /sitemaps/articles-N.xml.
func (s *Site) showSitemap(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	now := s.now()
	_, total, err := s.store.FindArticles(ctx, news.ArticleFilter{PublicAt: now, Limit: 1})
	if err != nil {
		s.failPlain(w, r, err)
		return
	}
	if total > s.sitemapChunk {
		locs := []string{s.urls.Abs("/sitemaps/pages.xml")}
		for n := 1; n <= (total+s.sitemapChunk-1)/s.sitemapChunk; n++ {
			locs = append(locs, s.urls.Abs("/sitemaps/articles-"+strconv.Itoa(n)+".xml"))
		}
		body, err := feed.SitemapIndex(locs, time.Time{})
		s.writeXML(w, r, body, err)
		return
	}
	list, err := s.sitemapPages(ctx, now)
	if err != nil {
		s.failPlain(w, r, err)
		return
	}
	articles, err := s.sitemapArticles(ctx, now, 0, total)
	if err != nil {
		s.failPlain(w, r, err)
		return
	}
	body, err := feed.Sitemap(append(list, articles...))
	s.writeXML(w, r, body, err)
}

// showSitemapPart serves one file of a large site's sitemap index.
func (s *Site) showSitemapPart(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	now := s.now()
	file := r.PathValue("file")
	var (
		list []feed.URL
		err  error
	)
	switch {
	case file == "pages.xml":
		list, err = s.sitemapPages(ctx, now)
	case strings.HasPrefix(file, "articles-") && strings.HasSuffix(file, ".xml"):
		numStr := strings.TrimSuffix(strings.TrimPrefix(file, "articles-"), ".xml")
		n, convErr := strconv.Atoi(numStr)
		if convErr != nil || n < 1 || !digits(numStr) || numStr[0] == '0' {
			http.NotFound(w, r)
			return
		}
		list, err = s.sitemapArticles(ctx, now, (n-1)*s.sitemapChunk, s.sitemapChunk)
		if err == nil && len(list) == 0 {
			http.NotFound(w, r)
			return
		}
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.failPlain(w, r, err)
		return
	}
	body, err := feed.Sitemap(list)
	s.writeXML(w, r, body, err)
}

func (s *Site) writeXML(w http.ResponseWriter, r *http.Request, body []byte, err error) {
	if err != nil {
		s.failPlain(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/xml; charset=utf-8")
	h.Set("Cache-Control", "public, no-cache")
	_, _ = w.Write(body) // a failed write means the client has gone
}

// sitemapURL is the entry of a source-language path with its language
// versions.
func (s *Site) sitemapURL(path string, lastMod time.Time) feed.URL {
	all := s.langs.All()
	alts := make([]feed.Alternate, 0, len(all)+1)
	for _, l := range all {
		alts = append(alts, feed.Alternate{Hreflang: l.Code, Href: s.urls.Abs(s.urls.Localize(l.Code, path))})
	}
	alts = append(alts, feed.Alternate{Hreflang: "x-default", Href: s.urls.Abs(path)})
	return feed.URL{Loc: s.urls.Abs(path), LastMod: lastMod, Alternates: alts}
}

// sitemapArticles lists up to limit public articles from offset, newest
// first.
func (s *Site) sitemapArticles(ctx context.Context, now time.Time, offset, limit int) ([]feed.URL, error) {
	var out []feed.URL
	for len(out) < limit {
		list, _, err := s.store.FindArticles(ctx, news.ArticleFilter{
			PublicAt: now, Offset: offset + len(out), Limit: min(batch, limit-len(out)),
		})
		if err != nil {
			return nil, err
		}
		ids := make([]int64, len(list))
		for i := range list {
			ids[i] = list[i].ID
		}
		have, err := s.store.TranslationLanguages(ctx, ids)
		if err != nil {
			return nil, err
		}
		for i := range list {
			a := &list[i]
			u := s.sitemapURL(urls.Article(a.Slug), latest(a.PublishedAt, a.UpdatedAt))
			// An article exists in its own language and its translations;
			// the other language versions are noindex until translated.
			alts := u.Alternates[:0]
			for _, alt := range u.Alternates {
				if alt.Hreflang == "x-default" || alt.Hreflang == a.Language || slices.Contains(have[a.ID], alt.Hreflang) {
					alts = append(alts, alt)
				}
			}
			u.Alternates = alts
			out = append(out, u)
		}
		if len(list) < batch {
			break
		}
	}
	return out, nil
}

// sitemapPages lists the pages other than articles: home, archive, the
// months, and the authors and tags that have public articles.
func (s *Site) sitemapPages(ctx context.Context, now time.Time) ([]feed.URL, error) {
	newest, _, err := s.store.FindArticles(ctx, news.ArticleFilter{PublicAt: now, Limit: 1})
	if err != nil {
		return nil, err
	}
	var homeMod time.Time
	if len(newest) > 0 {
		homeMod = latest(newest[0].PublishedAt, newest[0].UpdatedAt)
	}
	out := []feed.URL{
		s.sitemapURL("/", homeMod),
		s.sitemapURL("/archive", homeMod),
		s.sitemapURL("/newsletter", time.Time{}),
		s.sitemapURL("/contact", time.Time{}),
	}
	months, err := s.store.ArticleMonths(ctx, now)
	if err != nil {
		return nil, err
	}
	for _, m := range months {
		out = append(out, s.sitemapURL(urls.Month(m.Year, m.Month), time.Time{}))
	}

	// lastOf returns the newest public article matching f, if any.
	lastOf := func(f news.ArticleFilter) (time.Time, bool, error) {
		f.PublicAt, f.Limit = now, 1
		list, _, err := s.store.FindArticles(ctx, f)
		if err != nil || len(list) == 0 {
			return time.Time{}, false, err
		}
		return latest(list[0].PublishedAt, list[0].UpdatedAt), true, nil
	}
	for offset := 0; ; offset += batch {
		authors, _, err := s.store.FindAuthors(ctx, news.AuthorFilter{Offset: offset, Limit: batch})
		if err != nil {
			return nil, err
		}
		for _, au := range authors {
			mod, ok, err := lastOf(news.ArticleFilter{AuthorID: au.ID})
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, s.sitemapURL(urls.Author(au.Slug), mod))
			}
		}
		if len(authors) < batch {
			break
		}
	}
	tags, err := s.store.Tags(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		mod, ok, err := lastOf(news.ArticleFilter{TagID: t.ID})
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, s.sitemapURL(urls.Tag(t.Slug), mod))
		}
	}
	return out, nil
}
