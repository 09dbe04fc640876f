package api

import (
	"net/http"

	"github.com/byline-news/byline/internal/news"
)

// articleUnpublish answers POST /api/v1/articles/{id}/unpublish: the
// article goes back to draft.
func (a *API) articleUnpublish(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "article")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	user, err := a.require(r, news.ActionWriteDrafts, "Unpublishing")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if err := a.checkPublish(r, id, user); err != nil {
		a.writeError(w, r, err)
		return
	}
	ar, err := a.svc.Unpublish(r.Context(), id, editorName(user))
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	a.writeJSON(w, r, http.StatusOK, a.articleJSON(ar))
}
