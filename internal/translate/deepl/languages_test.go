package deepl

import (
	"testing"

	"github.com/byline-news/byline/internal/i18n"
)

func TestLanguageTablesUseSiteCodes(t *testing.T) {
	set := i18n.Default()
	for lang := range defaultTargets() {
		if _, ok := set.Lookup(lang); !ok {
			t.Errorf("table lists %q, which is not a site language", lang)
		}
	}
	// Languages of the site that DeepL's documented list lacks (or offers
	// as a beta only) must be reported unsupported, not sent.
	c := New("k")
	supported := 0
	for _, l := range set.Others {
		if c.Supports(t.Context(), "en", l.Code) {
			supported++
		}
	}
	if want := len(sourceCodes) - 1; supported != want { // all but English
		t.Errorf("%d site languages supported, want %d", supported, want)
	}
}
