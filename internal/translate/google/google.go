// Package google translates through Google Cloud Translation Basic (v2),
// POST /language/translate/v2 with an API key.
//
// Texts are sent with format=html, so the pipeline's placeholder tags
// (<g1>…</g1>, <x2/>) are treated as markup and kept; the text around
// them is HTML-escaped on the way out, and on the way back the answer's
// character references (Google escapes quotes and the like) are resolved
// and any attributes Google adds to the tags (a dir style when writing
// right to left) are dropped. Requests are batched to Google's documented
// limits: 128 texts, and a recommended 5,000 characters (configurable),
// and paced to the per-minute quota, DefaultLimits unless WithLimits
// sets another.
//
// Errors follow Google's JSON error format: reasons dailyLimitExceeded and
// quotaExceeded become a *translate.QuotaError until the next midnight
// Pacific Time, when Google resets daily quotas; rate limits
// (userRateLimitExceeded, rateLimitExceeded, HTTP 429) and 5xx answers are
// retried with exponential backoff and jitter, honouring Retry-After; an
// invalid key and other refusals fail at once with Google's message. The
// key travels in the query string as Google documents, and is kept out of
// every error.
//
// The tests run against a local httptest server that speaks the v2
// protocol, including its error format; no real key is used.
package google

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/batch"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
	"github.com/byline-news/byline/internal/translate/internal/ratelimit"
)

const (
	defaultBaseURL     = "https://translation.googleapis.com"
	defaultTimeout     = 60 * time.Second
	defaultMaxAttempts = 4
	defaultMaxChars    = 5000
	maxTexts           = 128 // Google's documented limit of q values per request
)

// Client is a translate.Provider backed by Cloud Translation Basic.
type Client struct {
	key         string
	baseURL     string
	http        *http.Client
	maxAttempts int
	maxChars    int
	sleep       httpretry.SleepFunc
	now         func() time.Time
	pacific     *time.Location
	limits      translate.Limits
	limiter     *ratelimit.Limiter // nil: unlimited
}

var (
	_ translate.Provider = (*Client)(nil)
	_ translate.Limited  = (*Client)(nil)
)

// DefaultLimits is Cloud Translation's default per-minute quota for a
// project: 6,000,000 characters a minute sent to the general model (v2
// and v3 together), the same per user, where with an API key the user is
// the client's IP address; characters per day are unlimited by default
// (https://cloud.google.com/translate/quotas). Every character sent,
// white space and markup included, counts. The page sets no
// requests-per-minute quota for v2 text translation, so requests are not
// limited. A project whose quota was changed in the console sets its own
// with WithLimits; going over answers 403 userRateLimitExceeded, which
// the client retries.
var DefaultLimits = translate.Limits{CharsPerMinute: 6_000_000}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client (default: one with a 60 s timeout).
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.http = hc } }

// WithBaseURL replaces https://translation.googleapis.com, such as with a
// test server's URL.
func WithBaseURL(u string) Option { return func(c *Client) { c.baseURL = u } }

// WithMaxAttempts sets how many times one request is tried (default 4).
func WithMaxAttempts(n int) Option {
	return func(c *Client) {
		if n > 0 {
			c.maxAttempts = n
		}
	}
}

// WithMaxChars sets the characters sent per request (default 5,000, the
// size Google recommends). A longer text is sent alone.
func WithMaxChars(n int) Option {
	return func(c *Client) {
		if n > 0 {
			c.maxChars = n
		}
	}
}

// WithLimits replaces DefaultLimits: the client then waits before each
// request (each batch, each retry) until it is within l's requests and
// characters a minute. The zero Limits is unlimited.
func WithLimits(l translate.Limits) Option { return func(c *Client) { c.limits = l } }

// WithSleep replaces the wait between attempts; it must return early with
// ctx's error when ctx ends. Tests use it to run retries without waiting.
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(c *Client) { c.sleep = sleep }
}

// WithClock replaces time.Now, used for quota expiry and Retry-After dates.
func WithClock(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// New returns a Cloud Translation Basic client for apiKey.
func New(apiKey string, opts ...Option) *Client {
	c := &Client{
		key:         apiKey,
		baseURL:     defaultBaseURL,
		http:        &http.Client{Timeout: defaultTimeout},
		maxAttempts: defaultMaxAttempts,
		maxChars:    defaultMaxChars,
		sleep:       httpretry.Sleep,
		now:         time.Now,
		pacific:     pacificTime(),
		limits:      DefaultLimits,
	}
	for _, o := range opts {
		o(c)
	}
	c.limiter = ratelimit.New(c.limits.RequestsPerMinute, c.limits.CharsPerMinute)
	return c
}

// Limits returns the request rate the client keeps to.
func (c *Client) Limits() translate.Limits { return c.limits }

// Name returns "google".
func (c *Client) Name() string { return "google" }

// Supports reports whether Google translates src to dst; it offers every
// language of the site's set.
func (c *Client) Supports(_ context.Context, src, dst string) bool {
	_, _, ok := codes(src, dst)
	return ok
}

// Translate returns one translation per text, in order.
func (c *Client) Translate(ctx context.Context, src, dst string, texts []string) ([]string, error) {
	source, target, ok := codes(src, dst)
	if !ok {
		return nil, fmt.Errorf("google: %s to %s: %w", src, dst, translate.ErrUnsupported)
	}
	if len(texts) == 0 {
		return []string{}, nil
	}
	escaped := make([]string, len(texts))
	for i, t := range texts {
		escaped[i] = escapeText(t)
	}
	out := make([]string, 0, len(texts))
	for _, b := range batch.Split(escaped, maxTexts, c.maxChars) {
		got, err := c.translateBatch(ctx, request{Q: b, Source: source, Target: target, Format: "html"})
		if err != nil {
			return nil, err
		}
		for _, t := range got {
			out = append(out, unescapeText(t))
		}
	}
	return out, nil
}

// pacificTime is the zone of Google's daily quota reset; without the
// system's zone database it falls back to standard time, which errs an
// hour late in summer.
func pacificTime() *time.Location {
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		return time.FixedZone("PST", -8*60*60)
	}
	return loc
}
