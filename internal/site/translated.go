package site

import (
	"context"
	"html/template"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/translation"
	"github.com/byline-news/byline/internal/view"
)

// Translator is what the site needs of internal/translation: which
// languages engines translate, and the memory for site texts.
type Translator interface {
	// Translatable reports whether an engine of this site translates
	// lang, eagerly or on request.
	Translatable(ctx context.Context, lang string) bool
	// OnRequest reports whether a reader's visit should queue lang.
	OnRequest(ctx context.Context, lang string) bool
	// LookupText returns a site text's translation from the memory.
	LookupText(ctx context.Context, srcLang, dst, text string, html bool) (string, bool)
}

// TranslationQueue queues translation work; internal/queue's Queue.
type TranslationQueue interface {
	QueueTranslation(ctx context.Context, articleID int64, lang, digest string) error
	QueueSiteTexts(ctx context.Context, lang string) error
}

// articleIn returns the article as readers of the frame's language see
// it: the stored translation's text over the original's when there is a
// current one (or an outdated one no engine can renew), with the
// translation; otherwise the original and nil. A missing or outdated
// translation is queued when the language is translated on request.
func (s *Site) articleIn(ctx context.Context, f *frame, a *news.Article) (*news.Article, *news.Translation) {
	if f.lang.Code == s.langs.Source.Code || f.lang.Code == a.Language {
		return a, nil
	}
	tr, err := s.store.ArticleTranslation(ctx, a.ID, f.lang.Code)
	if err != nil && !news.IsNotFound(err) {
		s.logger.Warn("loading a translation; showing the original", "article", a.ID, "lang", f.lang.Code, "err", err)
		return a, nil
	}
	found := err == nil
	src, err := translation.Split(*a)
	if err != nil {
		s.logger.Warn("splitting an article for its translation status", "article", a.ID, "err", err)
		return a, nil
	}
	fresh := found && tr.SourceDigest == src.Digest
	renewable := s.translator != nil && s.translator.Translatable(ctx, f.lang.Code)
	if !fresh && renewable && s.queue != nil && s.translator.OnRequest(ctx, f.lang.Code) {
		if err := s.queue.QueueTranslation(ctx, a.ID, f.lang.Code, src.Digest); err != nil {
			s.logger.Warn("queueing a translation", "article", a.ID, "lang", f.lang.Code, "err", err)
		}
	}
	if !found || (!fresh && renewable) {
		return a, nil
	}
	return translated(a, &tr), &tr
}

// translated is a copy of a with the translation's text.
func translated(a *news.Article, tr *news.Translation) *news.Article {
	t := *a
	t.Language = tr.Lang
	t.Title = tr.Title
	t.Subtitle = tr.Subtitle
	t.Summary = tr.Summary
	t.BodyHTML = tr.BodyHTML
	t.Image.Alt = tr.ImageAlt
	t.Image.Caption = tr.ImageCaption
	t.Image.Credit = tr.ImageCredit
	t.NoteBeforeHTML = tr.NoteBeforeHTML
	t.NoteAfterHTML = tr.NoteAfterHTML
	return &t
}

// articlesIn returns list with each article that has a translation into
// the frame's language shown in it (for cards: title, summary, image).
func (s *Site) articlesIn(ctx context.Context, f *frame, list []news.Article) []news.Article {
	if f.lang.Code == s.langs.Source.Code || len(list) == 0 {
		return list
	}
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	trs, err := s.store.ArticleTranslationsIn(ctx, f.lang.Code, ids)
	if err != nil {
		s.logger.Warn("loading translations for a list; showing the originals", "lang", f.lang.Code, "err", err)
		return list
	}
	if len(trs) == 0 {
		return list
	}
	out := make([]news.Article, len(list))
	for i := range list {
		out[i] = list[i]
		if tr, ok := trs[list[i].ID]; ok {
			out[i] = *translated(&list[i], &tr)
		}
	}
	return out
}

// siteText returns a site text (a rendered notice when html is set, a
// tag name or an author bio otherwise) in lang from the translation
// memory, with the language it is in. A text the memory lacks is shown
// in the original, and its translation is queued when an engine can do
// it.
func (s *Site) siteText(ctx context.Context, lang, text string, html bool) (string, string) {
	src := s.langs.Source.Code
	if lang == src || text == "" || s.translator == nil {
		return text, src
	}
	if out, ok := s.translator.LookupText(ctx, src, lang, text, html); ok {
		return out, lang
	}
	if s.queue != nil && s.translator.Translatable(ctx, lang) {
		if err := s.queue.QueueSiteTexts(ctx, lang); err != nil {
			s.logger.Warn("queueing the site texts' translation", "lang", lang, "err", err)
		}
	}
	return text, src
}

// notice is a settings notice rendered and, where the memory has it,
// translated; otherwise marked with the original's language.
func (s *Site) notice(f *frame, markdown string) view.Text {
	h := s.markdown(markdown)
	if h == "" {
		return view.Text{}
	}
	out, lang := s.siteText(f.ctx, f.lang.Code, string(h), true)
	t := view.Text{HTML: template.HTML(out)} // sanitized: render.Markdown or the memory's assembly
	if lang != f.lang.Code {
		t.Lang, t.Dir = s.contentLanguage(lang)
	}
	return t
}
