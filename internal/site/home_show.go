package site

import (
	"net/http"
	"slices"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/view"
)

// leadCount is how many featured articles lead the home page.
const leadCount = 3

// showHome is the front page: the featured articles, then the latest.
// Later pages (?page=N) list the latest only.
func (s *Site) showHome(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, ok := pageNumber(q)
	if !ok {
		s.notFound(w, r)
		return
	}
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	var leads []news.Article
	if page == 1 {
		featured := true
		if leads, _, err = s.store.FindArticles(ctx, news.ArticleFilter{PublicAt: f.now, Featured: &featured, Limit: leadCount}); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	latest, total, err := s.store.FindArticles(ctx, news.ArticleFilter{PublicAt: f.now, Limit: perPage, Offset: (page - 1) * perPage})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if page > 1 && len(latest) == 0 {
		s.notFound(w, r)
		return
	}
	// A lead is not listed again among the latest on the same page.
	latest = slices.DeleteFunc(latest, func(a news.Article) bool {
		return slices.ContainsFunc(leads, func(l news.Article) bool { return l.ID == a.ID })
	})

	st := f.settings
	title := st.Name
	if st.Tagline != "" {
		title += " – " + st.Tagline
	}
	if page > 1 {
		title = pageTitle(f.l.T("home.title_page", "Page", f.l.Number(page)), st)
	}
	p := s.newPage(f, pagePath("/", nil, page), title)
	pg := pagination(f, "/", nil, page, total)
	p.PrevURL, p.NextURL = pg.PrevURL, pg.NextURL
	p.Home = &view.Home{Leads: s.cards(f, leads), Latest: s.cards(f, latest), Pagination: pg}
	s.renderPage(w, r, http.StatusOK, view.PageHome, p)
}
