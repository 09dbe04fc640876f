package libretranslate

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/batch"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
	"github.com/byline-news/byline/internal/translate/internal/ratelimit"
)

// ErrAPIKey is wrapped by the error for a 403 answer: the server wants
// an API key, or refused the one given.
var ErrAPIKey = errors.New("libretranslate: API key missing or refused")

// Client is the LibreTranslate provider. It is safe for concurrent use;
// set MaxTexts and MaxChars before the first call.
type Client struct {
	// MaxTexts is the most texts one request carries; 50 by default.
	MaxTexts int
	// MaxChars is the most characters one request carries; 20,000 by
	// default. A longer text is sent alone.
	MaxChars int

	base    string
	apiKey  string
	http    *http.Client
	retry   httpretry.Policy
	now     func() time.Time
	limits  translate.Limits
	limiter *ratelimit.Limiter // nil: unlimited

	mu       sync.Mutex
	langs    catalog   // nil until listed successfully
	failed   error     // the last listing's error, if it failed
	failedAt time.Time // when it failed
}

// retryListing is how long a failed GET /languages is remembered before
// the server is asked again.
const retryListing = time.Minute

var (
	_ translate.Provider = (*Client)(nil)
	_ translate.Limited  = (*Client)(nil)
)

// DefaultLimits is the request rate of a self-hosted server as it starts:
// unlimited. LibreTranslate's --req-limit (LT_REQ_LIMIT), the most
// requests a minute per client outside the limits of API keys, and
// --char-limit, the most characters per request, both default to no limit
// (-1 in libretranslate/default_values.py; the options are listed in the
// README, https://github.com/LibreTranslate/LibreTranslate#arguments).
// GET /languages is exempt from the limiter there, and here. A server
// started with --req-limit, or a key with a per-minute allowance (the
// public instance at libretranslate.com needs a key, whose plan sets its
// rate), is matched with WithLimits; going over answers 429 "Slowdown",
// which the client retries.
var DefaultLimits = translate.Limits{}

// Option configures a Client.
type Option func(*Client)

// WithLimits replaces DefaultLimits: the client then waits before each
// POST /translate (each batch, each retry) until it is within l's
// requests and characters a minute. The zero Limits is unlimited.
func WithLimits(l translate.Limits) Option { return func(c *Client) { c.limits = l } }

// New returns the provider for the LibreTranslate server at baseURL
// (e.g. "https://libretranslate.example.org"). apiKey may be empty for a
// server that needs none; client may be nil for http.DefaultClient.
func New(baseURL, apiKey string, client *http.Client, opts ...Option) *Client {
	if client == nil {
		client = http.DefaultClient
	}
	c := &Client{
		MaxTexts: 50,
		MaxChars: 20_000,
		base:     strings.TrimRight(baseURL, "/"),
		apiKey:   apiKey,
		http:     client,
		retry:    httpretry.Default,
		now:      time.Now,
		limits:   DefaultLimits,
	}
	for _, o := range opts {
		o(c)
	}
	c.limiter = ratelimit.New(c.limits.RequestsPerMinute, c.limits.CharsPerMinute)
	return c
}

// Limits returns the request rate the client keeps to.
func (c *Client) Limits() translate.Limits { return c.limits }

// Name returns "libretranslate".
func (c *Client) Name() string { return "libretranslate" }

// Supports reports whether the server's /languages offers src→dst. A
// failure to list the languages counts as no.
func (c *Client) Supports(ctx context.Context, src, dst string) bool {
	langs, err := c.languages(ctx)
	if err != nil {
		return false
	}
	_, _, ok := langs.pair(src, dst)
	return ok
}

// Translate translates texts from src to dst, one result per text in
// order, in as many requests as MaxTexts and MaxChars require; on any
// error it returns no texts.
func (c *Client) Translate(ctx context.Context, src, dst string, texts []string) ([]string, error) {
	langs, err := c.languages(ctx)
	if err != nil {
		return nil, err
	}
	s, d, ok := langs.pair(src, dst)
	if !ok {
		return nil, fmt.Errorf("libretranslate: %s to %s: %w", src, dst, translate.ErrUnsupported)
	}
	out := make([]string, 0, len(texts))
	for _, batch := range batch.Split(texts, c.MaxTexts, c.MaxChars) {
		got, err := c.translate(ctx, s, d, batch)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

// languages returns the server's languages, listing them once. A failed
// listing is remembered for a minute, then tried again; one cut short by
// ctx is not remembered.
func (c *Client) languages(ctx context.Context) (catalog, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.langs != nil {
		return c.langs, nil
	}
	if c.failed != nil && c.now().Sub(c.failedAt) < retryListing {
		return nil, c.failed
	}
	langs, err := c.listLanguages(ctx)
	if err != nil {
		if ctx.Err() == nil {
			c.failed, c.failedAt = err, c.now()
		}
		return nil, err
	}
	c.langs, c.failed = newCatalog(langs), nil
	return c.langs, nil
}

// listLanguages asks the server for its languages.
func (c *Client) listLanguages(ctx context.Context) ([]language, error) {
	body, err := c.do(ctx, unlimited, func() (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/languages", nil)
	})
	if err != nil {
		return nil, err
	}
	return parseLanguages(body)
}
