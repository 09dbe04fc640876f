package admin

import "net/http"

// mediaRoutes registers image upload and the media library.
func (a *Admin) mediaRoutes(mux *http.ServeMux) {}
