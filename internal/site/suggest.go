package site

import (
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/view"
)

// A reader who arrives on a page in the source language while their
// browser prefers another language of the site gets a line, written in
// that language, offering the same page in it. Never a redirect: the
// reader may have come for the original. A page in a language the reader
// chose (a /fr/ address) offers nothing.

// languageMatcher matches Accept-Language against the site's languages.
type languageMatcher struct {
	matcher language.Matcher
	codes   []string
	// seen remembers the answer per header value: browsers send few
	// distinct ones, and matching costs more than serving a cached page.
	seen  sync.Map // string → string
	count atomic.Int64
}

// maxSeenHeaders bounds the remembered header values; past it the memo
// starts over.
const maxSeenHeaders = 4096

func newLanguageMatcher(set *i18n.Set) *languageMatcher {
	all := set.All()
	tags := make([]language.Tag, 0, len(all))
	codes := make([]string, 0, len(all))
	for _, l := range all {
		tags = append(tags, language.Make(l.Code))
		codes = append(codes, l.Code)
	}
	return &languageMatcher{matcher: language.NewMatcher(tags), codes: codes}
}

// maxAcceptLanguage bounds the header parsed: longer ones are not a
// browser's.
const maxAcceptLanguage = 256

// preferred returns the site language the request's Accept-Language
// prefers, or "" when it names none with confidence.
func (m *languageMatcher) preferred(r *http.Request) string {
	h := r.Header.Get("Accept-Language")
	if h == "" || len(h) > maxAcceptLanguage {
		return ""
	}
	if code, ok := m.seen.Load(h); ok {
		return code.(string)
	}
	code := m.match(h)
	if m.count.Add(1) > maxSeenHeaders {
		m.seen.Clear()
		m.count.Store(1)
	}
	m.seen.Store(h, code)
	return code
}

func (m *languageMatcher) match(h string) string {
	prefs, _, err := language.ParseAcceptLanguage(h)
	if err != nil || len(prefs) == 0 {
		return ""
	}
	_, i, conf := m.matcher.Match(prefs...)
	if conf < language.High {
		return ""
	}
	return m.codes[i]
}

// suggestCode is the language to suggest on the page r asks for: only on
// source-language pages, only for another language of the site.
func (s *Site) suggestCode(r *http.Request) string {
	// Before routing the prefix is in the path; after, in the context.
	if code, _ := splitLanguage(r.URL.Path, s.langs); code != "" || s.language(r).Code != s.langs.Source.Code {
		return ""
	}
	if code := s.matcher.preferred(r); code != s.langs.Source.Code {
		return code
	}
	return ""
}

// suggestVariant tells the page cache what of Accept-Language a page
// shows: the suggested language, on source-language pages only.
func (s *Site) suggestVariant(r *http.Request) (string, bool) {
	if code, _ := splitLanguage(r.URL.Path, s.langs); code != "" {
		return "", false
	}
	return s.suggestCode(r), true
}

// splitLanguage returns the translation language prefix of path, if any.
func splitLanguage(path string, set *i18n.Set) (string, string) {
	rest := strings.TrimPrefix(path, "/")
	code, _, _ := strings.Cut(rest, "/")
	if set.IsTranslation(code) {
		return code, rest
	}
	return "", path
}

// suggestion builds the line offering the page at path in the language
// the frame's request prefers.
func (s *Site) suggestion(f *frame, path string) *view.Suggestion {
	if f.suggest == "" {
		return nil
	}
	l, ok := s.langs.Lookup(f.suggest)
	if !ok {
		return nil
	}
	loc := s.text.Localizer(l.Code)
	return &view.Suggestion{
		Code: l.Code, Dir: l.Dir, Name: loc.LanguageName(l.Code),
		URL: s.urls.Localize(l.Code, path), L: loc,
	}
}

// ogLocale is the Open Graph form of a language code: language and
// territory ("fr_FR", "zh_CN"), the territory being the likeliest one.
func ogLocale(code string) string {
	tag := language.Make(code)
	base, _ := tag.Base()
	region, _ := tag.Region()
	return base.String() + "_" + region.String()
}
