package translate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/news"
)

// UsageRecorder counts the characters sent to each provider per UTC
// day; the store implements it.
type UsageRecorder interface {
	AddTranslationUsage(ctx context.Context, provider, day string, chars int64) error
}

// DefaultCallTimeout bounds one call to a provider.
const DefaultCallTimeout = 60 * time.Second

// usageTimeout bounds recording usage after a call, which is done even
// when the caller's context has ended.
const usageTimeout = 5 * time.Second

// Router sends segments to the providers of a language's route in
// order, each getting what the ones before it did not translate
// acceptably. It remembers providers whose quota is spent. It is safe
// for concurrent use.
type Router struct {
	providers   map[string]Provider
	usage       UsageRecorder
	logger      *slog.Logger
	now         func() time.Time
	callTimeout time.Duration

	mu      sync.Mutex
	stopped map[string]time.Time
}

// RouterOption changes a Router made by NewRouter.
type RouterOption func(*Router)

// WithClock makes the router read the time from now (for tests).
func WithClock(now func() time.Time) RouterOption {
	return func(r *Router) { r.now = now }
}

// WithCallTimeout bounds each call to a provider by d instead of
// DefaultCallTimeout.
func WithCallTimeout(d time.Duration) RouterOption {
	return func(r *Router) { r.callTimeout = d }
}

// NewRouter returns a router over providers, known by their names.
// usage may be nil (nothing is counted) and so may logger.
func NewRouter(providers []Provider, usage UsageRecorder, logger *slog.Logger, opts ...RouterOption) *Router {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	r := &Router{
		providers:   map[string]Provider{},
		usage:       usage,
		logger:      logger,
		now:         time.Now,
		callTimeout: DefaultCallTimeout,
		stopped:     map[string]time.Time{},
	}
	for _, p := range providers {
		r.providers[p.Name()] = p
	}
	for _, o := range opts {
		o(r)
	}
	return r
}

// Result is the outcome for one text: its translation and the provider
// that made it, or an empty Text and the reason none did (the caller
// then shows the source text).
type Result struct {
	Text     string
	Provider string
	Err      error
}

// Translate translates texts (segment texts) from src to dst through the
// providers of route, in order. A provider is skipped while its quota is
// spent or when it lacks the pair. Glossary terms are protected from
// each provider and put back after. Each provider gets, in one call, the
// texts still untranslated; an answer is accepted per text when it has
// the source's placeholders (CheckPlaceholders), its glossary terms, and
// is not empty, and the whole answer is refused when it has a different
// number of texts. The human provider ends the chain. Results are in
// the order of texts.
func (r *Router) Translate(ctx context.Context, src, dst string, route news.LanguageRoute, glossary *Glossary, texts []string) []Result {
	results := make([]Result, len(texts))
	var pending []int
	for i, t := range texts {
		if strings.TrimSpace(t) == "" {
			results[i] = Result{Text: t}
			continue
		}
		pending = append(pending, i)
	}
	noProvider := fmt.Errorf("translate: no provider of the route %v was available for %s to %s (unknown, lacking the pair or out of quota)", route.Providers, src, dst)
	for _, i := range pending {
		results[i].Err = noProvider
	}
	for _, name := range route.Providers {
		if len(pending) == 0 {
			break
		}
		if err := ctx.Err(); err != nil {
			for _, i := range pending {
				results[i].Err = fmt.Errorf("translate: %w", err)
			}
			break
		}
		p, ok := r.providers[name]
		if !ok {
			r.logger.Warn("translate: route names an unknown provider", "provider", name, "src", src, "dst", dst)
			continue
		}
		if until, stopped := r.stoppedUntil(name); stopped {
			r.logger.Debug("translate: provider skipped, quota spent", "provider", name, "until", until)
			continue
		}
		if !p.Supports(ctx, src, dst) {
			r.logger.Debug("translate: provider lacks the pair", "provider", name, "src", src, "dst", dst)
			continue
		}
		var stop bool
		pending, stop = r.try(ctx, p, src, dst, glossary, texts, pending, results)
		if stop {
			break
		}
	}
	return results
}

