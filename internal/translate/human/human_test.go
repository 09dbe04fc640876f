package human_test

import (
	"errors"
	"testing"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/human"
)

func TestHumanLeavesEveryPairToPeople(t *testing.T) {
	var p translate.Provider = human.New()
	if got := p.Name(); got != "human" {
		t.Errorf("Name() = %q, want human", got)
	}
	for _, pair := range [][2]string{{"en", "es"}, {"en", "zh-Hans"}, {"fil", "yi"}} {
		if !p.Supports(t.Context(), pair[0], pair[1]) {
			t.Errorf("Supports(%s, %s) = false, want true", pair[0], pair[1])
		}
		got, err := p.Translate(t.Context(), pair[0], pair[1], []string{"The <g1>ferry</g1> leaves."})
		if !errors.Is(err, translate.ErrLeftForPeople) {
			t.Errorf("Translate(%s, %s) error = %v, want ErrLeftForPeople", pair[0], pair[1], err)
		}
		if got != nil {
			t.Errorf("Translate(%s, %s) = %q, want no texts", pair[0], pair[1], got)
		}
	}
}
