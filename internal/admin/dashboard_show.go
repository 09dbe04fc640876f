package admin

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
)

// articlesPerPage is how many rows the dashboard lists at a time.
const articlesPerPage = 25

// maxPage bounds the page number, so that the offset stays sane.
const maxPage = 100_000

// dashboardPage lists every article, whatever its status, newest first.
type dashboardPage struct {
	page
	SiteName string
	TimeZone string
	Articles []articleRow
	Total    int
	Page     int
	Pages    int
	NewerURL string
	OlderURL string
}

// articleRow is one article as the dashboard lists it.
type articleRow struct {
	ID        int64
	Title     string
	Status    news.Status
	Authors   string
	PublicURL string // set when readers can see the article now
	// When is the publication time, or the planned one when scheduled.
	When    *stamp
	Created stamp
	Updated stamp
}

// stamp is a time as the page shows it and as <time datetime> reads it.
type stamp struct {
	Text    string
	Machine string
}

func newStamp(t time.Time, loc *time.Location) stamp {
	return stamp{Text: t.In(loc).Format("2 Jan 2006, 15:04"), Machine: t.UTC().Format(time.RFC3339)}
}

// dashboardShow lists the articles, a page at a time.
func (a *Admin) dashboardShow(w http.ResponseWriter, r *http.Request, v *visit) {
	pageNo, err := pageNumber(r.URL.Query().Get("page"))
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	ctx := r.Context()
	settings, err := a.store.Settings(ctx)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	list, total, err := a.store.FindArticles(ctx, news.ArticleFilter{
		Order:  "created_desc",
		Offset: (pageNo - 1) * articlesPerPage,
		Limit:  articlesPerPage,
	})
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	pages := max(1, (total+articlesPerPage-1)/articlesPerPage)
	if pageNo > pages {
		a.renderError(w, r, news.Errorf(news.ENOTFOUND, "There is no page %d of articles; the last is page %d.", pageNo, pages))
		return
	}

	loc := a.location(settings.TimeZone)
	now := a.now()
	p := dashboardPage{
		page:     a.managePage(w, r, "Articles", v),
		SiteName: settings.Name,
		TimeZone: loc.String(),
		Total:    total,
		Page:     pageNo,
		Pages:    pages,
	}
	for _, art := range list {
		p.Articles = append(p.Articles, a.articleRow(art, loc, now))
	}
	if pageNo > 1 {
		p.NewerURL = pageURL(pageNo - 1)
	}
	if pageNo < pages {
		p.OlderURL = pageURL(pageNo + 1)
	}
	a.render(w, r, http.StatusOK, "dashboard", p)
}

func (a *Admin) articleRow(art news.Article, loc *time.Location, now time.Time) articleRow {
	names := make([]string, len(art.Authors))
	for i, au := range art.Authors {
		names[i] = au.Name
	}
	row := articleRow{
		ID:      art.ID,
		Title:   art.Title,
		Status:  art.Status,
		Authors: strings.Join(names, ", "),
		Created: newStamp(art.CreatedAt, loc),
		Updated: newStamp(art.UpdatedAt, loc),
	}
	if !art.PublishedAt.IsZero() && art.Status != news.StatusDraft {
		s := newStamp(art.PublishedAt, loc)
		row.When = &s
	}
	if art.IsPublic(now) {
		row.PublicURL = a.urls.Abs(urls.Article(art.Slug))
	}
	return row
}

// pageNumber reads the page query parameter: empty is the first page.
func pageNumber(s string) (int, error) {
	if s == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxPage {
		return 0, news.Errorf(news.EINVALID, "The page number must be a whole number from 1 to %d.", maxPage)
	}
	return n, nil
}

func pageURL(n int) string {
	if n == 1 {
		return dashboardPath
	}
	return dashboardPath + "?page=" + strconv.Itoa(n)
}

// location returns the site's time zone, or UTC when it is unknown: a bad
// setting must not keep editors out of the admin.
func (a *Admin) location(name string) *time.Location {
	if name == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		a.logger.Warn("unknown time zone in the settings; showing dates in UTC", "time_zone", name, "err", err)
		return time.UTC
	}
	return loc
}
