package config

import (
	"fmt"
	"net/url"
)

// TranslateConfig names the machine translation engines available to the
// site. Which languages use which engine, and in what order, is a site
// setting editors change in the admin; this only says what exists.
type TranslateConfig struct {
	// Apertium is "cli" to run the installed apertium command, or the
	// base URL of an APy server (BYLINE_APERTIUM).
	Apertium string
	// LibreTranslateURL and LibreTranslateKey reach a LibreTranslate
	// server (BYLINE_LIBRETRANSLATE_URL, BYLINE_LIBRETRANSLATE_KEY).
	LibreTranslateURL string
	LibreTranslateKey string
	// DeepLKey is a DeepL API key (BYLINE_DEEPL_KEY); DeepLURL overrides
	// the endpoint the key selects (BYLINE_DEEPL_URL).
	DeepLKey string
	DeepLURL string
	// GoogleKey is a Cloud Translation API key (BYLINE_GOOGLE_TRANSLATE_KEY);
	// GoogleURL overrides the endpoint (BYLINE_GOOGLE_TRANSLATE_URL).
	GoogleKey string
	GoogleURL string
	// OpenAIURL, OpenAIKey and OpenAIModel reach any OpenAI-compatible
	// chat-completions server, such as a local LLM server
	// (BYLINE_OPENAI_URL, BYLINE_OPENAI_KEY, BYLINE_OPENAI_MODEL).
	OpenAIURL   string
	OpenAIKey   string
	OpenAIModel string

	// ApertiumRate, LibreTranslateRate, DeepLRate, GoogleRate and
	// OpenAIRate replace an engine's documented request rate when set
	// (BYLINE_APERTIUM_RATE, BYLINE_LIBRETRANSLATE_RATE, BYLINE_DEEPL_RATE,
	// BYLINE_GOOGLE_TRANSLATE_RATE, BYLINE_OPENAI_RATE; see ParseRate);
	// nil keeps the default.
	ApertiumRate       *Rate
	LibreTranslateRate *Rate
	DeepLRate          *Rate
	GoogleRate         *Rate
	OpenAIRate         *Rate

	rateErr error // the first malformed rate variable, reported by check
}

// readRates fills the rate fields from the environment through get
// (empty when unset). A malformed value is kept as an error for check,
// which names the variable.
func (t *TranslateConfig) readRates(get func(key, def string) string) {
	vars := []struct {
		name  string
		field **Rate
	}{
		{"BYLINE_APERTIUM_RATE", &t.ApertiumRate},
		{"BYLINE_LIBRETRANSLATE_RATE", &t.LibreTranslateRate},
		{"BYLINE_DEEPL_RATE", &t.DeepLRate},
		{"BYLINE_GOOGLE_TRANSLATE_RATE", &t.GoogleRate},
		{"BYLINE_OPENAI_RATE", &t.OpenAIRate},
	}
	for _, v := range vars {
		s := get(v.name, "")
		if s == "" {
			continue
		}
		r, err := ParseRate(s)
		if err != nil {
			if t.rateErr == nil {
				t.rateErr = fmt.Errorf("%s: %w", v.name, err)
			}
			continue
		}
		*v.field = &r
	}
}

// check validates the URLs and rates, naming the variable at fault.
func (t TranslateConfig) check() error {
	urls := []struct{ name, value string }{
		{"BYLINE_LIBRETRANSLATE_URL", t.LibreTranslateURL},
		{"BYLINE_DEEPL_URL", t.DeepLURL},
		{"BYLINE_GOOGLE_TRANSLATE_URL", t.GoogleURL},
		{"BYLINE_OPENAI_URL", t.OpenAIURL},
	}
	if t.Apertium != "" && t.Apertium != "cli" {
		urls = append(urls, struct{ name, value string }{"BYLINE_APERTIUM", t.Apertium})
	}
	for _, u := range urls {
		if u.value == "" {
			continue
		}
		p, err := url.Parse(u.value)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return fmt.Errorf("%s must be an http or https URL, not %q", u.name, u.value)
		}
	}
	if t.rateErr != nil {
		return t.rateErr
	}
	if t.Apertium == "cli" && t.ApertiumRate != nil {
		return fmt.Errorf("BYLINE_APERTIUM_RATE limits requests to an APy server; BYLINE_APERTIUM is cli, which sends none")
	}
	if t.OpenAIURL != "" && t.OpenAIModel == "" {
		return fmt.Errorf("BYLINE_OPENAI_URL is set but BYLINE_OPENAI_MODEL is empty: name the model to ask")
	}
	return nil
}
