package apertium

import "strings"

// iso3 maps the site's language codes to the ISO 639-3 codes Apertium
// names most of its pairs with. Older pairs use the site's two-letter code
// (en-gl), which codes() also offers.
var iso3 = map[string]string{
	"af": "afr", "ar": "ara", "be": "bel", "bg": "bul", "ca": "cat",
	"cs": "ces", "cy": "cym", "da": "dan", "de": "deu", "el": "ell",
	"en": "eng", "eo": "epo", "es": "spa", "et": "est", "eu": "eus",
	"fa": "fas", "fi": "fin", "fil": "tgl", "fr": "fra", "ga": "gle",
	"gl": "glg", "he": "heb", "hi": "hin", "hr": "hrv", "hu": "hun",
	"id": "ind", "is": "isl", "it": "ita", "ja": "jpn", "ko": "kor",
	"lt": "lit", "lv": "lav", "mk": "mkd", "ms": "msa", "mt": "mlt",
	"nl": "nld", "no": "nob", "oc": "oci", "pl": "pol", "pt": "por",
	"ro": "ron", "ru": "rus", "sk": "slk", "sl": "slv", "sq": "sqi",
	"sr": "srp", "sv": "swe", "sw": "swa", "th": "tha", "tr": "tur",
	"uk": "ukr", "vi": "vie", "yi": "yid",
}

// alternates lists further codes Apertium has used for a language.
var alternates = map[string][]string{
	"no":  {"nb"},
	"fil": {"fil"},
	"ro":  {"rum"},
	"sq":  {"alb"},
	"ms":  {"zlm"},
}

// codes returns the Apertium codes that may name the site language lang,
// most usual first.
func codes(lang string) []string {
	lang = strings.ToLower(lang)
	var out []string
	if c, ok := iso3[lang]; ok {
		out = append(out, c)
	}
	out = append(out, lang)
	return append(out, alternates[lang]...)
}
