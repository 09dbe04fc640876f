package admin

import (
	"net/url"
	"path"
	"strings"
)

// dashboardPath is where a sign-in lands unless it was sent elsewhere.
const dashboardPath = "/admin/"

// safeNext returns next when it is a path inside the admin, to go to after
// signing in, and dashboardPath otherwise. Anything that a browser could
// read as another host ("//evil", "/\evil", "https://evil") or that climbs
// out of /admin/ is refused: the parameter comes from a link anyone can
// make, and must not turn the sign-in form into an open redirect.
func safeNext(next string) string {
	if next == "" || len(next) > 2048 || !strings.HasPrefix(next, dashboardPath) {
		return dashboardPath
	}
	// Browsers treat a backslash as a slash and drop tabs and newlines
	// from URLs; refuse every control character and backslash, however
	// encoded.
	decoded, err := url.PathUnescape(next)
	if err != nil || strings.ContainsRune(decoded, '\\') || strings.ContainsFunc(decoded, isControl) {
		return dashboardPath
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.User != nil {
		return dashboardPath
	}
	p := u.Path
	if clean := path.Clean(p); (clean != p && clean+"/" != p) || strings.Contains(p, "//") {
		return dashboardPath
	}
	// Sending someone back to the sign-in form or to sign-out after
	// signing in helps nobody.
	if p == "/admin/login" || p == "/admin/logout" {
		return dashboardPath
	}
	return next
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
