// Package deepl translates through the DeepL API (v2, /v2/translate).
//
// Texts are sent with tag_handling=xml, so the pipeline's placeholder tags
// (<g1>…</g1>, <x2/>) come back in place; the text around them is escaped
// as XML on the way out and unescaped on the way back. Requests are
// batched to DeepL's documented limits (50 texts, 128 KiB body), and
// paced only when WithLimits sets a rate (see DefaultLimits). Answers
// 429 and 5xx (including DeepL's 529) are retried with exponential backoff
// and jitter, honouring Retry-After; 456 (quota exceeded) becomes a
// *translate.QuotaError until the end of the UTC day; 403 (bad key) and
// other 4xx fail at once with DeepL's message.
//
// The supported languages are a static table taken from DeepL's documented
// list of text-translation languages, not fetched from /v2/languages
// (which omits some languages that text translation supports).
//
// The tests run against a local httptest server that speaks DeepL's
// documented protocol, including its error codes; no real key is used.
package deepl

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
	"github.com/byline-news/byline/internal/translate/internal/ratelimit"
)

const (
	freeBaseURL = "https://api-free.deepl.com"
	proBaseURL  = "https://api.deepl.com"

	defaultTimeout     = 60 * time.Second
	defaultMaxAttempts = 4
)

// Client is a translate.Provider backed by DeepL.
type Client struct {
	key         string
	baseURL     string
	http        *http.Client
	maxAttempts int
	sleep       httpretry.SleepFunc
	now         func() time.Time
	targets     map[string]string
	limits      translate.Limits
	limiter     *ratelimit.Limiter // nil: unlimited
}

var (
	_ translate.Provider = (*Client)(nil)
	_ translate.Limited  = (*Client)(nil)
)

// DefaultLimits is DeepL's request rate as Byline assumes it: unlimited.
// DeepL publishes no fixed rate: its error-handling guide says a 429
// "might" come "when sending many API requests in a short period of
// time" and asks clients to retry with exponential backoff
// (https://developers.deepl.com/docs/best-practices/error-handling), which
// the client does. Its only character limit is the monthly quota (500,000
// on the Free plan, Cost Control on Pro), answered with 456, not a rate.
// Batches of up to 50 texts sent one after another are far from the
// level at which DeepL sheds load, so a guessed cap would only slow
// translation down; set one with WithLimits if an account needs it.
var DefaultLimits = translate.Limits{}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client (default: one with a 60 s timeout).
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.http = hc } }

// WithBaseURL replaces the API's base URL, such as a test server's.
func WithBaseURL(u string) Option { return func(c *Client) { c.baseURL = u } }

// WithMaxAttempts sets how many times one request is tried (default 4).
func WithMaxAttempts(n int) Option {
	return func(c *Client) {
		if n > 0 {
			c.maxAttempts = n
		}
	}
}

// WithSleep replaces the wait between attempts; it must return early with
// ctx's error when ctx ends. Tests use it to run retries without waiting.
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(c *Client) { c.sleep = sleep }
}

// WithClock replaces time.Now, used for quota expiry and Retry-After dates.
func WithClock(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// WithLimits replaces DefaultLimits: the client then waits before each
// request (each batch, each retry) until it is within l's requests and
// characters a minute. The zero Limits is unlimited.
func WithLimits(l translate.Limits) Option { return func(c *Client) { c.limits = l } }

// WithTargetCode sends DeepL code as the target for the site's language
// lang, for example ("pt", "PT-BR") or ("en", "EN-GB").
func WithTargetCode(lang, code string) Option {
	return func(c *Client) { c.targets[lang] = code }
}

// New returns a DeepL client for authKey. A key ending in ":fx" belongs to
// the free plan and is sent to api-free.deepl.com, any other to api.deepl.com.
func New(authKey string, opts ...Option) *Client {
	c := &Client{
		key:         authKey,
		baseURL:     proBaseURL,
		http:        &http.Client{Timeout: defaultTimeout},
		maxAttempts: defaultMaxAttempts,
		sleep:       httpretry.Sleep,
		now:         time.Now,
		targets:     defaultTargets(),
		limits:      DefaultLimits,
	}
	if isFreeKey(authKey) {
		c.baseURL = freeBaseURL
	}
	for _, o := range opts {
		o(c)
	}
	c.limiter = ratelimit.New(c.limits.RequestsPerMinute, c.limits.CharsPerMinute)
	return c
}

// Limits returns the request rate the client keeps to.
func (c *Client) Limits() translate.Limits { return c.limits }

// Name returns "deepl".
func (c *Client) Name() string { return "deepl" }

// Supports reports whether DeepL's documented list has src as a source
// and dst as a target language, and they are not variants of one language.
func (c *Client) Supports(_ context.Context, src, dst string) bool {
	_, _, ok := c.codes(src, dst)
	return ok
}

// Translate returns one translation per text, in order.
func (c *Client) Translate(ctx context.Context, src, dst string, texts []string) ([]string, error) {
	source, target, ok := c.codes(src, dst)
	if !ok {
		return nil, fmt.Errorf("deepl: %s to %s: %w", src, dst, translate.ErrUnsupported)
	}
	if len(texts) == 0 {
		return []string{}, nil
	}
	escaped := make([]string, len(texts))
	for i, t := range texts {
		escaped[i] = escapeText(t)
	}
	batches, err := splitBatches(escaped, source, target)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(texts))
	for _, b := range batches {
		got, err := c.translateBatch(ctx, b)
		if err != nil {
			return nil, err
		}
		for _, t := range got {
			out = append(out, unescapeText(t))
		}
	}
	return out, nil
}

func (c *Client) codes(src, dst string) (source, target string, ok bool) {
	source, okSrc := sourceCodes[src]
	target, okDst := c.targets[dst]
	if !okSrc || !okDst || source == baseCode(target) {
		return "", "", false
	}
	return source, target, true
}

func isFreeKey(key string) bool {
	return len(key) > 3 && key[len(key)-3:] == ":fx"
}
