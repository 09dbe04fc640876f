package site

import (
	"net/http"
	"strconv"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
)

// showArchiveMonth lists the public articles of one month (UTC). A month
// without articles has no page, which keeps crawlers from walking through
// every month of every year.
func (s *Site) showArchiveMonth(w http.ResponseWriter, r *http.Request) {
	year, month, ok := parseMonth(r.PathValue("year"), r.PathValue("month"))
	if !ok {
		s.notFound(w, r)
		return
	}
	l := s.localizer(r)
	s.showList(w, r, listSpec{
		filter:  news.ArticleFilter{Year: year, Month: month},
		path:    urls.Month(year, month),
		heading: l.T("archive.month_title", "Month", l.Month(time.Month(month)), "Year", strconv.Itoa(year)),
	})
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
