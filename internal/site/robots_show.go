package site

import "net/http"

// showRobots allows every crawler everywhere and points at the sitemap.
func (s *Site) showRobots(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write([]byte("User-agent: *\nAllow: /\n\nSitemap: " + s.urls.Abs("/sitemap.xml") + "\n"))
}
