package site

import (
	"net/http"
	"net/url"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/view"
)

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
