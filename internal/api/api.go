// Package api serves the JSON API under /api/v1: articles, authors and tags
// for scripts, importers and other sites. Reads are open to anyone for
// what the public site shows; every write, and every read of what is not
// public, needs a bearer token.
//
// Articles are saved only through publishing.Service, which validates,
// renders and writes each save in one transaction; the API decodes and
// checks the request, authorizes the caller, and hands over.
package api

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/urls"
)

// Config is what the API needs besides the store and the publishing
// service. Logger and Now may be nil.
type Config struct {
	URLs   *urls.Builder
	Logger *slog.Logger
	Now    func() time.Time
}

// API is the JSON API's handlers and route table.
type API struct {
	urls   *urls.Builder
	logger *slog.Logger
	now    func() time.Time
	store  news.Store
	svc    *publishing.Service
	mux    *http.ServeMux
}

// fallbackPattern catches every /api/v1 request no route takes, so that
// even those get a JSON answer.
const fallbackPattern = "/api/v1/"

// New returns the API over store and svc.
func New(cfg Config, store news.Store, svc *publishing.Service) *API {
	a := &API{urls: cfg.URLs, logger: cfg.Logger, now: cfg.Now, store: store, svc: svc}
	if a.logger == nil {
		a.logger = slog.New(slog.DiscardHandler)
	}
	if a.now == nil {
		a.now = time.Now
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/articles", a.articleList)
	mux.HandleFunc("POST /api/v1/articles", a.articleCreate)
	mux.HandleFunc("GET /api/v1/articles/{id}", a.articleGet)
	mux.HandleFunc("PATCH /api/v1/articles/{id}", a.articleUpdate)
	mux.HandleFunc("DELETE /api/v1/articles/{id}", a.articleDelete)
	mux.HandleFunc("POST /api/v1/articles/{id}/publish", a.articlePublish)
	mux.HandleFunc("POST /api/v1/articles/{id}/unpublish", a.articleUnpublish)
	mux.HandleFunc("GET /api/v1/authors", a.authorList)
	mux.HandleFunc("POST /api/v1/authors", a.authorCreate)
	mux.HandleFunc("GET /api/v1/tags", a.tagList)
	mux.HandleFunc("POST /api/v1/tags", a.tagCreate)
	mux.HandleFunc(fallbackPattern, a.fallback)
	a.mux = mux
	return a
}

// Handler serves paths beginning /api/v1/.
func (a *API) Handler() http.Handler { return a.mux }

// fallback answers a path no route serves with 404, and a path served
// under other methods with 405 and the methods that would work. ServeMux
// would do the same, in plain text.
func (a *API) fallback(w http.ResponseWriter, r *http.Request) {
	var allow []string
	// HEAD is implied by GET, as ServeMux does.
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := a.mux.Handler(probe); pattern != "" && pattern != fallbackPattern {
			allow = append(allow, m)
			if m == http.MethodGet {
				allow = append(allow, http.MethodHead)
			}
		}
	}
	if len(allow) == 0 {
		a.writeError(w, r, news.Errorf(news.ENOTFOUND, "There is no API endpoint at %s.", r.URL.Path))
		return
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	a.writeError(w, r, &httpError{status: http.StatusMethodNotAllowed, err: news.Errorf(news.EINVALID,
		"%s does not accept %s; use %s.", r.URL.Path, r.Method, strings.Join(allow, " or "))})
}
