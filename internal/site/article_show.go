package site

import (
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
	"github.com/byline-news/byline/internal/view"
)

// showArticle is the article page. Drafts, scheduled articles and
// articles whose publication time has not come are not found.
func (s *Site) showArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.store.ArticleBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !a.IsPublic(f.now) {
		s.notFound(w, r)
		return
	}
	shown, tr := s.articleIn(r.Context(), f, &a)
	p := s.articlePage(f, shown)
	s.translationState(f, p, &a, tr)
	s.renderPage(w, r, http.StatusOK, view.PageArticle, p)
}

// translationState marks an article page shown in a language other than
// the article's: a translation says so (and whether a machine made it);
// the original shown for want of one says so too, points search engines
// to the original and stays out of their index. Only the languages the
// article exists in are offered to search engines as alternates.
func (s *Site) translationState(f *frame, p *view.Page, a *news.Article, tr *news.Translation) {
	path := urls.Article(a.Slug)
	// The unprefixed address is every article's own, whatever language it
	// is written in; only the language versions can lack a translation.
	if f.lang.Code != a.Language && f.lang.Code != s.langs.Source.Code {
		if tr == nil {
			p.Untranslated = &view.Untranslated{SourceLang: a.Language, OriginalURL: path}
			p.NoIndex = true
			if a.CanonicalURL == "" {
				p.CanonicalURL = s.urls.Abs(path)
				p.OpenGraph.URL = p.CanonicalURL
			}
		} else {
			p.Article.Translated = true
			if tr.Status != news.TranslationReviewed {
				p.Machine = &view.Untranslated{SourceLang: a.Language, OriginalURL: path}
			}
		}
	}
	have := map[string]bool{a.Language: true}
	langs, err := s.store.TranslationLanguages(f.ctx, []int64{a.ID})
	if err != nil {
		s.logger.Warn("listing an article's translations", "article", a.ID, "err", err)
	}
	for _, l := range langs[a.ID] {
		have[l] = true
	}
	alts := p.Alternates[:0]
	for _, alt := range p.Alternates {
		if have[alt.Hreflang] || alt.Hreflang == "x-default" {
			alts = append(alts, alt)
		}
	}
	p.Alternates = alts
	locales := p.OpenGraph.LocaleAlternates[:0]
	for _, l := range s.langs.All() {
		if have[l.Code] && l.Code != f.lang.Code {
			locales = append(locales, ogLocale(l.Code))
		}
	}
	p.OpenGraph.LocaleAlternates = locales
}

