package admin

import "net/http"

// mediaRoutes registers image upload and the media library.
func (a *Admin) mediaRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET "+mediaPath, a.signedIn(a.mediaList))
	mux.HandleFunc("POST "+mediaPath, a.signedIn(a.mediaUpload))
	mux.HandleFunc("GET "+mediaPath+"/{id}", a.signedIn(a.mediaEdit))
	mux.HandleFunc("POST "+mediaPath+"/{id}", a.signedIn(a.mediaUpdate))
	mux.HandleFunc("POST "+mediaPath+"/{id}/delete", a.signedIn(a.mediaDelete))
}
