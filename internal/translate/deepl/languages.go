package deepl

import "strings"

// sourceCodes maps the site's languages to DeepL's source codes, which
// carry no regional or script variant. From DeepL's documented list of
// text-translation languages; HE, TH and VI are served by its next-gen
// models only, which /v2/translate uses for them by itself. Languages
// DeepL offers only as a beta (behind enable_beta_languages) are left out.
var sourceCodes = map[string]string{
	"ar": "AR", "bg": "BG", "cs": "CS", "da": "DA", "de": "DE",
	"el": "EL", "en": "EN", "es": "ES", "et": "ET", "fi": "FI",
	"fr": "FR", "he": "HE", "hu": "HU", "id": "ID", "it": "IT",
	"ja": "JA", "ko": "KO", "lt": "LT", "lv": "LV", "nl": "NL",
	"no": "NB", "pl": "PL", "pt": "PT", "ro": "RO", "ru": "RU",
	"sk": "SK", "sl": "SL", "sv": "SV", "th": "TH", "tr": "TR",
	"uk": "UK", "vi": "VI", "zh-Hans": "ZH", "zh-Hant": "ZH",
}

// defaultTargets maps the site's languages to DeepL's target codes. Where
// DeepL wants a variant the site does not name, English is American and
// Portuguese European (WithTargetCode changes either); Norwegian is
// Bokmål, the only Norwegian DeepL writes.
func defaultTargets() map[string]string {
	m := make(map[string]string, len(sourceCodes))
	for lang, code := range sourceCodes {
		m[lang] = code
	}
	m["en"] = "EN-US"
	m["pt"] = "PT-PT"
	m["zh-Hans"] = "ZH-HANS"
	m["zh-Hant"] = "ZH-HANT"
	return m
}

// baseCode returns a DeepL code without its variant: "PT-BR" → "PT".
func baseCode(code string) string {
	base, _, _ := strings.Cut(code, "-")
	return base
}
