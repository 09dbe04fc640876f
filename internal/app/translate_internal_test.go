package app

import (
	"io"
	"testing"

	"github.com/byline-news/byline/internal/config"
	"github.com/byline-news/byline/internal/translate"
)

// TestEnginesFollowTheConfiguration builds the engines the configuration
// names, with the rates it sets, and none it does not name.
func TestEnginesFollowTheConfiguration(t *testing.T) {
	logger := NewLogger(io.Discard, "warn")
	providers, machine := engines(config.TranslateConfig{}, logger)
	if len(providers) != 1 || providers[0].Name() != "human" || len(machine) != 0 {
		t.Fatalf("no configuration gave %d providers, machine %v; want the human one only", len(providers), machine)
	}
	c := config.TranslateConfig{
		Apertium: "cli", DeepLKey: "k:fx", DeepLRate: &config.Rate{RequestsPerMinute: 5},
		GoogleKey: "g", OpenAIURL: "http://127.0.0.1:1", OpenAIModel: "m", OpenAIRate: &config.Rate{CharsPerMinute: 7},
	}
	providers, machine = engines(c, logger)
	want := []string{"apertium", "deepl", "google", "openai"}
	if len(machine) != len(want) {
		t.Fatalf("machine engines %v, want %v", machine, want)
	}
	limits := map[string]translate.Limits{}
	for i, name := range want {
		if machine[i] != name {
			t.Fatalf("machine engines %v, want %v", machine, want)
		}
	}
	for _, p := range providers {
		if l, ok := p.(translate.Limited); ok {
			limits[p.Name()] = l.Limits()
		}
	}
	if limits["deepl"].RequestsPerMinute != 5 || limits["openai"].CharsPerMinute != 7 {
		t.Errorf("configured rates not applied: %+v", limits)
	}
	if limits["google"].CharsPerMinute != 6_000_000 {
		t.Errorf("Google's documented default of 6,000,000 characters a minute not kept: %+v", limits["google"])
	}
}
