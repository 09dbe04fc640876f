// Package httpretry is the HTTP plumbing the translation providers share:
// a retry Policy (exponential backoff, optional jitter, Retry-After in
// seconds or as an HTTP date), a Sleep that honours the context, Do, the
// retry loop for failures marked *Error, which statuses are worth another
// try, Send and PostJSON for one bounded request whose errors never quote
// the URL (it may hold a key), and Excerpt for error bodies.
//
// What an answer means (a quota, a bad key, a rate limit) stays with each
// provider; this package only decides how long to wait and how often to
// try again.
package httpretry
