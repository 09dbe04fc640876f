package deepl

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
	"github.com/byline-news/byline/internal/translate/internal/ratelimit"
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
	return httpretry.Excerpt(body, 200, "no message")
}

// translateBatch sends one request, retrying what DeepL asks to retry.
func (c *Client) translateBatch(ctx context.Context, req request) ([]string, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("deepl: encode request: %w", err)
	}
	chars := ratelimit.Chars(req.Text)
	data, err := httpretry.Do(ctx, "deepl", httpretry.Jittered(c.maxAttempts), c.sleep, func() ([]byte, error) {
		if err := c.limiter.Wait(ctx, chars); err != nil {
			return nil, fmt.Errorf("deepl: waiting for the rate limit: %w", err)
		}
		return c.post(ctx, body)
	})
	if err != nil {
		return nil, err
	}
	return parseResponse(data, len(req.Text))
}

// post makes one attempt and classifies DeepL's answer.
func (c *Client) post(ctx context.Context, body []byte) ([]byte, error) {
	endpoint := strings.TrimSuffix(c.baseURL, "/") + "/v2/translate"
	auth := http.Header{"Authorization": {"DeepL-Auth-Key " + c.key}}
	res, data, err := httpretry.PostJSON(ctx, c.http, endpoint, auth, body, maxResponseBytes, "deepl")
	if err != nil {
		return nil, err
	}
	switch s := res.StatusCode; {
	case s == http.StatusOK:
		return data, nil
	case s == http.StatusTooManyRequests:
		return nil, httpretry.Retry(fmt.Errorf("deepl: too many requests (HTTP 429): %s", errorMessage(data)), res.Header, c.now())
	case s == statusQuotaExceeded:
		return nil, &translate.QuotaError{
			Provider: "deepl",
			Until:    httpretry.NextMidnight(c.now(), time.UTC),
			Detail:   "character quota exceeded (HTTP 456): " + errorMessage(data),
		}
	case s == http.StatusUnauthorized || s == http.StatusForbidden:
		return nil, fmt.Errorf("deepl: authorization failed (HTTP %d), check the auth key: %s", s, errorMessage(data))
	case s >= 500:
		return nil, httpretry.Retry(fmt.Errorf("deepl: server error (HTTP %d): %s", s, errorMessage(data)), res.Header, c.now())
	default:
		return nil, fmt.Errorf("deepl: request refused (HTTP %d): %s", s, errorMessage(data))
	}
}