// try asks one provider for the pending texts, fills the results it
// translates acceptably, and returns the texts still pending and
// whether the chain ends here.
func (r *Router) try(ctx context.Context, p Provider, src, dst string, glossary *Glossary, texts []string, pending []int, results []Result) ([]int, bool) {
	name := p.Name()
	batch := make([]string, len(pending))
	restore := make([]func(string) (string, error), len(pending))
	var chars int64
	for j, i := range pending {
		batch[j], restore[j] = glossary.Protect(texts[i], dst)
		chars += int64(utf8.RuneCountInString(batch[j]))
	}
	out, err := r.call(ctx, p, src, dst, batch)
	if err == nil || !(errors.Is(err, ErrUnsupported) || errors.Is(err, ErrLeftForPeople) || IsQuota(err)) {
		r.recordUsage(ctx, name, chars)
	}
	var quota *QuotaError
	switch {
	case errors.Is(err, ErrLeftForPeople):
		for _, i := range pending {
			results[i].Err = err
		}
		return nil, true
	case errors.As(err, &quota):
		until := quota.Until
		if until.IsZero() || !until.After(r.now()) {
			until = endOfDay(r.now())
		}
		r.stop(name, until)
		r.logger.Warn("translate: provider quota spent", "provider", name, "until", until, "detail", quota.Detail)
	case err != nil:
		if ctx.Err() != nil {
			for _, i := range pending {
				results[i].Err = fmt.Errorf("translate: %s: %w", name, err)
			}
			return nil, true
		}
		r.logger.Warn("translate: provider failed", "provider", name, "src", src, "dst", dst, "texts", len(batch), "err", err)
	case len(out) != len(batch):
		err = fmt.Errorf("returned %d texts for %d", len(out), len(batch))
		r.logger.Warn("translate: provider answer refused", "provider", name, "err", err)
	}
	if err != nil {
		for _, i := range pending {
			results[i].Err = fmt.Errorf("translate: %s: %w", name, err)
		}
		return pending, false
	}
	var still []int
	for j, i := range pending {
		text, err := accept(batch[j], out[j], restore[j])
		if err != nil {
			r.logger.Warn("translate: translation refused", "provider", name, "src", src, "dst", dst, "err", err)
			results[i].Err = fmt.Errorf("translate: %s: %w", name, err)
			still = append(still, i)
			continue
		}
		results[i] = Result{Text: text, Provider: name}
	}
	return still, false
}

// accept checks one translation of a protected text and restores its
// glossary terms.
func accept(protected, translated string, restore func(string) (string, error)) (string, error) {
	if strings.TrimSpace(translated) == "" {
		return "", errors.New("empty translation")
	}
	if err := CheckPlaceholders(protected, translated); err != nil {
		return "", err
	}
	return restore(translated)
}

// call runs one provider call within the per-call timeout; a provider
// that ignores its context is abandoned when the time is up.
func (r *Router) call(ctx context.Context, p Provider, src, dst string, batch []string) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, r.callTimeout)
	defer cancel()
	type answer struct {
		out []string
		err error
	}
	done := make(chan answer, 1)
	go func() {
		out, err := p.Translate(ctx, src, dst, batch)
		done <- answer{out, err}
	}()
	select {
	case a := <-done:
		return a.out, a.err
	case <-ctx.Done():
		return nil, fmt.Errorf("no answer: %w", context.Cause(ctx))
	}
}

func (r *Router) recordUsage(ctx context.Context, provider string, chars int64) {
	if r.usage == nil || chars == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), usageTimeout)
	defer cancel()
	day := r.now().UTC().Format(time.DateOnly)
	if err := r.usage.AddTranslationUsage(ctx, provider, day, chars); err != nil {
		r.logger.Error("translate: recording usage failed", "provider", provider, "chars", chars, "err", err)
	}
}

// endOfDay returns the start of the UTC day after t.
func endOfDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)
}

func (r *Router) stop(provider string, until time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if until.After(r.stopped[provider]) {
		r.stopped[provider] = until
	}
}

// stoppedUntil reports whether the provider's quota is spent, and until
// when.
func (r *Router) stoppedUntil(provider string) (time.Time, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	until, ok := r.stopped[provider]
	if !ok {
		return time.Time{}, false
	}
	if !r.now().Before(until) {
		delete(r.stopped, provider)
		return time.Time{}, false
	}
	return until, true
}

// Stopped returns the providers whose quota is spent, with the time the
// router will use each again.
func (r *Router) Stopped() map[string]time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	maps.DeleteFunc(r.stopped, func(_ string, until time.Time) bool { return !now.Before(until) })
	return maps.Clone(r.stopped)
}
