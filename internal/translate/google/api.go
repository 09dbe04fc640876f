package google

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
	"github.com/byline-news/byline/internal/translate/internal/ratelimit"
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
		return httpretry.Excerpt(body, 200, "no message"), nil
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

// translateBatch sends one request, retrying what Google asks to retry.
func (c *Client) translateBatch(ctx context.Context, req request) ([]string, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("google: encode request: %w", err)
	}
	chars := ratelimit.Chars(req.Q)
	data, err := httpretry.Do(ctx, "google", httpretry.Jittered(c.maxAttempts), c.sleep, func() ([]byte, error) {
		if err := c.limiter.Wait(ctx, chars); err != nil {
			return nil, fmt.Errorf("google: waiting for the rate limit: %w", err)
		}
		return c.post(ctx, body)
	})
	if err != nil {
		return nil, err
	}
	return parseResponse(data, len(req.Q))
}

// post makes one attempt and classifies Google's answer.
func (c *Client) post(ctx context.Context, body []byte) ([]byte, error) {
	endpoint := strings.TrimSuffix(c.baseURL, "/") + "/language/translate/v2?key=" + url.QueryEscape(c.key)
	// PostJSON keeps the URL, which holds the key, out of its errors.
	res, data, err := httpretry.PostJSON(ctx, c.http, endpoint, nil, body, maxResponseBytes, "google")
	if err != nil {
		return nil, err
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
			Until:    httpretry.NextMidnight(c.now(), c.pacific),
			Detail:   fmt.Sprintf("HTTP %d: %s", s, msg),
		}
	case s == http.StatusTooManyRequests || has("userRateLimitExceeded", "rateLimitExceeded"):
		return httpretry.Retry(fmt.Errorf("google: rate limited (HTTP %d): %s", s, msg), res.Header, c.now())
	case has("keyInvalid", "API_KEY_INVALID") || s == http.StatusUnauthorized:
		return fmt.Errorf("google: API key rejected (HTTP %d), check the key: %s", s, msg)
	case s >= 500:
		return httpretry.Retry(fmt.Errorf("google: server error (HTTP %d): %s", s, msg), res.Header, c.now())
	default:
		return fmt.Errorf("google: request refused (HTTP %d): %s", s, msg)
	}
}
