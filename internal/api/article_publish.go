package api

import (
	"net/http"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// articlePublish answers POST /api/v1/articles/{id}/publish. An optional
// body {"at": "<RFC 3339 time>"} schedules the publication; without one,
// or with a time already past, the article is public at once.
func (a *API) articlePublish(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "article")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	user, err := a.require(r, news.ActionWriteDrafts, "Publishing")
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if err := a.checkPublish(r, id, user); err != nil {
		a.writeError(w, r, err)
		return
	}
	obj, err := readObject(w, r, true)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	var at time.Time
	for _, name := range obj.names() {
		raw := obj[name]
		if name != "at" {
			a.writeError(w, r, unknownField(name))
			return
		}
		if at, err = decodeTime(name, raw); err != nil {
			a.writeError(w, r, err)
			return
		}
	}
	ar, err := a.svc.Publish(r.Context(), id, at, editorName(user))
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	a.writeJSON(w, r, http.StatusOK, a.articleJSON(ar))
}