// articlePage builds the page of a public article.
func (s *Site) articlePage(f *frame, a *news.Article) *view.Page {
	st := f.settings
	path := urls.Article(a.Slug)
	p := s.newPage(f, path, pageTitle(a.Title, st))
	own := s.urls.Abs(path)
	if c := s.absURL(a.CanonicalURL); c != "" {
		p.CanonicalURL = c
	}
	desc := summary(a, 200)
	if desc != "" {
		p.Description = desc
	}

	lang, dir := s.contentLanguage(a.Language)
	art := &view.ArticlePage{
		Lang:           lang,
		Dir:            dir,
		Title:          a.Title,
		Subtitle:       a.Subtitle,
		URL:            s.urls.Abs(f.link(path)),
		Published:      f.dateTime(a.PublishedAt),
		Image:          s.withSrcset(figure(a.Image, a.Title), articleImageSizes),
		SiteNoteBefore: s.notice(f, st.NoteBefore),
		NoteBefore:     s.articleNote(a.NoteBeforeHTML, a.NoteBefore),
		Body:           s.articleBody(a),
		NoteAfter:      s.articleNote(a.NoteAfterHTML, a.NoteAfter),
		SiteNoteAfter:  s.notice(f, st.NoteAfter),
		Licence:        s.notice(f, st.Licence),
	}
	// Saving an article moves UpdatedAt; a change within minutes of
	// publication is part of publishing, not an update worth announcing.
	if a.UpdatedAt.Sub(a.PublishedAt) > 10*time.Minute {
		art.Updated = f.dateTime(a.UpdatedAt)
	}
	names := make([]string, 0, len(a.Authors))
	for i, au := range a.Authors {
		art.Byline = append(art.Byline, view.AuthorLink{
			Name: au.Name, URL: f.link(urls.Author(au.Slug)), Sep: f.bylineSep(i, len(a.Authors)),
		})
		names = append(names, au.Name)
		p.OpenGraph.Authors = append(p.OpenGraph.Authors, s.urls.Abs(urls.Author(au.Slug)))
	}
	for _, t := range a.Tags {
		name, _ := s.siteText(f.ctx, f.lang.Code, t.Name, false)
		art.Tags = append(art.Tags, view.TagLink{Name: name, URL: f.link(urls.Tag(t.Slug))})
		p.OpenGraph.Tags = append(p.OpenGraph.Tags, t.Name)
	}
	if a.IsRepublished() {
		art.Source = &view.Source{Name: sourceName(a), URL: safeURL(a.SourceURL)}
	}
	holders := copyrightHolders(names, a, st)
	year := a.PublishedAt.In(f.loc).Year()
	art.Copyright = "© " + strconv.Itoa(year) + " " + holders
	art.Republish = republishSnippet(a, names, own, st.Name, art.Copyright)
	art.Share = shareLinks(f.l, art.URL, a.Title)

	p.OpenGraph.Type = "article"
	p.OpenGraph.Title = a.Title
	p.OpenGraph.Description = desc
	p.OpenGraph.URL = p.CanonicalURL
	p.OpenGraph.Published = a.PublishedAt.UTC().Format(time.RFC3339)
	p.OpenGraph.Modified = a.UpdatedAt.UTC().Format(time.RFC3339)
	if art.Image != nil {
		p.OpenGraph.ImageURL = s.absURL(art.Image.URL)
		p.OpenGraph.ImageAlt = art.Image.Alt
	}
	art.StructuredData = s.structuredData(a, st, own, p)
	p.Article = art
	return p
}

// structuredData describes the article for search engines as a
// schema.org NewsArticle; authors are a Person or an Organization.
func (s *Site) structuredData(a *news.Article, st news.Settings, own string, p *view.Page) map[string]any {
	authors := make([]map[string]any, 0, len(a.Authors))
	for _, au := range a.Authors {
		kind := "Person"
		if au.Kind == news.KindOrganization {
			kind = "Organization"
		}
		authors = append(authors, map[string]any{"@type": kind, "name": au.Name, "url": s.urls.Abs(urls.Author(au.Slug))})
	}
	publisher := map[string]any{"@type": "Organization", "name": st.Name, "url": s.urls.Abs("/")}
	if logo := s.absURL(st.LogoURL); logo != "" {
		publisher["logo"] = map[string]any{"@type": "ImageObject", "url": logo}
	}
	data := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         a.Title,
		"url":              own,
		"mainEntityOfPage": p.CanonicalURL,
		"datePublished":    a.PublishedAt.UTC().Format(time.RFC3339),
		"dateModified":     latest(a.PublishedAt, a.UpdatedAt).UTC().Format(time.RFC3339),
		"author":           authors,
		"publisher":        publisher,
	}
	if a.Language != "" {
		data["inLanguage"] = a.Language
	}
	if p.Description != "" {
		data["description"] = p.Description
	}
	if p.OpenGraph.ImageURL != "" {
		data["image"] = []string{p.OpenGraph.ImageURL}
	}
	if u := s.absURL(a.SourceURL); u != "" && a.IsRepublished() {
		data["isBasedOn"] = u
	}
	return data
}

