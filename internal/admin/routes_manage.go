package admin

import "net/http"

// manageRoutes registers authors, tags, settings, users and the audit log.
func (a *Admin) manageRoutes(mux *http.ServeMux) {}
