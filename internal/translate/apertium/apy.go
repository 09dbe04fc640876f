package apertium

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
	"github.com/byline-news/byline/internal/translate/internal/ratelimit"
)

// NewAPy returns the provider that speaks to an apertium-apy server at
// baseURL (e.g. "http://localhost:2737"): GET /listPairs once for the
// pairs, POST /translate per batch with format=html and markUnknown=no.
// A 429 or 5xx answer or a failed connection is retried up to four times
// with backoff, honouring Retry-After. client may be nil for
// http.DefaultClient; its timeout, if any, bounds each request. The
// requests are not rate limited (DefaultLimits) unless WithLimits says so.
func NewAPy(baseURL string, client *http.Client, opts ...APyOption) *Provider {
	if client == nil {
		client = http.DefaultClient
	}
	a := &apy{base: strings.TrimRight(baseURL, "/"), client: client, retry: httpretry.Default, limits: DefaultLimits}
	for _, o := range opts {
		o(a)
	}
	a.limiter = ratelimit.New(a.limits.RequestsPerMinute, a.limits.CharsPerMinute)
	return &Provider{t: a, limits: a.limits}
}

// DefaultLimits is Apertium's request rate: unlimited. The program runs
// on this machine, and an APy server is usually one's own, local or on
// the network, which limits nothing unless a proxy in front of it does;
// Apertium documents no rate. A shared server is matched with WithLimits.
var DefaultLimits = translate.Limits{}

// APyOption configures the APy transport.
type APyOption func(*apy)

// WithLimits replaces DefaultLimits for an APy server: each POST
// /translate (each batch, each retry) first waits until it is within l's
// requests and characters a minute. The zero Limits is unlimited.
func WithLimits(l translate.Limits) APyOption { return func(a *apy) { a.limits = l } }

// apy is the APy HTTP transport.
type apy struct {
	base    string
	client  *http.Client
	retry   httpretry.Policy
	limits  translate.Limits
	limiter *ratelimit.Limiter // nil: unlimited
}

// maxResponse bounds the body read from the server.
const maxResponse = 32 << 20

func (a *apy) maxChars() int { return 20_000 }

func (a *apy) pairs(ctx context.Context) ([]pair, error) {
	body, err := a.do(ctx, unlimited, func() (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, a.base+"/listPairs", nil)
	})
	if err != nil {
		return nil, err
	}
	return parseAPyPairs(body)
}

func (a *apy) translate(ctx context.Context, mode, html string) (string, error) {
	form := url.Values{
		"langpair":    {mode},
		"q":           {html},
		"markUnknown": {"no"},
		"format":      {"html"},
	}.Encode()
	body, err := a.do(ctx, utf8.RuneCountInString(html), func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.base+"/translate", strings.NewReader(form))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		return req, err
	})
	if err != nil {
		return "", err
	}
	return parseAPyTranslate(body)
}

// unlimited, as do's chars, exempts a request from the rate limit.
const unlimited = -1

// do sends the request newReq builds, retrying as the policy allows, and
// returns the body of a 200 answer. Each try first waits for the rate
// limit, counting chars characters, unless chars is unlimited (the
// listing of pairs, read once).
func (a *apy) do(ctx context.Context, chars int, newReq func() (*http.Request, error)) ([]byte, error) {
	for attempt := 1; ; attempt++ {
		req, err := newReq()
		if err != nil {
			return nil, fmt.Errorf("apertium apy: %w", err)
		}
		if chars != unlimited {
			if err := a.limiter.Wait(ctx, chars); err != nil {
				return nil, fmt.Errorf("apertium apy %s: waiting for the rate limit: %w", req.URL.Path, err)
			}
		}
		body, header, err := a.send(req)
		if err == nil {
			return body, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("apertium apy %s: %w", req.URL.Path, context.Cause(ctx))
		}
		var se *statusError
		if errors.As(err, &se) && !httpretry.Retryable(se.status) {
			return nil, err
		}
		wait, err := a.retry.Next(attempt, header, time.Now(), err)
		if err != nil {
			return nil, err
		}
		if err := httpretry.Sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("apertium apy %s: %w", req.URL.Path, err)
		}
	}
}

// send makes one request. A non-200 answer is a *statusError.
func (a *apy) send(req *http.Request) ([]byte, http.Header, error) {
	res, err := a.client.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("apertium apy %s: %w", req.URL.Path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxResponse))
	if err != nil {
		return nil, res.Header, fmt.Errorf("apertium apy %s: read the answer: %w", req.URL.Path, err)
	}
	if res.StatusCode != http.StatusOK {
		return nil, res.Header, &statusError{path: req.URL.Path, status: res.StatusCode, detail: apyDetail(body)}
	}
	return body, res.Header, nil
}

// statusError is an APy answer other than 200.
type statusError struct {
	path   string
	status int
	detail string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("apertium apy %s: HTTP %d: %s", e.path, e.status, e.detail)
}

// apyResponse is the envelope of every APy answer.
type apyResponse struct {
	ResponseData    json.RawMessage `json:"responseData"`
	ResponseDetails json.RawMessage `json:"responseDetails"`
	ResponseStatus  int             `json:"responseStatus"`
}

// parseAPyEnvelope decodes an answer and refuses one whose
// responseStatus is not 200.
func parseAPyEnvelope(body []byte) (apyResponse, error) {
	var r apyResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return r, fmt.Errorf("apertium apy: malformed answer: %w", err)
	}
	if r.ResponseStatus != http.StatusOK {
		return r, fmt.Errorf("apertium apy: responseStatus %d: %s", r.ResponseStatus, details(r.ResponseDetails))
	}
	return r, nil
}

// parseAPyTranslate reads the answer to /translate.
func parseAPyTranslate(body []byte) (string, error) {
	r, err := parseAPyEnvelope(body)
	if err != nil {
		return "", err
	}
	var data struct {
		TranslatedText *string `json:"translatedText"`
	}
	if err := json.Unmarshal(r.ResponseData, &data); err != nil || data.TranslatedText == nil {
		return "", errors.New("apertium apy: the answer has no responseData.translatedText")
	}
	return *data.TranslatedText, nil
}

// parseAPyPairs reads the answer to /listPairs.
func parseAPyPairs(body []byte) ([]pair, error) {
	r, err := parseAPyEnvelope(body)
	if err != nil {
		return nil, err
	}
	var data []struct {
		Source string `json:"sourceLanguage"`
		Target string `json:"targetLanguage"`
	}
	if err := json.Unmarshal(r.ResponseData, &data); err != nil {
		return nil, fmt.Errorf("apertium apy: listPairs: responseData is not a list of pairs: %w", err)
	}
	var list []pair
	for _, d := range data {
		if isCode(d.Source) && isCode(d.Target) {
			list = append(list, pair{src: d.Source, dst: d.Target, mode: d.Source + "|" + d.Target})
		}
	}
	return list, nil
}

// apyDetail extracts responseDetails from an error answer, or a short
// piece of the body when it is not APy's JSON.
func apyDetail(body []byte) string {
	var r apyResponse
	if json.Unmarshal(body, &r) == nil && len(r.ResponseDetails) > 0 {
		return details(r.ResponseDetails)
	}
	return clip(strings.TrimSpace(string(body)))
}

// details renders responseDetails, a string or (rarely) other JSON.
func details(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return clip(s)
	}
	if len(raw) == 0 || string(raw) == "null" {
		return "no details"
	}
	return clip(string(raw))
}

// clip shortens s for an error message.
func clip(s string) string { return httpretry.Clip(s, 300) }
