package site

import (
	"net/url"
	"strings"
)

// safeURL returns raw when it is an http(s) URL or a site path, and ""
// for anything else: javascript: and data: URLs, protocol-relative
// addresses, text that is not a URL. Editors and imports type these
// fields, so a bad one is dropped rather than shown.
func safeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	if raw[0] == '/' {
		// "//host" and "/\host" leave the site in browsers.
		if len(raw) > 1 && (raw[1] == '/' || raw[1] == '\\') {
			return ""
		}
		if _, err := url.Parse(raw); err != nil {
			return ""
		}
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// absURL is safeURL with site paths made absolute.
func (s *Site) absURL(raw string) string {
	u := safeURL(raw)
	if strings.HasPrefix(u, "/") {
		return s.urls.Abs(u)
	}
	return u
}
