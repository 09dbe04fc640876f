package site

import (
	"net/http"
	"strconv"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
	"github.com/byline-news/byline/internal/view"
)

// showArchiveMonth lists the public articles of one month (UTC).
func (s *Site) showArchiveMonth(w http.ResponseWriter, r *http.Request) {
	year, month, ok := parseMonth(r.PathValue("year"), r.PathValue("month"))
	if !ok {
		s.notFound(w, r)
		return
	}
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lp, ok, err := s.loadList(r, f, news.ArticleFilter{Year: year, Month: month})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !ok || lp.total == 0 {
		// A month without articles has no page: that keeps crawlers from
		// walking through every month of every year.
		s.notFound(w, r)
		return
	}
	path := urls.Month(year, month)
	heading := "Articles from " + time.Month(month).String() + " " + strconv.Itoa(year)
	p := s.newPage(f, pagePath(path, nil, lp.page), pageTitle(heading, f.settings))
	p.List = s.listView(f, p, path, nil, lp, heading, "")
	s.renderPage(w, r, http.StatusOK, view.PageList, p)
}

// parseMonth reads the year and month of /archive/{yyyy}/{mm}, written
// exactly as urls.Month writes them.
func parseMonth(ys, ms string) (year, month int, ok bool) {
	if len(ys) != 4 || len(ms) != 2 || !digits(ys) || !digits(ms) {
		return 0, 0, false
	}
	year, _ = strconv.Atoi(ys)
	month, _ = strconv.Atoi(ms)
	if year < 1 || month < 1 || month > 12 {
		return 0, 0, false
	}
	return year, month, true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
