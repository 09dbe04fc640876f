// Package translate turns articles and site texts into other languages:
// it splits HTML into segments with inline markup protected, looks each
// segment up in the translation memory, sends what the memory lacks to
// the engines a language is routed to (falling back when one lacks the
// pair, fails or answers badly), and reassembles sanitized HTML.
//
// The engines live in subpackages, one each, behind Provider.
package translate

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Provider is one translation engine.
//
// Texts are segments: plain text in which inline markup is replaced by
// placeholder tags — <g1>…</g1> around a span (a link, emphasis) and
// <x2/> for a void element or a protected term. Engines are asked to
// treat them as XML/HTML tags (DeepL tag_handling, Google format=html,
// LibreTranslate format=html, Apertium's HTML deformatter, an
// instruction for chat models), and must return every placeholder of a
// text exactly once. The caller checks that and rejects a text that
// fails.
//
// Language codes are the site's (BCP 47 as in languages.tsv: "en",
// "zh-Hans", "no", "fil"); each provider maps them to its own.
type Provider interface {
	// Name is the provider's routing name: "apertium", "deepl", ...
	Name() string
	// Supports reports whether the provider translates src to dst.
	// It may consult the engine's list of pairs (cached).
	Supports(ctx context.Context, src, dst string) bool
	// Translate returns one translation per text, in order. It batches
	// as the engine's documented limits require, retries 429 and 5xx
	// answers with backoff (honouring Retry-After) within ctx, and
	// returns a *QuotaError when the engine says the quota is spent,
	// ErrUnsupported when it lacks the pair, or another error. It never
	// returns a partial result with a nil error.
	Translate(ctx context.Context, src, dst string, texts []string) ([]string, error)
}

// ErrUnsupported is returned by a provider that lacks the language pair.
var ErrUnsupported = errors.New("translate: language pair not supported")

// ErrLeftForPeople is returned by the human provider: the language is
// translated by people only, so no engine after it is asked.
var ErrLeftForPeople = errors.New("translate: left for people to translate")

// QuotaError says a provider's quota is spent; the router stops using it
// until Until (the end of the day, unless the engine says otherwise).
type QuotaError struct {
	Provider string
	Until    time.Time
	Detail   string
}

func (e *QuotaError) Error() string {
	return fmt.Sprintf("translate: %s quota exceeded: %s", e.Provider, e.Detail)
}

// IsQuota reports whether err is or wraps a *QuotaError.
func IsQuota(err error) bool {
	var q *QuotaError
	return errors.As(err, &q)
}
