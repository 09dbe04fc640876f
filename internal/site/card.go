package site

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/urls"
	"github.com/byline-news/byline/internal/view"
)

// cards turns articles into list entries.
// Articles translated into the frame's language are shown in it.
func (s *Site) cards(f *frame, list []news.Article) []view.ArticleCard {
	list = s.articlesIn(f.ctx, f, list)
	out := make([]view.ArticleCard, 0, len(list))
	for i := range list {
		out = append(out, s.card(f, &list[i]))
	}
	return out
}

func (s *Site) card(f *frame, a *news.Article) view.ArticleCard {
	lang, dir := s.contentLanguage(a.Language)
	c := view.ArticleCard{
		Lang:      lang,
		Dir:       dir,
		URL:       f.link(urls.Article(a.Slug)),
		Title:     a.Title,
		Summary:   cardSummary(a),
		Published: f.date(a.PublishedAt),
		Image:     s.withSrcset(figure(a.Image, a.Title), cardImageSizes),
	}
	for i, au := range a.Authors {
		c.Byline = append(c.Byline, view.AuthorLink{Name: au.Name, URL: f.link(urls.Author(au.Slug)), Sep: f.bylineSep(i, len(a.Authors))})
	}
	if a.IsRepublished() {
		c.SourceName = sourceName(a)
	}
	return c
}

// contentLanguage returns the code and direction of text written in
// code; text of an unknown language is marked as the source language.
func (s *Site) contentLanguage(code string) (string, string) {
	if l, ok := s.langs.Lookup(code); ok {
		return l.Code, l.Dir
	}
	if code != "" {
		return code, "auto"
	}
	return s.langs.Source.Code, s.langs.Source.Dir
}

// cardSummary is the line under a title in a list: the summary written
// for lists, else the subtitle, else the start of the body.
func cardSummary(a *news.Article) string {
	if a.Summary == "" && a.Subtitle != "" {
		return a.Subtitle
	}
	return summary(a, 240)
}

// summary is the article's summary, or the start of its body.
func summary(a *news.Article, n int) string {
	if a.Summary != "" {
		return a.Summary
	}
	return render.Summary(a.BodyHTML, n)
}

// bylineSep is the text before the i-th of n names in a list in the
// original's language: "", ", " or " and ". It joins names in text that
// goes with the article, such as its copyright line.
func bylineSep(i, n int) string {
	switch {
	case i == 0:
		return ""
	case i == n-1:
		return " and "
	}
	return ", "
}

// bylineSep is the text before the i-th of n names in a byline shown in
// the page's language: "", ", " or " and " in English.
func (f *frame) bylineSep(i, n int) string {
	switch {
	case i == 0:
		return ""
	case i == n-1:
		return f.l.T("list.last_separator")
	}
	return f.l.T("list.separator")
}

// joinNames joins names as a byline reads in the original's language:
// "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	var b strings.Builder
	for i, n := range names {
		b.WriteString(bylineSep(i, len(names)))
		b.WriteString(n)
	}
	return b.String()
}

// sourceName is the name of the publication a republished article comes
// from: the name the editor gave, or else the host of its address.
func sourceName(a *news.Article) string {
	if a.SourceName != "" {
		return a.SourceName
	}
	if u, err := url.Parse(a.SourceURL); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Host, "www.")
	}
	return a.SourceURL
}

// figure returns the image as shown, or nil when it has no usable URL.
func figure(img news.Image, fallbackAlt string) *view.Figure {
	u := safeURL(img.URL)
	if u == "" {
		return nil
	}
	alt := img.Alt
	if alt == "" {
		alt = img.Caption
	}
	if alt == "" {
		alt = fallbackAlt
	}
	fig := &view.Figure{URL: u, Alt: alt, Caption: img.Caption, Credit: creditLine(img.Credit)}
	if img.Width > 0 && img.Height > 0 {
		fig.Width, fig.Height = img.Width, img.Height
	}
	return fig
}

// labelledCredit matches a credit that names its own kind: "Photo: …",
// "Illustration: …", "Image courtesy of: …", in any script and with the
// colon of any language ("写真：…", "Foto : …").
var labelledCredit = regexp.MustCompile(`^\p{L}[\p{L}\p{M} ]{0,30}\s?[:：]`)

// creditLine is the credit as shown under an image: "Photo: AP", unless
// the editor already wrote what kind of image it is.
func creditLine(credit string) string {
	credit = strings.TrimSpace(credit)
	if credit == "" || labelledCredit.MatchString(credit) {
		return credit
	}
	return "Photo: " + credit
}

// dateTime is a moment with its time of day, in the site's time zone,
// written the page language's way.
func (f *frame) dateTime(t time.Time) view.Date {
	if t.IsZero() {
		return view.Date{}
	}
	t = t.In(f.loc)
	return view.Date{ISO: t.Format(time.RFC3339), Text: f.l.DateTime(t)}
}

// date is a day, in the site's time zone, written the page language's
// way.
func (f *frame) date(t time.Time) view.Date {
	if t.IsZero() {
		return view.Date{}
	}
	t = t.In(f.loc)
	return view.Date{ISO: t.Format(time.RFC3339), Text: f.l.Date(t)}
}
