package deepl

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

// maxResponseBytes bounds what is read of one answer; a full batch's
// translation is a few hundred KiB at most.
const maxResponseBytes = 8 << 20

// statusQuotaExceeded is DeepL's own status for a spent character quota.
const statusQuotaExceeded = 456

// response is the JSON answer of POST /v2/translate.
type response struct {
	Translations []struct {
		DetectedSourceLanguage string `json:"detected_source_language"`
		Text                   string `json:"text"`
	} `json:"translations"`
}

// parseResponse reads a /v2/translate answer that must hold want texts.
func parseResponse(data []byte, want int) ([]string, error) {
	var r response
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("deepl: malformed answer: %w", err)
	}
	if len(r.Translations) != want {
		return nil, fmt.Errorf("deepl: answer has %d translations for %d texts", len(r.Translations), want)
	}
	out := make([]string, len(r.Translations))
	for i, t := range r.Translations {
		out[i] = t.Text
	}
	return out, nil
}

// errorMessage returns DeepL's explanation from an error answer's body,
// {"message": "...", "detail": "..."}, or a short excerpt of the body.
func errorMessage(body []byte) string {
	var e struct {
		Message string `json:"message"`
		Detail  string `json:"detail"`
	}
	if json.Unmarshal(body, &e) == nil && e.Message != "" {
		if e.Detail != "" {
			return e.Message + ": " + e.Detail
		}
		return e.Message
	}
	s := strings.TrimSpace(string(body))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	if s == "" {
		return "no message"
	}
	return s
}

// retryableError is a failure DeepL asks to retry (429, 5xx, a dropped
// connection); after is its Retry-After, if any.
type retryableError struct {
	err   error
	after time.Duration
}

func (e *retryableError) Error() string { return e.err.Error() }
func (e *retryableError) Unwrap() error { return e.err }

// translateBatch sends one request, retrying what DeepL asks to retry.
func (c *Client) translateBatch(ctx context.Context, req request) ([]string, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("deepl: encode request: %w", err)
	}
	for attempt := 1; ; attempt++ {
		data, err := c.post(ctx, body)
		if err == nil {
			return parseResponse(data, len(req.Text))
		}
		var re *retryableError
		if !errors.As(err, &re) {
			return nil, err
		}
		if attempt >= c.maxAttempts {
			return nil, fmt.Errorf("deepl: giving up after %d attempts: %w", attempt, re.err)
		}
		if err := c.sleep(ctx, backoff(attempt, re.after)); err != nil {
			return nil, fmt.Errorf("deepl: stopped waiting to retry after %v: %w", re.err, err)
		}
	}
}

// post makes one attempt and classifies DeepL's answer.
func (c *Client) post(ctx context.Context, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(c.baseURL, "/")+"/v2/translate", bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("deepl: build request: %w", err)
	}
	req.Header.Set("Authorization", "DeepL-Auth-Key "+c.key)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		// The URL error names no secret (the key travels in a header),
		// but report only its cause to keep messages short.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("deepl: request: %w", ctx.Err())
		}
		return nil, &retryableError{err: fmt.Errorf("deepl: request: %w", err)}
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, maxResponseBytes))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("deepl: read answer: %w", ctx.Err())
		}
		return nil, &retryableError{err: fmt.Errorf("deepl: read answer: %w", err)}
	}
	switch s := res.StatusCode; {
	case s == http.StatusOK:
		return data, nil
	case s == http.StatusTooManyRequests:
		return nil, &retryableError{
			err:   fmt.Errorf("deepl: too many requests (HTTP 429): %s", errorMessage(data)),
			after: parseRetryAfter(res.Header, c.now()),
		}
	case s == statusQuotaExceeded:
		return nil, &translate.QuotaError{
			Provider: "deepl",
			Until:    endOfUTCDay(c.now()),
			Detail:   "character quota exceeded (HTTP 456): " + errorMessage(data),
		}
	case s == http.StatusUnauthorized || s == http.StatusForbidden:
		return nil, fmt.Errorf("deepl: authorization failed (HTTP %d), check the auth key: %s", s, errorMessage(data))
	case s >= 500:
		return nil, &retryableError{
			err:   fmt.Errorf("deepl: server error (HTTP %d): %s", s, errorMessage(data)),
			after: parseRetryAfter(res.Header, c.now()),
		}
	default:
		return nil, fmt.Errorf("deepl: request refused (HTTP %d): %s", s, errorMessage(data))
	}
}
