package site

import (
	"net/http"

	"github.com/byline-news/byline/internal/view"
)

// showNewsletter explains the daily newsletter. Subscribing by email
// arrives with the newsletter itself; until then the page points to the
// feeds.
func (s *Site) showNewsletter(w http.ResponseWriter, r *http.Request) {
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(f, "/newsletter", pageTitle(f.l.T("newsletter.name"), f.settings))
	p.Description = f.l.T("newsletter.description", "Site", f.settings.Name)
	p.Newsletter = &view.Newsletter{Feeds: feedLinks(f)}
	s.renderPage(w, r, http.StatusOK, view.PageNewsletter, p)
}
