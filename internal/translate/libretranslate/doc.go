// Package libretranslate is the provider for a LibreTranslate server,
// self-hosted or a paid instance, over its documented HTTP API:
// GET /languages for the pairs (read once and cached) and POST /translate
// with format=html, the texts as a JSON array.
//
// Limits: a request carries at most MaxTexts texts (50) and MaxChars
// characters (20,000), so larger calls are split into several requests.
// Requests are paced only when WithLimits sets a rate, such as the
// server's --req-limit (see DefaultLimits). A 429 ("Slowdown") or 5xx
// answer or a failed connection is retried up to four times with
// backoff, honouring Retry-After; a 429 whose message
// speaks of a daily limit or quota is a *translate.QuotaError lasting to
// the end of the day (UTC), and a 403 (API key missing or refused) wraps
// ErrAPIKey and is not retried.
//
// Site language codes are matched to the server's: zh-Hans to "zh-Hans"
// or "zh", zh-Hant to "zh-Hant" or "zt", no to "nb", fil to "tl", and
// so on, preferring whichever the server lists.
package libretranslate
