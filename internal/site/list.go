package site

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/view"
)

// perPage is how many articles a list page shows.
const perPage = 20

// listPage is one page of a list of public articles.
type listPage struct {
	articles []news.Article
	total    int
	page     int
}

// loadList reads the page of public articles matching filter that the
// request's ?page= asks for. ok is false, with nothing written, when the
// page number is not a page of the list: the caller answers 404.
func (s *Site) loadList(r *http.Request, f *frame, filter news.ArticleFilter) (listPage, bool, error) {
	page, ok := pageNumber(r.URL.Query())
	if !ok {
		return listPage{}, false, nil
	}
	filter.PublicAt = f.now
	filter.Limit = perPage
	filter.Offset = (page - 1) * perPage
	list, total, err := s.store.FindArticles(r.Context(), filter)
	if err != nil {
		return listPage{}, false, err
	}
	if page > 1 && len(list) == 0 {
		return listPage{}, false, nil
	}
	return listPage{articles: list, total: total, page: page}, true, nil
}

// listSpec says what a page listing public articles shows.
type listSpec struct {
	filter  news.ArticleFilter
	path    string // the source-language path, without ?page=
	heading string
	// empty is shown when there are no articles; when it is "", a list
	// without articles is not found instead.
	empty string
	// decorate, when set, adds to the page (an author's profile).
	decorate func(f *frame, p *view.Page)
}

// showList answers a list page: author, tag or archive month.
func (s *Site) showList(w http.ResponseWriter, r *http.Request, spec listSpec) {
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lp, ok, err := s.loadList(r, f, spec.filter)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !ok || (spec.empty == "" && lp.total == 0) {
		s.notFound(w, r)
		return
	}
	p := s.newPage(f, pagePath(spec.path, nil, lp.page), pageTitle(spec.heading, f.settings))
	p.List = s.listView(f, p, spec.path, nil, lp, spec.heading, spec.empty)
	if spec.decorate != nil {
		spec.decorate(f, p)
	}
	s.renderPage(w, r, http.StatusOK, view.PageList, p)
}

// listView fills a view.List and the page's prev/next links.
func (s *Site) listView(f *frame, p *view.Page, path string, query url.Values, lp listPage, heading, empty string) *view.List {
	pg := pagination(f, path, query, lp.page, lp.total)
	p.PrevURL, p.NextURL = pg.PrevURL, pg.NextURL
	return &view.List{
		Heading:    heading,
		Articles:   s.cards(f, lp.articles),
		Pagination: pg,
		Empty:      empty,
	}
}

// pageNumber reads ?page=N: absent is 1; anything but a whole number from
// 1 to 99999 is not a page.
func pageNumber(q url.Values) (int, bool) {
	v := q.Get("page")
	if v == "" {
		return 1, true
	}
	if len(v) > 5 || !digits(v) {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, false
	}
	return n, true
}

// pagePath is path with the page number of a list, page 1 being bare.
func pagePath(path string, q url.Values, page int) string {
	q2 := url.Values{}
	for k, v := range q {
		q2[k] = v
	}
	if page > 1 {
		q2.Set("page", strconv.Itoa(page))
	} else {
		q2.Del("page")
	}
	return withQuery(path, q2)
}

// pagination places page among the pages of a list of total articles.
// query holds the parameters besides page that select the list.
func pagination(f *frame, path string, query url.Values, page, total int) view.Pagination {
	pages := max(1, (total+perPage-1)/perPage)
	p := view.Pagination{Page: page, Pages: pages, Total: total}
	if page > 1 {
		p.PrevURL = f.link(pagePath(path, query, min(page-1, pages)))
	}
	if page < pages {
		p.NextURL = f.link(pagePath(path, query, page+1))
	}
	return p
}
