package translation

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/translate"
)

// Service translates articles and site texts and stores the results.
type Service struct {
	store    news.Store
	router   *translate.Router
	langs    *i18n.Set
	markdown func(string) (string, error)
	engines  map[string]bool
	logger   *slog.Logger
	now      func() time.Time
}

// Options configure a Service.
type Options struct {
	// Router sends segments to the engines; nil means no engine is
	// configured: only the memory and people translate.
	Router *translate.Router
	// Engines names the providers the router has, for EagerWork and the
	// admin ("apertium", "deepl", ...).
	Engines []string
	// Markdown renders a settings notice the way the site shows it
	// (internal/render's Markdown), so that the memory is keyed by the
	// same segments a page looks up.
	Markdown func(string) (string, error)
	Logger   *slog.Logger
	Now      func() time.Time
}

// New returns a Service on store for the site's languages.
func New(store news.Store, langs *i18n.Set, opts Options) *Service {
	s := &Service{
		store: store, router: opts.Router, langs: langs, markdown: opts.Markdown,
		engines: map[string]bool{}, logger: opts.Logger, now: opts.Now,
	}
	for _, e := range opts.Engines {
		s.engines[e] = true
	}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.markdown == nil {
		panic("translation: Options.Markdown is required")
	}
	return s
}

