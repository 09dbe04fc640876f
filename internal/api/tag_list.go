package api

import "net/http"

// tagList answers GET /api/v1/tags with every tag.
func (a *API) tagList(w http.ResponseWriter, r *http.Request) {
	if _, _, err := a.caller(r); err != nil {
		a.writeError(w, r, err)
		return
	}
	list, err := a.store.Tags(r.Context())
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	a.writeJSON(w, r, http.StatusOK, struct {
		Tags []tagJSON `json:"tags"`
	}{a.tagsJSON(list)})
}
