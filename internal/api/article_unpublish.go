package api

import "net/http"

// articleUnpublish answers POST /api/v1/articles/{id}/unpublish: the
// article goes back to draft.
func (a *API) articleUnpublish(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "article")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	user, err := a.require(r, roleToPublish, "Unpublishing")
	if err != nil {
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
