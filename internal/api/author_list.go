package api

import (
	"net/http"

	"github.com/byline-news/byline/internal/news"
)

// authorList answers GET /api/v1/authors, filtered by ?q= (words of the
// name) and paged by ?page= and ?per_page=. Authors are public: their
// pages are on the site.
func (a *API) authorList(w http.ResponseWriter, r *http.Request) {
	if _, _, err := a.caller(r); err != nil {
		a.writeError(w, r, err)
		return
	}
	p, err := paging(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	list, total, err := a.store.FindAuthors(r.Context(), news.AuthorFilter{
		Query: r.URL.Query().Get("q"), Offset: p.offset(), Limit: p.PerPage,
	})
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	p.Total = total
	a.writeJSON(w, r, http.StatusOK, struct {
		Authors []authorJSON `json:"authors"`
		page
	}{a.authorsJSON(list), p})
}
