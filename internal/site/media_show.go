package site

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"strings"
)

// showMedia serves a file from the media directory: featured images and
// other uploads. Names are content-addressed or never reused, so they may
// be cached for a year. os.Root keeps every lookup inside the directory,
// symbolic links included; directories are not listed.
func (s *Site) showMedia(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("path")
	if s.mediaDir == "" || !validMediaPath(name) {
		http.NotFound(w, r)
		return
	}
	root, err := os.OpenRoot(s.mediaDir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.logger.Error("opening the media directory", "err", err)
		}
		http.NotFound(w, r)
		return
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	// Uploads are data, never pages: a crafted SVG or HTML file must not
	// run script on the site's origin.
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
	http.ServeContent(w, r, info.Name(), info.ModTime(), f)
}

// validMediaPath accepts slash-separated relative names without empty,
// dot or dot-dot segments and without backslashes or NUL bytes. os.Root
// would refuse escapes anyway; this also keeps hidden files private.
func validMediaPath(name string) bool {
	if name == "" || strings.ContainsAny(name, "\\\x00") {
		return false
	}
	for seg := range strings.SplitSeq(name, "/") {
		if seg == "" || seg[0] == '.' {
			return false
		}
	}
	return true
}
