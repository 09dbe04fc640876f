// Package urls builds the public addresses of the site's pages. Every
// package that prints or links a page (the site, feeds, sitemap, API,
// importer, mail) uses it, so the URL scheme lives in one place.
//
// The scheme: the source language is unprefixed; a translation is the same
// path under /{code}/. Articles are /articles/{slug}, authors
// /authors/{slug}, tags /tags/{slug}, the archive /archive/{yyyy}/{mm}.
package urls

import (
	"fmt"
	"net/url"
	"strings"
)

// Builder makes absolute URLs against the site's public base URL.
type Builder struct {
	base   *url.URL
	source string
}

// New parses baseURL (scheme and host, optionally a path prefix) and takes
// the source language's code, which is never used as a prefix.
func New(baseURL, sourceLanguage string) (*Builder, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil {
		return nil, fmt.Errorf("base URL %q: %w", baseURL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("base URL %q: want an absolute http or https URL", baseURL)
	}
	u.RawQuery, u.Fragment = "", ""
	return &Builder{base: u, source: sourceLanguage}, nil
}

// Base returns the base URL without a trailing slash.
func (b *Builder) Base() string { return b.base.String() }

// Abs turns a site path ("/articles/x") into an absolute URL. Absolute
// URLs are returned unchanged.
func (b *Builder) Abs(path string) string {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		return path
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return b.base.String() + path
}

// Localize puts path under the language prefix; the source language and ""
// leave it as is.
func (b *Builder) Localize(lang, path string) string {
	if lang == "" || lang == b.source {
		return path
	}
	if path == "/" {
		return "/" + lang + "/"
	}
	return "/" + lang + path
}

// Unlocalize splits "/fr/articles/x" into "fr" and "/articles/x" when the
// first segment satisfies isLang; otherwise it returns "" and the path.
func Unlocalize(path string, isLang func(string) bool) (lang, rest string) {
	trimmed := strings.TrimPrefix(path, "/")
	seg, after, found := strings.Cut(trimmed, "/")
	if seg == "" || !isLang(seg) {
		return "", path
	}
	if !found {
		return seg, "/"
	}
	return seg, "/" + after
}

// Article is the path of an article.
func Article(slug string) string { return "/articles/" + url.PathEscape(slug) }

// Author is the path of an author's page.
func Author(slug string) string { return "/authors/" + url.PathEscape(slug) }

// Tag is the path of a tag's page.
func Tag(slug string) string { return "/tags/" + url.PathEscape(slug) }

// Month is the path of one month of the archive.
func Month(year, month int) string { return fmt.Sprintf("/archive/%04d/%02d", year, month) }

// Media is the path of an uploaded or imported file in the media store.
func Media(name string) string { return "/media/" + strings.TrimPrefix(name, "/") }
