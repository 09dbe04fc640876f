package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translate/internal/httpretry"
	"github.com/byline-news/byline/internal/translate/internal/ratelimit"
)

// maxResponseBytes bounds what is read of one answer.
const maxResponseBytes = 8 << 20

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type responseFormat struct {
	Type string `json:"type"`
}

// chatRequest is the JSON body of POST /v1/chat/completions.
type chatRequest struct {
	Model          string          `json:"model"`
	Temperature    float64         `json:"temperature"`
	Messages       []message       `json:"messages"`
	ResponseFormat *responseFormat `json:"response_format,omitempty"`
}

// chatResponse is the part of a chat-completions answer that is read.
type chatResponse struct {
	Choices []struct {
		Message struct {
			Content *string `json:"content"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}

// parseAnswer reads a chat-completions answer whose first choice must
// hold want translations.
func parseAnswer(data []byte, want int) ([]string, error) {
	var r chatResponse
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("malformed answer: %w", err)
	}
	if len(r.Choices) == 0 {
		return nil, errors.New("answer has no choices")
	}
	ch := r.Choices[0]
	if ch.FinishReason == "length" {
		return nil, errors.New("answer cut off at the model's token limit")
	}
	if ch.Message.Content == nil {
		return nil, errors.New("answer has no content")
	}
	return parseContent(*ch.Message.Content, want)
}

// parseContent reads the model's message: {"translations": [...]} or a
// bare JSON array, optionally inside a ```json fence, with want strings.
func parseContent(content string, want int) ([]string, error) {
	s := strings.TrimSpace(content)
	if strings.HasPrefix(s, "```") {
		if _, rest, ok := strings.Cut(s, "\n"); ok {
			s = rest
		} else {
			s = strings.TrimPrefix(s, "```")
		}
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "```"))
	}
	var got []string
	if strings.HasPrefix(s, "[") {
		if err := json.Unmarshal([]byte(s), &got); err != nil {
			return nil, fmt.Errorf("model's answer is not a JSON array of strings: %w", err)
		}
	} else {
		var obj struct {
			Translations []string `json:"translations"`
		}
		if err := json.Unmarshal([]byte(s), &obj); err != nil {
			return nil, fmt.Errorf("model's answer is not the JSON object asked for: %w", err)
		}
		if obj.Translations == nil {
			return nil, errors.New(`model's answer has no "translations" list`)
		}
		got = obj.Translations
	}
	if len(got) != want {
		return nil, fmt.Errorf("model's answer has %d translations for %d texts", len(got), want)
	}
	return got, nil
}

// apiError is the error body of OpenAI and of most compatible servers;
// code is a string at OpenAI and a number at some local servers.
type apiError struct {
	Error struct {
		Message string          `json:"message"`
		Type    string          `json:"type"`
		Code    json.RawMessage `json:"code"`
	} `json:"error"`
}

// parseError reads an error answer's message and code (or type).
func parseError(body []byte) (message, code string) {
	var e apiError
	if json.Unmarshal(body, &e) == nil && e.Error.Message != "" {
		var s string
		if json.Unmarshal(e.Error.Code, &s) == nil && s != "" {
			code = s
		} else {
			code = e.Error.Type
		}
		return e.Error.Message, code
	}
	return httpretry.Excerpt(body, 200, "no message"), ""
}

// translateBatch asks for one batch, retrying what the server asks to retry.
func (c *Client) translateBatch(ctx context.Context, from, to string, texts []string) ([]string, error) {
	user, err := json.Marshal(texts)
	if err != nil {
		return nil, fmt.Errorf("%s: encode texts: %w", c.name, err)
	}
	req := chatRequest{
		Model:       c.model,
		Temperature: 0,
		Messages: []message{
			{Role: "system", Content: instructions(from, to, len(texts))},
			{Role: "user", Content: string(user)},
		},
	}
	if c.jsonMode {
		req.ResponseFormat = &responseFormat{Type: "json_object"}
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("%s: encode request: %w", c.name, err)
	}
	chars := ratelimit.Chars([]string{req.Messages[0].Content, req.Messages[1].Content})
	data, err := httpretry.Do(ctx, c.name, httpretry.Jittered(c.maxAttempts), c.sleep, func() ([]byte, error) {
		if err := c.limiter.Wait(ctx, chars); err != nil {
			return nil, fmt.Errorf("%s: waiting for the rate limit: %w", c.name, err)
		}
		return c.post(ctx, body)
	})
	if err != nil {
		return nil, err
	}
	got, err := parseAnswer(data, len(texts))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.name, err)
	}
	return got, nil
}

// post makes one attempt and classifies the server's answer.
func (c *Client) post(ctx context.Context, body []byte) ([]byte, error) {
	var auth http.Header
	if c.key != "" {
		auth = http.Header{"Authorization": {"Bearer " + c.key}}
	}
	res, data, err := httpretry.PostJSON(ctx, c.http, c.endpoint, auth, body, maxResponseBytes, c.name)
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
	msg, code := parseError(body)
	switch {
	case code == "insufficient_quota" && (s == http.StatusTooManyRequests || s == http.StatusForbidden):
		return &translate.QuotaError{
			Provider: c.name,
			Until:    httpretry.NextMidnight(c.now(), time.UTC),
			Detail:   fmt.Sprintf("HTTP %d: %s", s, msg),
		}
	case s == http.StatusTooManyRequests || s == http.StatusRequestTimeout || s >= 500:
		return httpretry.Retry(fmt.Errorf("%s: HTTP %d: %s", c.name, s, msg), res.Header, c.now())
	case s == http.StatusUnauthorized:
		return fmt.Errorf("%s: API key rejected (HTTP 401), check the key: %s", c.name, msg)
	default:
		return fmt.Errorf("%s: request refused (HTTP %d): %s", c.name, s, msg)
	}
}
