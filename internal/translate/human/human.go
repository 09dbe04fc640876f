// Package human is the provider for languages that people translate: it
// claims every language pair and never translates, answering
// translate.ErrLeftForPeople so that the router asks no engine after it
// and the texts wait for a translator in the admin. It has no transport
// and no limits.
package human

import (
	"context"

	"github.com/byline-news/byline/internal/translate"
)

// Provider is the "human" provider. Its zero value is ready to use.
type Provider struct{}

var _ translate.Provider = Provider{}

// New returns the human provider.
func New() Provider { return Provider{} }

// Name returns "human".
func (Provider) Name() string { return "human" }

// Supports reports true for every pair: people can translate anything.
func (Provider) Supports(context.Context, string, string) bool { return true }

// Translate returns translate.ErrLeftForPeople: nothing is translated by
// machine.
func (Provider) Translate(context.Context, string, string, []string) ([]string, error) {
	return nil, translate.ErrLeftForPeople
}
