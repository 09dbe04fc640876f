package httpretry

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Send makes one request with hc and reads at most limit bytes of the
// answer, whatever its status. A failed connection or read is an *Error
// (worth another try) unless ctx has ended, when it wraps ctx's error.
// The error keeps only the cause of a *url.Error, never the URL, which
// may carry an API key. name starts every error: "name: request: …" or
// "name: read answer: …".
func Send(ctx context.Context, hc *http.Client, req *http.Request, limit int64, name string) (*http.Response, []byte, error) {
	res, err := hc.Do(req)
	if err != nil {
		err = urlCause(err)
		if ctx.Err() != nil {
			return nil, nil, fmt.Errorf("%s: request: %w", name, ctx.Err())
		}
		return nil, nil, &Error{Err: fmt.Errorf("%s: request: %w", name, err)}
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, limit))
	if err != nil {
		if ctx.Err() != nil {
			return res, nil, fmt.Errorf("%s: read answer: %w", name, ctx.Err())
		}
		return res, nil, &Error{Err: fmt.Errorf("%s: read answer: %w", name, err)}
	}
	return res, body, nil
}

// PostJSON posts body, a JSON document, to endpoint with Content-Type and
// Accept set to application/json and the fields of header added, then
// answers as Send does. Like Send's, its error for a malformed endpoint
// keeps only the cause, never the URL.
func PostJSON(ctx context.Context, hc *http.Client, endpoint string, header http.Header, body []byte, limit int64, name string) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: build request: %w", name, urlCause(err))
	}
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	return Send(ctx, hc, req, limit, name)
}

// urlCause returns the cause of a *url.Error, which quotes the URL, or
// err itself.
func urlCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// Excerpt returns the start of an error answer's body for a message:
// trimmed of white space, cut to at most n bytes on a character boundary
// with "…" added when cut, or none when the body is blank.
func Excerpt(body []byte, n int, none string) string {
	s := strings.TrimSpace(string(body))
	if s == "" {
		return none
	}
	return Clip(s, n)
}

// Clip shortens s to at most n bytes, ending on a character boundary, and
// adds "…" when it cut anything.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
