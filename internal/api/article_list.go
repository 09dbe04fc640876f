package api

import (
	"net/http"

	"github.com/byline-news/byline/internal/news"
)

// articleList answers GET /api/v1/articles: articles newest first, filtered
// by ?status=, ?author= (slug), ?tag= (slug) and ?q=, paged by ?page= and
// ?per_page=. Without a token only public articles are listed.
func (a *API) articleList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_, authed, err := a.caller(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	p, err := paging(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	q := r.URL.Query()
	f := news.ArticleFilter{Query: q.Get("q"), Offset: p.offset(), Limit: p.PerPage}

	if s := q.Get("status"); s != "" {
		f.Status = news.Status(s)
		if !f.Status.Valid() {
			a.writeError(w, r, news.Errorf(news.EINVALID,
				"The status parameter must be draft, scheduled or published, not %q.", s))
			return
		}
	}
	if !authed {
		if f.Status != "" && f.Status != news.StatusPublished {
			a.writeError(w, r, news.Errorf(news.EUNAUTHORIZED,
				"Listing %s articles needs an API token; without one only published articles are listed.", f.Status))
			return
		}
		f.Status, f.PublicAt = news.StatusPublished, a.now()
	}

	// A slug that names nothing filters everything out, as any other
	// filter that matches nothing would.
	empty := false
	if slug := q.Get("author"); slug != "" {
		au, err := a.store.AuthorBySlug(ctx, slug)
		switch {
		case news.IsNotFound(err):
			empty = true
		case err != nil:
			a.writeError(w, r, err)
			return
		}
		f.AuthorID = au.ID
	}
	if slug := q.Get("tag"); slug != "" {
		t, err := a.store.TagBySlug(ctx, slug)
		switch {
		case news.IsNotFound(err):
			empty = true
		case err != nil:
			a.writeError(w, r, err)
			return
		}
		f.TagID = t.ID
	}

	var (
		list  []news.Article
		total int
	)
	if !empty {
		if list, total, err = a.store.FindArticles(ctx, f); err != nil {
			a.writeError(w, r, err)
			return
		}
	}
	out := make([]articleJSON, 0, len(list))
	for _, ar := range list {
		out = append(out, a.articleJSON(ar))
	}
	p.Total = total
	a.writeJSON(w, r, http.StatusOK, struct {
		Articles []articleJSON `json:"articles"`
		page
	}{out, p})
}
