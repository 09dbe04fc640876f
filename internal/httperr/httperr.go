// Package httperr maps the domain's error codes to HTTP statuses. It is the
// one place that mapping lives; the site, the admin and the API all use it.
package httperr

import (
	"net/http"

	"github.com/byline-news/byline/internal/news"
)

var statusByCode = map[string]int{
	news.EINVALID:      http.StatusBadRequest,
	news.ENOTFOUND:     http.StatusNotFound,
	news.ECONFLICT:     http.StatusConflict,
	news.EUNAUTHORIZED: http.StatusUnauthorized,
	news.EFORBIDDEN:    http.StatusForbidden,
	news.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	news.EUNAVAILABLE:  http.StatusServiceUnavailable,
	news.EINTERNAL:     http.StatusInternalServerError,
}

// Status returns the HTTP status for err: the mapping of its code, 500 for
// errors without one, 200 for nil.
func Status(err error) int {
	if err == nil {
		return http.StatusOK
	}
	if s, ok := statusByCode[news.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}
