package admin

import "net/http"

// articleRoutes registers the article editor: new, edit, save, publish, schedule, preview, revisions.
func (a *Admin) articleRoutes(mux *http.ServeMux) {}
