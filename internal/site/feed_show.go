package site

import (
	"html"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/feed"
	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
)

// feedSize is how many of the latest articles the feeds carry.
const feedSize = 30

// feedKind is one of the three feed formats.
type feedKind struct {
	path        string
	contentType string
	build       func(feed.Channel, []feed.Item) ([]byte, error)
}

var (
	feedRSS  = feedKind{"/feed.xml", "application/rss+xml; charset=utf-8", feed.RSS}
	feedAtom = feedKind{"/atom.xml", "application/atom+xml; charset=utf-8", feed.Atom}
	feedJSON = feedKind{"/feed.json", "application/feed+json; charset=utf-8", feed.JSONFeed}
)

// feedHandler serves the latest public articles, with full content, in
// one format. Under a language prefix (/fr/feed.xml) it serves the latest
// articles translated into that language, in it.
func (s *Site) feedHandler(kind feedKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		st, err := s.store.Settings(ctx)
		if err != nil {
			s.failPlain(w, r, err)
			return
		}
		f := s.frameWith(r, st)
		list, err := s.feedArticles(f)
		if err != nil {
			s.failPlain(w, r, err)
			return
		}
		ch := feed.Channel{
			Title:       st.Name,
			Description: st.Tagline,
			SiteURL:     s.urls.Abs(f.link("/")),
			FeedURL:     s.urls.Abs(f.link(kind.path)),
			Language:    f.lang.Code,
			Generator:   "Byline",
		}
		licence := string(s.notice(f, st.Licence).HTML)
		items := make([]feed.Item, 0, len(list))
		var newest time.Time
		for i := range list {
			a := &list[i]
			items = append(items, s.feedItem(f, a, licence))
			newest = latest(newest, a.PublishedAt, a.UpdatedAt)
		}
		body, err := kind.build(ch, items)
		if err != nil {
			s.failPlain(w, r, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", kind.contentType)
		h.Set("Cache-Control", "public, no-cache")
		if !newest.IsZero() {
			h.Set("Last-Modified", newest.UTC().Format(http.TimeFormat))
		}
		_, _ = w.Write(body) // a failed write means the client has gone
	}
}

// feedItem is an article as the feeds carry it: the whole body followed
// by the attribution of a republished piece and the licence, so that the
// credit travels with the text.
func (s *Site) feedItem(f *frame, a *news.Article, licence string) feed.Item {
	st, loc := f.settings, f.loc
	own := s.urls.Abs(f.link(urls.Article(a.Slug)))
	var content strings.Builder
	content.WriteString(string(s.articleBody(a)))
	if a.IsRepublished() {
		content.WriteString("\n<p><em>First published by ")
		name := html.EscapeString(sourceName(a))
		if u := s.absURL(a.SourceURL); u != "" {
			content.WriteString(`<a href="` + html.EscapeString(u) + `">` + name + `</a>`)
		} else {
			content.WriteString(name)
		}
		content.WriteString(".</em></p>")
	}
	names := make([]string, 0, len(a.Authors))
	for _, au := range a.Authors {
		names = append(names, au.Name)
	}
	content.WriteString("\n<hr>\n<p>© " + a.PublishedAt.In(loc).Format("2006") + " " + html.EscapeString(copyrightHolders(names, a, st)) + "</p>")
	if licence != "" {
		content.WriteString("\n" + licence)
	}

	it := feed.Item{
		ID:          own,
		URL:         own,
		Title:       a.Title,
		Summary:     summary(a, 300),
		ContentHTML: content.String(),
		Published:   a.PublishedAt,
		Updated:     a.UpdatedAt,
		ExternalURL: s.absURL(a.SourceURL),
	}
	for _, au := range a.Authors {
		it.Authors = append(it.Authors, feed.Author{Name: au.Name, URL: s.urls.Abs(urls.Author(au.Slug))})
	}
	for _, t := range a.Tags {
		it.Tags = append(it.Tags, t.Name)
	}
	if img := s.absURL(a.Image.URL); img != "" {
		it.ImageURL, it.ImageType = img, imageType(img)
	}
	return it
}

// imageType guesses an image's MIME type from its name, "" when unsure.
func imageType(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	switch strings.ToLower(path.Ext(u)) {
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	case ".svg":
		return "image/svg+xml"
	}
	return ""
}

func latest(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}

// failPlain answers a failed feed or sitemap: no page around it, since
// feed readers and crawlers read none.
func (s *Site) failPlain(w http.ResponseWriter, r *http.Request, err error) {
	s.logger.Error("serving a document", "path", r.URL.Path, "err", err)
	status := httperr.Status(err)
	if status < 500 {
		// Whatever went wrong, the request itself was fine.
		status = http.StatusInternalServerError
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, "The document could not be built just now; please try again.", status)
}

// feedArticles are the articles of the frame's feed: the latest public
// ones, or under a translation language the latest written in it or
// translated into it, shown in it.
func (s *Site) feedArticles(f *frame) ([]news.Article, error) {
	if f.lang.Code == s.langs.Source.Code {
		list, _, err := s.store.FindArticles(f.ctx, news.ArticleFilter{PublicAt: f.now, Limit: feedSize})
		return list, err
	}
	// Translations are of recent articles mostly: look a few feeds deep.
	list, _, err := s.store.FindArticles(f.ctx, news.ArticleFilter{PublicAt: f.now, Limit: 4 * feedSize})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	trs, err := s.store.ArticleTranslationsIn(f.ctx, f.lang.Code, ids)
	if err != nil {
		return nil, err
	}
	out := make([]news.Article, 0, feedSize)
	for i := range list {
		if len(out) == feedSize {
			break
		}
		if list[i].Language == f.lang.Code {
			// Written in the language: the original belongs here.
			out = append(out, list[i])
		} else if tr, ok := trs[list[i].ID]; ok {
			out = append(out, *translated(&list[i], &tr))
		}
	}
	return out, nil
}
