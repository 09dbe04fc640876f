package api

import "net/http"

// articleDelete answers DELETE /api/v1/articles/{id} with 204.
func (a *API) articleDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "article")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if _, err := a.require(r, actionToDelete, "Deleting articles"); err != nil {
		a.writeError(w, r, err)
		return
	}
	if err := a.svc.Delete(r.Context(), id); err != nil {
		a.writeError(w, r, err)
		return
	}
	writeNoContent(w)
}
