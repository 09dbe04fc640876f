package app

import (
	"log/slog"

	"github.com/byline-news/byline/internal/config"
	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/apertium"
	"github.com/byline-news/byline/internal/translate/deepl"
	"github.com/byline-news/byline/internal/translate/google"
	"github.com/byline-news/byline/internal/translate/human"
	"github.com/byline-news/byline/internal/translate/libretranslate"
	"github.com/byline-news/byline/internal/translate/openai"
)

// engines builds the translation providers the configuration names, the
// human one always included, and returns the names of the machine ones.
func engines(c config.TranslateConfig, logger *slog.Logger) ([]translate.Provider, []string) {
	providers := []translate.Provider{human.New()}
	switch {
	case c.Apertium == "cli":
		providers = append(providers, apertium.NewCLI(apertium.CLIOptions{}))
	case c.Apertium != "":
		providers = append(providers, apertium.NewAPy(c.Apertium, nil, rateOption(c.ApertiumRate, apertium.WithLimits)...))
	}
	if c.LibreTranslateURL != "" {
		providers = append(providers, libretranslate.New(c.LibreTranslateURL, c.LibreTranslateKey, nil, rateOption(c.LibreTranslateRate, libretranslate.WithLimits)...))
	}
	if c.DeepLKey != "" {
		opts := rateOption(c.DeepLRate, deepl.WithLimits)
		if c.DeepLURL != "" {
			opts = append(opts, deepl.WithBaseURL(c.DeepLURL))
		}
		providers = append(providers, deepl.New(c.DeepLKey, opts...))
	}
	if c.GoogleKey != "" {
		opts := rateOption(c.GoogleRate, google.WithLimits)
		if c.GoogleURL != "" {
			opts = append(opts, google.WithBaseURL(c.GoogleURL))
		}
		providers = append(providers, google.New(c.GoogleKey, opts...))
	}
	if c.OpenAIURL != "" {
		providers = append(providers, openai.New(c.OpenAIURL, c.OpenAIKey, c.OpenAIModel, rateOption(c.OpenAIRate, openai.WithLimits)...))
	}
	var machine []string
	for _, p := range providers[1:] {
		machine = append(machine, p.Name())
	}
	if len(machine) > 0 {
		logger.Info("machine translation engines configured", "engines", machine)
	}
	return providers, machine
}

// rateOption returns the provider option that sets rate, or none when
// rate is nil and the engine keeps its documented default.
func rateOption[O any](rate *config.Rate, with func(translate.Limits) O) []O {
	if rate == nil {
		return nil
	}
	return []O{with(translate.Limits{RequestsPerMinute: rate.RequestsPerMinute, CharsPerMinute: rate.CharsPerMinute})}
}
