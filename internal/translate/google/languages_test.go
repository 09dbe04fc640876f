package google

import (
	"testing"

	"github.com/byline-news/byline/internal/i18n"
)

func TestLanguageTableIsTheSiteSet(t *testing.T) {
	set := i18n.Default()
	for lang := range languageCodes {
		if _, ok := set.Lookup(lang); !ok {
			t.Errorf("table lists %q, which is not a site language", lang)
		}
	}
	if n := len(set.All()); len(languageCodes) != n {
		t.Errorf("table has %d languages, the site %d", len(languageCodes), n)
	}
}
