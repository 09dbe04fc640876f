package config

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Rate is a request rate for a translation engine: requests and
// characters a minute, 0 meaning unlimited.
type Rate struct {
	RequestsPerMinute int
	CharsPerMinute    int
}

// maxRate bounds a rate's number, so that per-second values converted to
// per-minute ones cannot overflow.
const maxRate = 1_000_000_000

// ratePart is one part of a rate: a number, "chars" or not, per second
// or minute.
var ratePart = regexp.MustCompile(`^([0-9]+)\s*(chars?)?\s*/\s*(s|sec|min)$`)

// errRateForm ends every ParseRate error with the form expected.
var errRateForm = errors.New(`write requests and/or characters per minute or second, such as "600/min", "10/s", "1000000chars/min" or "600/min,1000000chars/min", or "unlimited"`)

// ParseRate reads the value of a BYLINE_<ENGINE>_RATE variable: "unlimited",
// or one or two parts separated by a comma, each a positive whole number
// followed by "/min" or "/s" for requests, or by "chars/min" or "chars/s"
// for characters ("600/min", "10/s,100000chars/min"). Case and spaces
// around the parts do not matter. A kind not named is unlimited: the
// value replaces the engine's default entirely.
func ParseRate(s string) (Rate, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "unlimited" {
		return Rate{}, nil
	}
	var r Rate
	var seenReq, seenChars bool
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		m := ratePart.FindStringSubmatch(part)
		if m == nil {
			return Rate{}, fmt.Errorf("%q is not a rate: %w", part, errRateForm)
		}
		n, err := strconv.Atoi(m[1])
		if err != nil || n < 1 || n > maxRate {
			return Rate{}, fmt.Errorf("%q: the number must be from 1 to %d (for no limit write \"unlimited\"): %w", part, maxRate, errRateForm)
		}
		if m[3] != "min" {
			n *= 60
		}
		if m[2] != "" {
			if seenChars {
				return Rate{}, fmt.Errorf("%q gives the characters twice: %w", s, errRateForm)
			}
			seenChars, r.CharsPerMinute = true, n
		} else {
			if seenReq {
				return Rate{}, fmt.Errorf("%q gives the requests twice: %w", s, errRateForm)
			}
			seenReq, r.RequestsPerMinute = true, n
		}
	}
	return r, nil
}

// String writes r as ParseRate reads it: "600/min,1000000chars/min",
// "600/min", "1000000chars/min" or "unlimited".
func (r Rate) String() string {
	var parts []string
	if r.RequestsPerMinute > 0 {
		parts = append(parts, fmt.Sprintf("%d/min", r.RequestsPerMinute))
	}
	if r.CharsPerMinute > 0 {
		parts = append(parts, fmt.Sprintf("%dchars/min", r.CharsPerMinute))
	}
	if len(parts) == 0 {
		return "unlimited"
	}
	return strings.Join(parts, ",")
}