// Engines reports the configured engines, sorted.
func (s *Service) Engines() []string {
	out := make([]string, 0, len(s.engines))
	for e := range s.engines {
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

// Outcome says what one translation run did, counted in segments.
type Outcome struct {
	Segments   int
	Human      int // a person's current edit
	Kept       int // machine output kept from the previous run
	FromMemory int
	Sent       int // sent to engines
	Translated int // of those sent, translated validly
	Failed     int // left in the source language
	Saved      bool
}

// ErrIncomplete is returned (wrapped) when some segments could not be
// translated; what could be was saved, and a retry sends only the rest.
var ErrIncomplete = errors.New("some segments could not be translated")

// TranslateArticle brings the article's translation into lang up to
// date with its source: a person's current edits are kept, unchanged
// segments keep their translation, and only segments neither the memory
// nor earlier runs have are sent to the language's engines.
func (s *Service) TranslateArticle(ctx context.Context, articleID int64, lang string) (Outcome, error) {
	var out Outcome
	if !s.langs.IsTranslation(lang) {
		return out, news.Errorf(news.EINVALID, "%q is not a translation language of this site", lang)
	}
	a, err := s.store.Article(ctx, articleID)
	if err != nil {
		return out, err
	}
	src, err := Split(a)
	if err != nil {
		return out, err
	}
	st, err := s.store.Settings(ctx)
	if err != nil {
		return out, err
	}
	segs, err := s.merge(ctx, src, lang)
	if err != nil {
		return out, err
	}
	out.Segments = len(segs)

	// What is still missing: first the memory, then the engines.
	var missing []int
	for i := range segs {
		switch {
		case segs[i].HumanCurrent():
			out.Human++
		case segs[i].Machine != "":
			out.Kept++
		default:
			missing = append(missing, i)
		}
	}
	if len(missing) > 0 {
		missing, err = s.fromMemory(ctx, src.Article.Language, lang, segs, missing, &out)
		if err != nil {
			return out, err
		}
	}
	route := st.Translation.Route(lang)
	if len(missing) > 0 && route.Mode != news.ModeOff && s.router != nil {
		texts := make([]string, len(missing))
		for j, i := range missing {
			texts[j] = segs[i].Source
		}
		out.Sent = len(texts)
		results := s.router.Translate(ctx, src.Article.Language, lang, route, translate.NewGlossary(st.Translation.Glossary), texts)
		var memory []news.MemoryEntry
		var still []int
		for j, r := range results {
			i := missing[j]
			if r.Err != nil || r.Text == "" || src.Check(segs[i].Key, r.Text) != nil {
				still = append(still, i)
				continue
			}
			segs[i].Machine, segs[i].Provider = r.Text, r.Provider
			out.Translated++
			memory = append(memory, news.MemoryEntry{
				SourceLang: src.Article.Language, TargetLang: lang, SourceHash: segs[i].SourceHash,
				Source: segs[i].Source, Target: r.Text, Provider: r.Provider, CreatedAt: s.now().UTC(),
			})
		}
		if len(memory) > 0 {
			if err := s.store.SaveMemory(ctx, memory); err != nil {
				return out, err
			}
		}
		missing = still
	}
	out.Failed = len(missing)
	if out.Failed == out.Segments {
		// Nothing in the language at all: store nothing, so the page
		// keeps saying it is not translated.
		if out.Segments > 0 && s.router != nil && route.Mode != news.ModeOff {
			return out, fmt.Errorf("article %d into %s: %w (%d of %d)", articleID, lang, ErrIncomplete, out.Failed, out.Segments)
		}
		return out, nil
	}
	if err := s.save(ctx, s.store, src, lang, segs); err != nil {
		return out, err
	}
	out.Saved = true
	if out.Failed > 0 {
		return out, fmt.Errorf("article %d into %s: %w (%d of %d)", articleID, lang, ErrIncomplete, out.Failed, out.Segments)
	}
	return out, nil
}

// merge lines the source's segments up with the stored ones: a person's
// edit stays (current or stale), machine output stays while the source
// segment is unchanged.
func (s *Service) merge(ctx context.Context, src *Source, lang string) ([]news.TranslationSegment, error) {
	stored, err := s.store.TranslationSegments(ctx, src.Article.ID, lang)
	if err != nil {
		return nil, err
	}
	old := make(map[string]news.TranslationSegment, len(stored))
	for _, seg := range stored {
		old[seg.Key] = seg
	}
	segs := make([]news.TranslationSegment, len(src.Segments))
	for i, seg := range src.Segments {
		ts := news.TranslationSegment{
			ArticleID: src.Article.ID, Lang: lang, Key: seg.Key, Position: i,
			Source: seg.Text, SourceHash: translate.Hash(seg.Text),
		}
		if o, ok := old[seg.Key]; ok {
			ts.Human, ts.HumanSourceHash, ts.HumanBy, ts.HumanAt = o.Human, o.HumanSourceHash, o.HumanBy, o.HumanAt
			if o.SourceHash == ts.SourceHash {
				ts.Machine, ts.Provider = o.Machine, o.Provider
			}
		}
		segs[i] = ts
	}
	return segs, nil
}

// fromMemory fills the missing segments the memory has and returns the
// ones it lacks.
func (s *Service) fromMemory(ctx context.Context, srcLang, lang string, segs []news.TranslationSegment, missing []int, out *Outcome) ([]int, error) {
	hashes := make([]string, 0, len(missing))
	for _, i := range missing {
		hashes = append(hashes, segs[i].SourceHash)
	}
	found, err := s.store.LookupMemory(ctx, srcLang, lang, hashes)
	if err != nil {
		return nil, err
	}
	var still []int
	for _, i := range missing {
		e, ok := found[segs[i].SourceHash]
		if !ok {
			still = append(still, i)
			continue
		}
		segs[i].Machine, segs[i].Provider = e.Target, e.Provider
		if e.Human {
			segs[i].Provider = "memory (human)"
		}
		out.FromMemory++
	}
	return still, nil
}

// save assembles the segments into the translation and stores both.
func (s *Service) save(ctx context.Context, st news.Store, src *Source, lang string, segs []news.TranslationSegment) error {
	texts := make(map[string]string, len(segs))
	reviewed, stale := true, false
	var providers []string
	for i := range segs {
		seg := &segs[i]
		seg.UpdatedAt = s.now().UTC()
		texts[seg.Key] = seg.Text()
		if !seg.HumanCurrent() {
			reviewed = false
		}
		if seg.Human != "" && !seg.HumanCurrent() {
			stale = true
		}
		if !seg.HumanCurrent() && seg.Provider != "" && !slices.Contains(providers, seg.Provider) {
			providers = append(providers, seg.Provider)
		}
	}
	t, err := src.Assemble(lang, texts)
	if err != nil {
		return err
	}
	switch {
	case stale:
		t.Status = news.TranslationStale
	case reviewed:
		t.Status = news.TranslationReviewed
	default:
		t.Status = news.TranslationMachine
	}
	slices.Sort(providers)
	t.Providers = strings.Join(providers, ",")
	return st.SaveTranslation(ctx, &t, segs)
}

// Status returns the status of the article in every translation
// language.
func (s *Service) Status(ctx context.Context, a news.Article) (map[string]news.TranslationStatus, error) {
	src, err := Split(a)
	if err != nil {
		return nil, err
	}
	ts, err := s.store.TranslationsOf(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]news.TranslationStatus, len(s.langs.Others))
	for _, l := range s.langs.Others {
		out[l.Code] = news.TranslationMissing
	}
	for _, t := range ts {
		out[t.Lang] = StatusOf(t, src.Digest)
	}
	return out, nil
}

// StatusOf is the status of a stored translation against the source's
// current digest.
func StatusOf(t news.Translation, digest string) news.TranslationStatus {
	if t.SourceDigest != digest {
		return news.TranslationStale
	}
	if t.Status == "" {
		return news.TranslationMachine
	}
	return t.Status
}
