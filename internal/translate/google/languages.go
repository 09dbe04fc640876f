package google

// languageCodes maps the site's languages to Cloud Translation's codes.
// Google offers all of them. Where its documentation lists two codes the
// older one, which Basic (v2) has always accepted, is used: "iw" for
// Hebrew (it also takes "he") and "tl" for Filipino (it also takes "fil").
// Chinese uses the region codes v2 documents for the two scripts.
var languageCodes = map[string]string{
	"en": "en", "af": "af", "sq": "sq", "ar": "ar", "be": "be",
	"bg": "bg", "ca": "ca", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW",
	"hr": "hr", "cs": "cs", "da": "da", "nl": "nl", "et": "et",
	"fil": "tl", "fi": "fi", "fr": "fr", "gl": "gl", "de": "de",
	"el": "el", "he": "iw", "hi": "hi", "hu": "hu", "is": "is",
	"id": "id", "ga": "ga", "it": "it", "ja": "ja", "ko": "ko",
	"lv": "lv", "lt": "lt", "mk": "mk", "ms": "ms", "mt": "mt",
	"no": "no", "fa": "fa", "pl": "pl", "pt": "pt", "ro": "ro",
	"ru": "ru", "sr": "sr", "sk": "sk", "sl": "sl", "es": "es",
	"sw": "sw", "sv": "sv", "th": "th", "tr": "tr", "uk": "uk",
	"vi": "vi", "cy": "cy", "yi": "yi",
}

func codes(src, dst string) (source, target string, ok bool) {
	source, okSrc := languageCodes[src]
	target, okDst := languageCodes[dst]
	if !okSrc || !okDst || source == target {
		return "", "", false
	}
	return source, target, true
}
