package libretranslate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
	"github.com/byline-news/byline/internal/translate/internal/ratelimit"
)

// maxResponse bounds the body read from the server.
const maxResponse = 32 << 20

// translateRequest is the body of POST /translate.
type translateRequest struct {
	Q      []string `json:"q"`
	Source string   `json:"source"`
	Target string   `json:"target"`
	Format string   `json:"format"`
	APIKey string   `json:"api_key,omitempty"`
}

// translate sends one batch.
func (c *Client) translate(ctx context.Context, src, dst string, texts []string) ([]string, error) {
	body, err := json.Marshal(translateRequest{Q: texts, Source: src, Target: dst, Format: "html", APIKey: c.apiKey})
	if err != nil {
		return nil, fmt.Errorf("libretranslate: %w", err)
	}
	res, err := c.do(ctx, ratelimit.Chars(texts), func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/translate", bytes.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
		}
		return req, err
	})
	if err != nil {
		return nil, err
	}
	return parseTranslation(res, len(texts))
}

// parseTranslation reads the answer to POST /translate for n texts:
// translatedText is an array of n strings (a lone string is accepted for
// one text, as servers answer a string q).
func parseTranslation(body []byte, n int) ([]string, error) {
	var r struct {
		TranslatedText json.RawMessage `json:"translatedText"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("libretranslate: /translate: malformed answer: %w", err)
	}
	var list []string
	if err := json.Unmarshal(r.TranslatedText, &list); err != nil || list == nil {
		var one string
		if n != 1 || json.Unmarshal(r.TranslatedText, &one) != nil {
			return nil, errors.New("libretranslate: /translate: the answer has no translatedText list")
		}
		list = []string{one}
	}
	if len(list) != n {
		return nil, fmt.Errorf("libretranslate: /translate returned %d texts for %d", len(list), n)
	}
	return list, nil
}

// unlimited, as do's chars, exempts a request from the rate limit.
const unlimited = -1

// do sends the request newReq builds, retrying a 429 (unless it is the
// daily quota), a 5xx or a failed connection as the policy allows, and
// returns the body of a 200 answer. Each try first waits for the rate
// limit, counting chars characters, unless chars is unlimited.
func (c *Client) do(ctx context.Context, chars int, newReq func() (*http.Request, error)) ([]byte, error) {
	for attempt := 1; ; attempt++ {
		req, err := newReq()
		if err != nil {
			return nil, fmt.Errorf("libretranslate: %w", err)
		}
		if chars != unlimited {
			if err := c.limiter.Wait(ctx, chars); err != nil {
				return nil, fmt.Errorf("libretranslate %s: waiting for the rate limit: %w", req.URL.Path, err)
			}
		}
		body, header, status, err := c.send(req)
		if err == nil && status == http.StatusOK {
			return body, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("libretranslate %s: %w", req.URL.Path, context.Cause(ctx))
		}
		if err == nil {
			err = c.statusError(req.URL.Path, status, header, body)
			if !httpretry.Retryable(status) || translate.IsQuota(err) {
				return nil, err
			}
		}
		wait, err := c.retry.Next(attempt, header, c.now(), err)
		if err != nil {
			return nil, err
		}
		if err := httpretry.Sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("libretranslate %s: %w", req.URL.Path, err)
		}
	}
}

// send makes one request and reads the answer.
func (c *Client) send(req *http.Request) (body []byte, header http.Header, status int, err error) {
	res, err := c.http.Do(req)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("libretranslate %s: %w", req.URL.Path, err)
	}
	defer res.Body.Close()
	body, err = io.ReadAll(io.LimitReader(res.Body, maxResponse))
	if err != nil {
		return nil, res.Header, 0, fmt.Errorf("libretranslate %s: read the answer: %w", req.URL.Path, err)
	}
	return body, res.Header, res.StatusCode, nil
}

// dailyLimit recognises a 429 that will not pass within minutes:
// flask-limiter's "N per 1 day" or a message about a quota.
var dailyLimit = regexp.MustCompile(`(?i)per (1 )?day|daily|quota|exhausted`)

// statusError turns an answer other than 200 into an error.
func (c *Client) statusError(path string, status int, header http.Header, body []byte) error {
	msg := errorMessage(body)
	switch {
	case status == http.StatusForbidden:
		return fmt.Errorf("%w (HTTP 403 from %s): %s", ErrAPIKey, path, msg)
	case status == http.StatusTooManyRequests && dailyLimit.MatchString(msg):
		now := c.now().UTC()
		until := httpretry.NextMidnight(now, time.UTC)
		if ra, ok := httpretry.RetryAfter(header, now); ok && ra > 0 {
			until = now.Add(ra)
		}
		return &translate.QuotaError{Provider: "libretranslate", Until: until, Detail: msg}
	default:
		return fmt.Errorf("libretranslate %s: HTTP %d: %s", path, status, msg)
	}
}

// errorMessage extracts {"error": "…"} from an answer, or a short piece
// of the body when it is not JSON.
func errorMessage(body []byte) string {
	var r struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &r) == nil && r.Error != "" {
		return clip(r.Error)
	}
	if s := strings.TrimSpace(string(body)); s != "" {
		return clip(s)
	}
	return "no details"
}

// clip shortens s for an error message.
func clip(s string) string { return httpretry.Clip(s, 300) }
