package ingest

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// reScheme matches a URL scheme at the start of a string ("https:").
var reScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// ResolveImage tells what the document's image is: an absolute http(s)
// URL, returned as it is in remoteURL, or a local file, returned in
// localPath as an absolute path resolved against the directory of the
// Markdown file. Other schemes (file:, data:, javascript:) are refused
// with a *ParseError naming the image field and its line. A document
// without an image gives two empty strings.
func ResolveImage(doc Document) (remoteURL string, localPath string, err error) {
	if doc.Image.URL == "" {
		return "", "", nil
	}
	remote, local, err := checkImageURL(doc.Image.URL)
	if err != nil {
		line := doc.imageLine
		if line < 1 {
			line = 1
		}
		return "", "", &ParseError{Path: doc.Path, Line: line, Msg: err.Error()}
	}
	if remote != "" {
		return remote, "", nil
	}
	if !filepath.IsAbs(local) {
		local = filepath.Join(filepath.Dir(doc.Path), local)
	}
	abs, err := filepath.Abs(local)
	if err != nil {
		return "", "", fmt.Errorf("%s: image %s: %w", doc.Path, local, err)
	}
	return "", abs, nil
}

// checkImageURL sorts an image reference into a remote http(s) URL or a
// local path, and refuses anything else.
func checkImageURL(s string) (remote, local string, err error) {
	s = strings.TrimSpace(s)
	if scheme := reScheme.FindString(s); scheme != "" {
		scheme = strings.ToLower(strings.TrimSuffix(scheme, ":"))
		if scheme != "http" && scheme != "https" {
			return "", "", fmt.Errorf(
				"image %q uses the %s: scheme; an image must be an http(s) URL or a path relative to the Markdown file",
				s, scheme)
		}
		if err := checkWebURL(s); err != nil {
			return "", "", fmt.Errorf("image %v", err)
		}
		return s, "", nil
	}
	if strings.HasPrefix(s, "//") {
		return "", "", fmt.Errorf("image %q has no scheme; write it with https:// in front", s)
	}
	return "", s, nil
}
