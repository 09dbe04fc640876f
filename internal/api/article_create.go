package api

import (
	"net/http"

	"github.com/byline-news/byline/internal/publishing"
)

// articleCreate answers POST /api/v1/articles: it saves the JSON article
// through the publishing service, which creates the authors and tags it
// names for the first time, all in one transaction.
func (a *API) articleCreate(w http.ResponseWriter, r *http.Request) {
	user, err := a.require(r, actionToSave, "Creating articles")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	obj, err := readObject(w, r, false)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	var in publishing.Input
	if err := applyArticle(obj, &in); err != nil {
		a.writeError(w, r, err)
		return
	}
	in.CreatedBy = user.ID
	if err := checkArticleRights(user, nil, in); err != nil {
		a.writeError(w, r, err)
		return
	}
	ar, rep, err := a.svc.Create(r.Context(), in, editorName(user))
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", a.apiArticleURL(ar.ID))
	a.writeJSON(w, r, http.StatusCreated, a.savedArticle(ar, rep))
}
