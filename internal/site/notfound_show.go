package site

import (
	"net/http"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/view"
)

// notFoundLatest is how many recent articles the 404 page suggests.
const notFoundLatest = 6

// showNotFound answers every path no other route takes.
func (s *Site) showNotFound(w http.ResponseWriter, r *http.Request) { s.notFound(w, r) }

// notFound writes the 404 page: a search box, the latest articles and the
// way home, in the language of the request.
func (s *Site) notFound(w http.ResponseWriter, r *http.Request) {
	f, ok := s.notFoundFrame(w, r)
	if !ok {
		return
	}
	latest, _, err := s.store.FindArticles(r.Context(), news.ArticleFilter{PublicAt: f.now, Limit: notFoundLatest})
	if err != nil {
		s.logger.Error("loading the latest articles for the 404 page", "err", err)
		// Still a useful page, but not one to keep.
		w.Header().Set("Cache-Control", "no-store")
		latest = nil
	}
	s.renderNotFound(w, r, f, r.URL.Path, latest, false)
}

// unknownLanguage is the 404 page for an address under a language the
// site does not have: it lists the languages, each leading to the page
// asked for (path, without the unknown prefix).
func (s *Site) unknownLanguage(w http.ResponseWriter, r *http.Request, path string) {
	if f, ok := s.notFoundFrame(w, r); ok {
		s.renderNotFound(w, r, f, path, nil, true)
	}
}

// notFoundFrame loads the frame of a 404 page; when the settings cannot
// be read it answers a plain 404 itself and reports false.
func (s *Site) notFoundFrame(w http.ResponseWriter, r *http.Request) (*frame, bool) {
	f, err := s.newFrame(r)
	if err != nil {
		s.logger.Error("loading settings for the 404 page", "err", err)
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "Page not found.", http.StatusNotFound)
		return nil, false
	}
	return f, true
}

func (s *Site) renderNotFound(w http.ResponseWriter, r *http.Request, f *frame, path string, latest []news.Article, unknownLanguage bool) {
	p := s.newPage(f, path, pageTitle(f.l.T("notfound.title"), f.settings))
	p.NoIndex = true
	p.NotFound = &view.NotFound{
		UnknownLanguage: unknownLanguage,
		Box:             view.SearchBox{Action: f.link("/search"), ID: "notfound-q"},
		Latest:          s.cards(f, latest),
	}
	s.renderPage(w, r, http.StatusNotFound, view.PageNotFound, p)
}
