package site

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/urls"
)

type languageKey struct{}

// localized strips a translation language's prefix (/fr/articles/x) and
// routes the rest as the source-language path, with the language in the
// request context for the page frame. A path whose first segment is not
// a translation language is routed as it is, so /xx/ is a 404.
func (s *Site) localized(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code, rest := urls.Unlocalize(r.URL.Path, s.langs.IsTranslation)
		if code == "" {
			first, after := firstSegment(r.URL.Path)
			switch {
			case first == s.langs.Source.Code:
				// The source language has no prefix: /en/x is /x.
				target := "/" + after
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, target, http.StatusMovedPermanently)
			case looksLikeLanguage(first) && r.Method == http.MethodGet:
				s.unknownLanguage(w, r, "/"+after)
			default:
				next.ServeHTTP(w, r)
			}
			return
		}
		if r.URL.Path == "/"+code {
			// The language's home is /fr/; one address per page.
			target := "/" + code + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		lang, _ := s.langs.Lookup(code)
		r2 := r.WithContext(context.WithValue(r.Context(), languageKey{}, lang))
		u := *r.URL
		u.Path, u.RawPath = rest, ""
		r2.URL = &u
		next.ServeHTTP(w, r2)
	})
}

// firstSegment splits "/xx/rest" into "xx" and "rest".
func firstSegment(path string) (string, string) {
	first, rest, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return first, rest
}

// languageCode matches what a language code in a URL looks like (a BCP 47
// tag: "fr", "yue", "zh-Hans", "pt-BR"); no page of the site has such a
// short first segment.
var languageCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

func looksLikeLanguage(s string) bool { return languageCode.MatchString(s) }

// language returns the language of the page frame: the one of the URL
// prefix, or the source language.
func (s *Site) language(r *http.Request) i18n.Language {
	if l, ok := r.Context().Value(languageKey{}).(i18n.Language); ok {
		return l
	}
	return s.langs.Source
}

// withQuery appends the encoded query to path, leaving it bare when the
// query is empty.
func withQuery(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// localizer returns the interface text of the request's language.
func (s *Site) localizer(r *http.Request) *i18n.Localizer {
	return s.text.Localizer(s.language(r).Code)
}
