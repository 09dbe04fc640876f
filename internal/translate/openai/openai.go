// Package openai translates through any OpenAI-compatible chat-completions
// endpoint (POST {base}/v1/chat/completions): OpenAI itself, or a local
// model server such as llama.cpp's, vLLM or Ollama, which can cover every
// language of the site.
//
// Each batch of texts is sent as a JSON array in the user message, with
// system instructions to translate only the text, keep every placeholder
// tag (<g1>…</g1>, <x2/>) exactly, and answer {"translations": [...]} with
// as many strings, in order. The answer is parsed from the first choice's
// content (a ```json fence is tolerated); invalid JSON or a wrong count is
// an error, so the pipeline falls back to the next engine. Batches hold at
// most 40 texts and 6,000 characters by default, and are paced only when
// WithLimits sets the account's rate (see DefaultLimits).
//
// Errors follow OpenAI's format: 429 and 5xx are retried with exponential
// backoff and jitter, honouring Retry-After; code insufficient_quota (on
// 429 or 403) becomes a *translate.QuotaError until the end of the UTC
// day; 401 and other refusals fail at once with the server's message. The
// API key is sent as a bearer token when set, and kept out of errors.
//
// The tests run against a local httptest server that speaks the
// chat-completions protocol, including its error format; no real key or
// model is used.
package openai

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/batch"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
	"github.com/byline-news/byline/internal/translate/internal/ratelimit"
)

const (
	defaultTimeout     = 60 * time.Second
	defaultMaxAttempts = 4
	defaultMaxChars    = 6000
	defaultMaxTexts    = 40
)

// Client is a translate.Provider backed by a chat-completions endpoint.
type Client struct {
	name        string
	endpoint    string
	key         string
	model       string
	http        *http.Client
	maxAttempts int
	maxChars    int
	maxTexts    int
	jsonMode    bool
	sleep       httpretry.SleepFunc
	now         func() time.Time
	languages   map[string]string // code → English name
	limits      translate.Limits
	limiter     *ratelimit.Limiter // nil: unlimited
}

var (
	_ translate.Provider = (*Client)(nil)
	_ translate.Limited  = (*Client)(nil)
)

// DefaultLimits is the request rate assumed for a chat-completions
// server: unlimited. OpenAI limits requests and tokens a minute (RPM,
// TPM) per organization and model, by usage tier, and shows an account's
// own figures in its settings; there is no one default to assume
// (https://platform.openai.com/docs/guides/rate-limits), and a local model
// server has none. Set an account's with WithLimits: RequestsPerMinute
// for RPM, and CharsPerMinute for TPM, counted on the characters of the
// messages sent (instructions and texts), so about four times the TPM
// for English text and less for other scripts.
var DefaultLimits = translate.Limits{}

// Option configures a Client.
type Option func(*Client)

// WithName sets the routing name (default "openai"), so that two
// endpoints, say a local model and OpenAI, can be routed apart.
func WithName(name string) Option { return func(c *Client) { c.name = name } }

// WithHTTPClient sets the HTTP client (default: one with a 60 s timeout).
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.http = hc } }

// WithMaxAttempts sets how many times one request is tried (default 4).
func WithMaxAttempts(n int) Option {
	return func(c *Client) {
		if n > 0 {
			c.maxAttempts = n
		}
	}
}

// WithMaxChars sets the characters of text per request (default 6,000).
// A longer text is sent alone.
func WithMaxChars(n int) Option {
	return func(c *Client) {
		if n > 0 {
			c.maxChars = n
		}
	}
}

// WithMaxTexts sets the texts per request (default 40).
func WithMaxTexts(n int) Option {
	return func(c *Client) {
		if n > 0 {
			c.maxTexts = n
		}
	}
}

// WithJSONMode sets whether requests ask for response_format json_object
// (default true); some local servers do not accept it.
func WithJSONMode(on bool) Option { return func(c *Client) { c.jsonMode = on } }

// WithLanguages limits the languages translated to and from (default:
// every language of the site). Codes outside the site's set are named by
// their code in the instructions.
func WithLanguages(codes ...string) Option {
	return func(c *Client) {
		site := i18n.Default()
		c.languages = make(map[string]string, len(codes))
		for _, code := range codes {
			name := code
			if l, ok := site.Lookup(code); ok {
				name = l.EnglishName
			}
			c.languages[code] = name
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

// New returns a client for the chat-completions endpoint at baseURL (such
// as "http://127.0.0.1:8080" or "https://api.openai.com/v1"), using model.
// An empty apiKey sends no Authorization header.
func New(baseURL, apiKey, model string, opts ...Option) *Client {
	c := &Client{
		name:        "openai",
		endpoint:    chatURL(baseURL),
		key:         apiKey,
		model:       model,
		http:        &http.Client{Timeout: defaultTimeout},
		maxAttempts: defaultMaxAttempts,
		maxChars:    defaultMaxChars,
		maxTexts:    defaultMaxTexts,
		jsonMode:    true,
		sleep:       httpretry.Sleep,
		now:         time.Now,
		limits:      DefaultLimits,
	}
	WithLanguages(siteCodes()...)(c)
	for _, o := range opts {
		o(c)
	}
	c.limiter = ratelimit.New(c.limits.RequestsPerMinute, c.limits.CharsPerMinute)
	return c
}

// Limits returns the request rate the client keeps to.
func (c *Client) Limits() translate.Limits { return c.limits }

// chatURL returns the chat-completions URL for a base with or without /v1.
func chatURL(base string) string {
	base = strings.TrimRight(base, "/")
	base = strings.TrimSuffix(base, "/v1")
	return base + "/v1/chat/completions"
}

func siteCodes() []string {
	var codes []string
	for _, l := range i18n.Default().All() {
		codes = append(codes, l.Code)
	}
	return codes
}

// Name returns the routing name, "openai" unless set with WithName.
func (c *Client) Name() string { return c.name }

// Supports reports whether src and dst are both among the languages the
// client is configured for, and differ.
func (c *Client) Supports(_ context.Context, src, dst string) bool {
	_, okSrc := c.languages[src]
	_, okDst := c.languages[dst]
	return okSrc && okDst && src != dst
}

// Translate returns one translation per text, in order.
func (c *Client) Translate(ctx context.Context, src, dst string, texts []string) ([]string, error) {
	if !c.Supports(ctx, src, dst) {
		return nil, fmt.Errorf("%s: %s to %s: %w", c.name, src, dst, translate.ErrUnsupported)
	}
	if len(texts) == 0 {
		return []string{}, nil
	}
	out := make([]string, 0, len(texts))
	for _, b := range batch.Split(texts, c.maxTexts, c.maxChars) {
		got, err := c.translateBatch(ctx, c.languages[src], c.languages[dst], b)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}
