package site

import (
	"net/http"
	"time"

	"github.com/byline-news/byline/internal/urls"
	"github.com/byline-news/byline/internal/view"
)

// showArchive lists the months that have public articles, by year.
func (s *Site) showArchive(w http.ResponseWriter, r *http.Request) {
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	months, err := s.store.ArticleMonths(r.Context(), f.now)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	archive := &view.Archive{}
	for _, m := range months {
		if n := len(archive.Years); n == 0 || archive.Years[n-1].Year != m.Year {
			archive.Years = append(archive.Years, view.ArchiveYear{Year: m.Year})
		}
		y := &archive.Years[len(archive.Years)-1]
		y.Months = append(y.Months, view.ArchiveMonth{
			Name:  f.l.Month(time.Month(m.Month)),
			URL:   f.link(urls.Month(m.Year, m.Month)),
			Count: m.Count,
		})
	}
	p := s.newPage(f, "/archive", pageTitle(f.l.T("nav.archive"), f.settings))
	p.Archive = archive
	s.renderPage(w, r, http.StatusOK, view.PageArchive, p)
}
