package httpretry

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryAfter reads h's Retry-After header, either delay seconds or an
// HTTP date (RFC 9110, 10.2.3). A date already past gives 0. ok is false
// when the header is absent, negative or neither form.
func RetryAfter(h http.Header, now time.Time) (d time.Duration, ok bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(int64(secs), maxSeconds)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// maxSeconds keeps a huge delay from overflowing time.Duration.
const maxSeconds = int64(time.Duration(1<<63-1) / time.Second)

// NextMidnight is the first instant of the day after t in loc: when a
// daily quota resets.
func NextMidnight(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}
