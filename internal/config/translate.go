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
}

// check validates the URLs, naming the variable at fault.
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
	if t.OpenAIURL != "" && t.OpenAIModel == "" {
		return fmt.Errorf("BYLINE_OPENAI_URL is set but BYLINE_OPENAI_MODEL is empty: name the model to ask")
	}
	return nil
}
