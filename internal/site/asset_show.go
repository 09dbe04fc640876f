package site

import "net/http"

// showAsset serves the theme's stylesheet, script and icon.
func (s *Site) showAsset(w http.ResponseWriter, r *http.Request) {
	s.view.ServeAsset(w, r, r.PathValue("file"))
}
