package google

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/translate"
)

// maxResponseBytes bounds what is read of one answer.
const maxResponseBytes = 8 << 20

// request is the JSON body of POST /language/translate/v2.
type request struct {
	Q      []string `json:"q"`
	Source string   `json:"source"`
	Target string   `json:"target"`
	Format string   `json:"format"`
}

// response is the JSON answer of POST /language/translate/v2.
type response struct {
	Data struct {
		Translations []struct {
			TranslatedText string `json:"translatedText"`
		} `json:"translations"`
	} `json:"data"`
}

// parseResponse reads a translate answer that must hold want texts.
func parseResponse(data []byte, want int) ([]string, error) {
	var r response
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("google: malformed answer: %w", err)
	}
	got := r.Data.Translations
	if len(got) != want {
		return nil, fmt.Errorf("google: answer has %d translations for %d texts", len(got), want)
	}
	out := make([]string, len(got))
	for i, t := range got {
		out[i] = t.TranslatedText
	}
	return out, nil
}

// apiError is Google's JSON error body.
type apiError struct {
	Error struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Status  string `json:"status"`
		Errors  []struct {
			Reason  string `json:"reason"`
			Message string `json:"message"`
		} `json:"errors"`
		Details []struct {
			Reason string `json:"reason"`
		} `json:"details"`
	} `json:"error"`
}

// parseError reads an error answer: Google's message and its reasons
// (both the v2 "errors" list and the newer ErrorInfo details).
func parseError(body []byte) (message string, reasons []string) {
	var e apiError
	if json.Unmarshal(body, &e) != nil || e.Error.Message == "" {
		s := strings.TrimSpace(string(body))
		if len(s) > 200 {
			s = s[:200] + "…"
		}
		if s == "" {
			s = "no message"
		}
		return s, nil
	}
	for _, r := range e.Error.Errors {
		reasons = append(reasons, r.Reason)
	}
	for _, d := range e.Error.Details {
		if d.Reason != "" {
			reasons = append(reasons, d.Reason)
		}
	}
	return e.Error.Message, reasons
}

// retryableError is a failure Google asks to retry (rate limits, 5xx, a
// dropped connection); after is its Retry-After, if any.
type retryableError struct {
	err   error
	after time.Duration
}

func (e *retryableError) Error() string { return e.err.Error() }
func (e *retryableError) Unwrap() error { return e.err }

// translateBatch sends one request, retrying what Google asks to retry.
func (c *Client) translateBatch(ctx context.Context, req request) ([]string, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("google: encode request: %w", err)
	}
	for attempt := 1; ; attempt++ {
		data, err := c.post(ctx, body)
		if err == nil {
			return parseResponse(data, len(req.Q))
		}
		var re *retryableError
		if !errors.As(err, &re) {
			return nil, err
		}
		if attempt >= c.maxAttempts {
			return nil, fmt.Errorf("google: giving up after %d attempts: %w", attempt, re.err)
		}
		if err := c.sleep(ctx, backoff(attempt, re.after)); err != nil {
			return nil, fmt.Errorf("google: stopped waiting to retry after %v: %w", re.err, err)
		}
	}
}

// post makes one attempt and classifies Google's answer.
func (c *Client) post(ctx context.Context, body []byte) ([]byte, error) {
	endpoint := strings.TrimSuffix(c.baseURL, "/") + "/language/translate/v2?key=" + url.QueryEscape(c.key)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		// The parse error would quote the URL, key included.
		return nil, errors.New("google: build request: invalid base URL")
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		// A *url.Error quotes the URL, which holds the key: keep its cause only.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("google: request: %w", ctx.Err())
		}
		return nil, &retryableError{err: fmt.Errorf("google: request: %w", err)}
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, maxResponseBytes))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("google: read answer: %w", ctx.Err())
		}
		return nil, &retryableError{err: fmt.Errorf("google: read answer: %w", err)}
	}
	if res.StatusCode == http.StatusOK {
		return data, nil
	}
	return nil, c.classify(res, data)
}

// classify turns an error answer into the error Translate returns.
func (c *Client) classify(res *http.Response, body []byte) error {
	s := res.StatusCode
	msg, reasons := parseError(body)
	has := func(names ...string) bool {
		for _, r := range reasons {
			for _, n := range names {
				if strings.EqualFold(r, n) {
					return true
				}
			}
		}
		return false
	}
	switch {
	case has("dailyLimitExceeded", "quotaExceeded"):
		return &translate.QuotaError{
			Provider: "google",
			Until:    nextMidnight(c.now(), c.pacific),
			Detail:   fmt.Sprintf("HTTP %d: %s", s, msg),
		}
	case s == http.StatusTooManyRequests || has("userRateLimitExceeded", "rateLimitExceeded"):
		return &retryableError{
			err:   fmt.Errorf("google: rate limited (HTTP %d): %s", s, msg),
			after: parseRetryAfter(res.Header, c.now()),
		}
	case has("keyInvalid", "API_KEY_INVALID") || s == http.StatusUnauthorized:
		return fmt.Errorf("google: API key rejected (HTTP %d), check the key: %s", s, msg)
	case s >= 500:
		return &retryableError{
			err:   fmt.Errorf("google: server error (HTTP %d): %s", s, msg),
			after: parseRetryAfter(res.Header, c.now()),
		}
	default:
		return fmt.Errorf("google: request refused (HTTP %d): %s", s, msg)
	}
}
