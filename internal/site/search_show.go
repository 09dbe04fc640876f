package site

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/view"
)

// maxQueryRunes bounds a search query; longer ones are cut.
const maxQueryRunes = 200

// showSearch searches the public articles. Without a query it shows the
// form alone.
func (s *Site) showSearch(w http.ResponseWriter, r *http.Request) {
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := searchQuery(r.URL.Query().Get("q"))
	search := &view.Search{
		Box:   view.SearchBox{Action: f.link("/search"), ID: "search-page-q", Query: q},
		Query: q,
	}
	path := "/search"
	title := f.l.T("search.action")
	var lp listPage
	if q != "" {
		var ok bool
		lp, ok, err = s.loadList(r, f, news.ArticleFilter{Query: q})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if !ok {
			s.notFound(w, r)
			return
		}
		search.Submitted = true
		title = f.l.T("search.results_for", "Query", q)
		path = pagePath(path, url.Values{"q": {q}}, lp.page)
	}
	p := s.newPage(f, path, pageTitle(title, f.settings))
	// Result pages are endless and thin: keep them out of indexes.
	p.NoIndex = true
	p.Search = search
	if search.Submitted {
		found := f.l.N("search.found", lp.total)
		list := s.listView(f, p, "/search", url.Values{"q": {q}}, lp, found, f.l.T("search.no_match", "Query", q))
		search.Results = *list
	}
	s.renderPage(w, r, http.StatusOK, view.PageSearch, p)
}

// searchQuery cleans what a reader typed: surrounding space trimmed,
// invalid UTF-8 replaced, cut to maxQueryRunes runes.
func searchQuery(q string) string {
	q = strings.TrimSpace(strings.ToValidUTF8(q, "\uFFFD"))
	if utf8.RuneCountInString(q) <= maxQueryRunes {
		return q
	}
	n := 0
	for i := range q {
		if n == maxQueryRunes {
			return strings.TrimSpace(q[:i])
		}
		n++
	}
	return q
}
