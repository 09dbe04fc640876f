package translation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/byline-news/byline/internal/news"
)

// Task is one article to translate into one language. Digest is the
// source's digest when the task was made, so that a queue can tell a
// task for an edited article from one already done.
type Task struct {
	ArticleID int64
	Lang      string
	Digest    string
}

// routable reports whether lang's route in st names an engine this
// site has, in a mode that asks engines at all.
func (s *Service) routable(st news.Settings, lang string, mode string) bool {
	if s.router == nil {
		return false
	}
	r := st.Translation.Route(lang)
	if r.Mode != mode {
		return false
	}
	for _, p := range r.Providers {
		if s.engines[p] {
			return true
		}
	}
	return false
}

// EagerWork lists the translations eager languages still need: for the
// limit most recently updated public articles, each eager language whose
// translation is missing or stale. Without engines there is none.
func (s *Service) EagerWork(ctx context.Context, limit int) ([]Task, error) {
	if s.router == nil || len(s.engines) == 0 {
		return nil, nil
	}
	eager, err := s.EagerLanguages(ctx)
	if err != nil {
		return nil, err
	}
	if len(eager) == 0 {
		return nil, nil
	}
	articles, _, err := s.store.FindArticles(ctx, news.ArticleFilter{PublicAt: s.now(), Order: "updated_desc", Limit: limit})
	if err != nil {
		return nil, err
	}
	var tasks []Task
	for _, a := range articles {
		t, err := s.articleTasks(ctx, a, eager)
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, t...)
	}
	return tasks, nil
}

// EagerTasksFor lists the translations eager languages need of one
// article: the languages where its translation is missing or stale. An
// article readers cannot see needs none.
func (s *Service) EagerTasksFor(ctx context.Context, articleID int64) ([]Task, error) {
	if s.router == nil || len(s.engines) == 0 {
		return nil, nil
	}
	eager, err := s.EagerLanguages(ctx)
	if err != nil || len(eager) == 0 {
		return nil, err
	}
	a, err := s.store.Article(ctx, articleID)
	if err != nil {
		return nil, err
	}
	if !a.IsPublic(s.now()) {
		return nil, nil
	}
	return s.articleTasks(ctx, a, eager)
}

// articleTasks lists the languages among langs where a's translation is
// missing or stale.
func (s *Service) articleTasks(ctx context.Context, a news.Article, langs []string) ([]Task, error) {
	src, err := Split(a)
	if err != nil {
		return nil, err
	}
	stored, err := s.store.TranslationsOf(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	have := make(map[string]news.TranslationStatus, len(stored))
	for _, t := range stored {
		have[t.Lang] = StatusOf(t, src.Digest)
	}
	var tasks []Task
	for _, l := range langs {
		if st, ok := have[l]; !ok || st == news.TranslationStale {
			tasks = append(tasks, Task{ArticleID: a.ID, Lang: l, Digest: src.Digest})
		}
	}
	return tasks, nil
}

// OnRequest reports whether a reader's visit to an untranslated page in
// lang should queue its translation: the language is translated on first
// request by an engine this site has.
func (s *Service) OnRequest(ctx context.Context, lang string) bool {
	st, err := s.store.Settings(ctx)
	if err != nil {
		return false
	}
	return s.routable(st, lang, news.ModeOnRequest)
}

// Translatable reports whether lang is routed to any engine this site
// has, eager or on request.
func (s *Service) Translatable(ctx context.Context, lang string) bool {
	st, err := s.store.Settings(ctx)
	if err != nil {
		return false
	}
	return s.routable(st, lang, news.ModeOnRequest) || s.routable(st, lang, news.ModeEager)
}

// siteText is one text of the site outside articles.
type siteText struct {
	text string
	html bool
}

// siteTexts lists the settings' notices (rendered as the site shows
// them), the tag names and the author bios.
func (s *Service) siteTexts(ctx context.Context) ([]siteText, error) {
	st, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	out := []siteText{{st.Tagline, false}}
	for _, notice := range []string{st.Disclaimer, st.FairUse, st.Licence, st.NoteBefore, st.NoteAfter} {
		html, err := s.renderNotice(notice)
		if err != nil {
			return nil, err
		}
		out = append(out, siteText{html, true})
	}
	tags, err := s.store.Tags(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		out = append(out, siteText{t.Name, false})
	}
	authors, _, err := s.store.FindAuthors(ctx, news.AuthorFilter{Limit: 10000})
	if err != nil {
		return nil, err
	}
	for _, au := range authors {
		out = append(out, siteText{au.Bio, false})
	}
	return out, nil
}

// SiteTextsDigest identifies the current site texts, so that a queue
// translates each version of them once.
func (s *Service) SiteTextsDigest(ctx context.Context) (string, error) {
	texts, err := s.siteTexts(ctx)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, t := range texts {
		fmt.Fprintf(h, "%t\x00%s\x00", t.html, t.text)
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// TranslateSiteTexts fills the memory with the translation into lang of
// the settings' notices, the tag names and every author's bio, and
// reports whether all of them are now translated.
func (s *Service) TranslateSiteTexts(ctx context.Context, lang string) (bool, error) {
	texts, err := s.siteTexts(ctx)
	if err != nil {
		return false, err
	}
	src := s.langs.Source.Code
	all := true
	for _, t := range texts {
		ok, err := s.TranslateText(ctx, src, lang, t.text, t.html)
		if err != nil {
			return false, err
		}
		all = all && ok
	}
	return all, nil
}

// renderNotice renders a settings notice as the site does.
func (s *Service) renderNotice(src string) (string, error) {
	if strings.TrimSpace(src) == "" {
		return "", nil
	}
	return s.markdown(src)
}

// EagerLanguages lists the languages translated on publish by an engine
// this site has.
func (s *Service) EagerLanguages(ctx context.Context) ([]string, error) {
	st, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range s.langs.Others {
		if s.routable(st, l.Code, news.ModeEager) {
			out = append(out, l.Code)
		}
	}
	return out, nil
}
