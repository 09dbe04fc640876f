package view

import (
	"strconv"
	"strings"
)

// AcceptsGzip reports whether an Accept-Encoding header value allows a
// gzip-encoded response: "gzip" or "*" listed with a non-zero quality, and
// gzip not refused explicitly (RFC 9110 §12.5.3).
func AcceptsGzip(header string) bool {
	gzip, star := -1.0, -1.0
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "x-gzip" && coding != "*" {
			continue
		}
		q := 1.0
		for p := range strings.SplitSeq(params, ";") {
			k, v, ok := strings.Cut(p, "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
				continue
			}
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f < 0 || f > 1 {
				// A malformed weight says nothing; do not risk sending
				// bytes the client cannot read.
				f = 0
			}
			q = f
		}
		if coding == "*" {
			star = max(star, q)
		} else {
			gzip = max(gzip, q)
		}
	}
	if gzip >= 0 {
		return gzip > 0
	}
	return star > 0
}

// ETagMatches reports whether an If-None-Match header value names one of
// the entity tags etags (each written with its quotes) or is "*".
// Comparison is weak (RFC 9110 §13.1.2): a W/ prefix is ignored.
func ETagMatches(header string, etags ...string) bool {
	header = strings.TrimSpace(header)
	if header == "" {
		return false
	}
	if header == "*" {
		return true
	}
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimSpace(tag)
		tag = strings.TrimPrefix(tag, "W/")
		if len(tag) < 2 || tag[0] != '"' || tag[len(tag)-1] != '"' {
			continue
		}
		for _, e := range etags {
			if tag == strings.TrimPrefix(e, "W/") {
				return true
			}
		}
	}
	return false
}
