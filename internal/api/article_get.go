package api

import (
	"net/http"

	"github.com/byline-news/byline/internal/news"
)

// articleGet answers GET /api/v1/articles/{id}. Without a token an article
// that is not public is answered as missing, so that drafts do not even
// reveal that they exist.
func (a *API) articleGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "article")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	_, authed, err := a.caller(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	ar, err := a.store.Article(r.Context(), id)
	if news.IsNotFound(err) || (err == nil && !authed && !ar.IsPublic(a.now())) {
		err = news.Errorf(news.ENOTFOUND, "Article %d not found.", id)
	}
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	a.writeJSON(w, r, http.StatusOK, a.articleJSON(ar))
}
