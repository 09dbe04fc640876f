package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/urls"
)

// httpError is an error about HTTP itself rather than the domain: a
// method or a media type the endpoint does not take. The domain has no
// code for these, so the status travels with the error; the code the
// client sees is the wrapped error's, EINVALID.
type httpError struct {
	status int
	err    *news.Error
}

func (e *httpError) Error() string { return e.err.Error() }
func (e *httpError) Unwrap() error { return e.err }

// errorBody is the shape of every error response.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeError answers with err as JSON. The status comes from httperr, the
// one mapping of domain codes. Internal errors are logged with their cause
// and shown to the client only as a generic message.
func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := httperr.Status(err)
	var he *httpError
	if errors.As(err, &he) {
		status = he.status
	}
	var body errorBody
	body.Error.Code = news.ErrorCode(err)
	body.Error.Message = news.ErrorMessage(err)
	if status >= http.StatusInternalServerError {
		a.logger.Error("API request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
		if body.Error.Code == news.EINTERNAL {
			body.Error.Message = "An internal error occurred; it has been logged."
		}
	}
	if status == http.StatusUnauthorized {
		// RFC 6750: a request without credentials gets the bare challenge,
		// one with a bad token learns that the token is the problem.
		challenge := "Bearer"
		if r.Header.Get("Authorization") != "" {
			challenge = `Bearer error="invalid_token"`
		}
		w.Header().Set("WWW-Authenticate", challenge)
	}
	a.writeJSON(w, r, status, body)
}

// writeJSON answers with v as JSON. The encoder's HTML escaping stays on:
// "<" in a title reaches the client as \u003c, harmless if some client
// pastes the response into a page.
func (a *API) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		a.logger.Error("encoding an API response", "method", r.Method, "path", r.URL.Path, "err", err)
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"An internal error occurred; it has been logged."}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if _, err := w.Write(append(b, '\n')); err != nil {
		// The client has gone; there is no one left to tell.
		a.logger.Debug("writing an API response", "method", r.Method, "path", r.URL.Path, "err", err)
	}
}

// writeNoContent answers 204.
func writeNoContent(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
}

// articleJSON is an article as the API shows it: the stored article and
// its public address.
type articleJSON struct {
	news.Article
	URL string `json:"url"`
}

func (a *API) articleJSON(ar news.Article) articleJSON {
	// Empty lists are [] rather than null, so clients can range over them.
	if ar.Authors == nil {
		ar.Authors = []news.Author{}
	}
	if ar.Tags == nil {
		ar.Tags = []news.Tag{}
	}
	return articleJSON{Article: ar, URL: a.urls.Abs(urls.Article(ar.Slug))}
}

// authorJSON is an author and the address of their public page.
type authorJSON struct {
	news.Author
	URL string `json:"url"`
}

func (a *API) authorsJSON(list []news.Author) []authorJSON {
	out := make([]authorJSON, 0, len(list))
	for _, au := range list {
		out = append(out, authorJSON{Author: au, URL: a.urls.Abs(urls.Author(au.Slug))})
	}
	return out
}

// tagJSON is a tag and the address of its public page.
type tagJSON struct {
	news.Tag
	URL string `json:"url"`
}

func (a *API) tagsJSON(list []news.Tag) []tagJSON {
	out := make([]tagJSON, 0, len(list))
	for _, t := range list {
		out = append(out, tagJSON{Tag: t, URL: a.urls.Abs(urls.Tag(t.Slug))})
	}
	return out
}

// page is the paging part of every list response.
type page struct {
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
}

// savedArticle is the answer to a save: the article and what the save
// created on the way (authors and tags named for the first time).
type savedArticle struct {
	articleJSON
	CreatedAuthors []authorJSON `json:"created_authors"`
	CreatedTags    []tagJSON    `json:"created_tags"`
}

func (a *API) savedArticle(ar news.Article, rep publishing.Report) savedArticle {
	return savedArticle{
		articleJSON:    a.articleJSON(ar),
		CreatedAuthors: a.authorsJSON(rep.CreatedAuthors),
		CreatedTags:    a.tagsJSON(rep.CreatedTags),
	}
}

// apiArticleURL is the absolute address of an article in this API.
func (a *API) apiArticleURL(id int64) string {
	return a.urls.Abs("/api/v1/articles/" + strconv.FormatInt(id, 10))
}
