package translate

import "fmt"

// Limits is an engine's request rate: how many requests and how many
// characters of text it accepts a minute. Zero means unlimited.
type Limits struct {
	RequestsPerMinute int
	CharsPerMinute    int
}

// Unlimited reports whether neither rate is limited.
func (l Limits) Unlimited() bool { return l.RequestsPerMinute <= 0 && l.CharsPerMinute <= 0 }

// String writes the limits as "600 requests/min, 6000000 chars/min", or
// "unlimited".
func (l Limits) String() string {
	switch {
	case l.Unlimited():
		return "unlimited"
	case l.CharsPerMinute <= 0:
		return fmt.Sprintf("%d requests/min", l.RequestsPerMinute)
	case l.RequestsPerMinute <= 0:
		return fmt.Sprintf("%d chars/min", l.CharsPerMinute)
	default:
		return fmt.Sprintf("%d requests/min, %d chars/min", l.RequestsPerMinute, l.CharsPerMinute)
	}
}

// Limited is implemented by a Provider that paces its own requests: it
// waits before each HTTP request it sends (each batch, each retry) until
// Limits allows it, rather than learning of the limit from a 429. Limits
// returns the rates in force: the engine's documented defaults unless an
// option of the provider replaced them.
type Limited interface {
	Limits() Limits
}
