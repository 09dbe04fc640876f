package api

import (
	"net/http"

	"github.com/byline-news/byline/internal/publishing"
)

// articleUpdate answers PATCH /api/v1/articles/{id}: the members sent
// replace those fields, every other field keeps its stored value.
func (a *API) articleUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "article")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	user, err := a.require(r, actionToSave, "Editing articles")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	obj, err := readObject(w, r, false)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	old, err := a.store.Article(r.Context(), id)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	in := publishing.InputFrom(old)
	if err := applyArticle(obj, &in); err != nil {
		a.writeError(w, r, err)
		return
	}
	if err := checkArticleRights(user, &old, in); err != nil {
		a.writeError(w, r, err)
		return
	}
	ar, rep, err := a.svc.Update(r.Context(), id, in, editorName(user))
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	a.writeJSON(w, r, http.StatusOK, a.savedArticle(ar, rep))
}