// articleBody is the sanitized body. Stores hold it rendered; an article
// written without (by an older import, say) is rendered here.
func (s *Site) articleBody(a *news.Article) template.HTML {
	if a.BodyHTML != "" || a.Body == "" {
		return template.HTML(a.BodyHTML) // sanitized when saved, see news.Article
	}
	out, err := s.render.Body(a.Format, a.Body)
	if err != nil {
		s.logger.Error("rendering an article body", "article", a.ID, "err", err)
		return ""
	}
	return template.HTML(out) // sanitized by render.Body
}

// articleNote is a note's sanitized HTML, rendered from its Markdown when
// the stored rendering is missing.
func (s *Site) articleNote(htmlNote, markdown string) template.HTML {
	if htmlNote != "" || markdown == "" {
		return template.HTML(htmlNote) // sanitized when saved, see news.Article
	}
	out, err := s.render.Markdown(markdown)
	if err != nil {
		s.logger.Error("rendering an article note", "err", err)
		return ""
	}
	return template.HTML(out) // sanitized by render.Markdown
}

// copyrightHolders names who holds the copyright: the authors and, for a
// republished piece, the publication it comes from; the site when the
// article names neither.
func copyrightHolders(names []string, a *news.Article, st news.Settings) string {
	holders := joinNames(names)
	if a.IsRepublished() {
		src := sourceName(a)
		switch {
		case holders == "":
			holders = src
		case !strings.EqualFold(holders, src):
			holders += ", " + src
		}
	}
	if holders == "" {
		holders = st.Name
	}
	return holders
}

// republishSnippet is the HTML another site pastes under the article when
// it cross-posts it: the title linked to the article here, the byline, who
// published it first with a link to the original, and the copyright.
func republishSnippet(a *news.Article, names []string, own, siteName, copyright string) string {
	esc := html.EscapeString
	var b strings.Builder
	b.WriteString(`<p><a href="` + esc(own) + `">` + esc(a.Title) + `</a>`)
	if len(names) > 0 {
		b.WriteString(", by " + esc(joinNames(names)) + ",")
	}
	if a.IsRepublished() {
		b.WriteString(" was first published by ")
		if u := safeURL(a.SourceURL); u != "" && !strings.HasPrefix(u, "/") {
			b.WriteString(`<a href="` + esc(u) + `">` + esc(sourceName(a)) + `</a>`)
		} else {
			b.WriteString(esc(sourceName(a)))
		}
		b.WriteString(` and republished by <a href="` + esc(own) + `">` + esc(siteName) + `</a>.`)
	} else {
		b.WriteString(` was first published by <a href="` + esc(own) + `">` + esc(siteName) + `</a>.`)
	}
	b.WriteString(" " + esc(copyright) + ".</p>")
	return b.String()
}

// shareLinks are the share buttons: plain links to each network's share
// page, so no third-party script runs on ours.
func shareLinks(loc *i18n.Localizer, pageURL, title string) []view.ShareLink {
	u, t := url.QueryEscape(pageURL), url.QueryEscape(title)
	both := url.QueryEscape(title + " " + pageURL)
	// mailto: wants %20 for spaces (RFC 6068); "+" would be shown as is.
	mail := func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
	links := []struct{ network, href string }{
		{"facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u},
		{"x", "https://x.com/intent/post?url=" + u + "&text=" + t},
		{"bluesky", "https://bsky.app/intent/compose?text=" + both},
		{"telegram", "https://t.me/share/url?url=" + u + "&text=" + t},
		{"whatsapp", "https://wa.me/?text=" + both},
		{"reddit", "https://www.reddit.com/submit?url=" + u + "&title=" + t},
		{"linkedin", "https://www.linkedin.com/sharing/share-offsite/?url=" + u},
		{"email", "mailto:?subject=" + mail(title) + "&body=" + mail(pageURL)},
	}
	out := make([]view.ShareLink, 0, len(links))
	for _, l := range links {
		label := loc.T("share.on_network", "Network", view.NetworkName(l.network))
		if l.network == "email" {
			label = loc.T("share.by_email")
		}
		out = append(out, view.ShareLink{Network: l.network, Label: label, URL: l.href})
	}
	return out
}
