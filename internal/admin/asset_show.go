package admin

import (
	"bytes"
	"net/http"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// assetShow serves the admin's stylesheet. Pages link it with its hash in
// the query, so that URL can be cached for good; any other is revalidated.
func (a *Admin) assetShow(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("name") != "admin.css" {
		a.renderError(w, r, news.Errorf(news.ENOTFOUND, "There is no admin file at %s.", r.URL.Path))
		return
	}
	h := w.Header()
	if "?"+r.URL.RawQuery == a.views.cssQuery {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	h.Set("Content-Type", "text/css; charset=utf-8")
	h.Set("ETag", a.views.cssETag)
	http.ServeContent(w, r, "admin.css", time.Time{}, bytes.NewReader(a.views.css))
}
