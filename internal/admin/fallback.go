package admin

import (
	"net/http"
	"strings"

	"github.com/byline-news/byline/internal/news"
)

// fallbackPattern catches every /admin/ request no route takes, so that
// those get an admin page too, with the same headers.
const fallbackPattern = "/admin/"

// fallback answers a path no route serves with 404, and a path served
// under other methods with 405 and the methods that would work.
func (a *Admin) fallback(mux *http.ServeMux) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pattern := mux.Handler(probe); pattern != "" && pattern != fallbackPattern {
				allow = append(allow, m)
				if m == http.MethodGet {
					allow = append(allow, http.MethodHead) // ServeMux serves HEAD with GET
				}
			}
		}
		if len(allow) == 0 {
			a.renderError(w, r, news.Errorf(news.ENOTFOUND, "There is no admin page at this address."))
			return
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		a.renderStatus(w, r, http.StatusMethodNotAllowed, news.Errorf(news.EINVALID,
			"This address does not accept %s requests.", r.Method))
	}
}
