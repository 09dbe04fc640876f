package admin

import (
	"net/http"

	"github.com/byline-news/byline/internal/render"
)

// articleRoutes registers the article editor: new, edit, save, publish,
// schedule, preview, revisions and delete. Every handler checks the role
// policy of internal/news itself; every POST checks the CSRF token.
func (a *Admin) articleRoutes(mux *http.ServeMux) {
	e := &editor{Admin: a, rd: render.New()}
	mux.HandleFunc("GET /admin/articles/new", a.signedIn(e.articleNew))
	mux.HandleFunc("POST /admin/articles", a.signedIn(e.articleCreate))
	mux.HandleFunc("GET /admin/articles/{id}/edit", a.signedIn(e.articleEdit))
	mux.HandleFunc("POST /admin/articles/{id}", a.signedIn(e.articleSave))
	mux.HandleFunc("GET /admin/articles/{id}/delete", a.signedIn(e.articleDeleteShow))
	mux.HandleFunc("POST /admin/articles/{id}/delete", a.signedIn(e.articleDelete))
	mux.HandleFunc("GET /admin/articles/{id}/revisions", a.signedIn(e.revisionList))
	mux.HandleFunc("GET /admin/articles/{id}/revisions/{rev}", a.signedIn(e.revisionShow))
	mux.HandleFunc("POST /admin/articles/{id}/revisions/{rev}/restore", a.signedIn(e.revisionRestore))
	mux.HandleFunc("POST /admin/preview", a.signedIn(e.previewSubmit))
	mux.HandleFunc("GET /admin/assets/editor.js", e.editorScript)
}
