package newsletter

import (
	"sync"
	"time"
)

// limiter allows up to max events per key within window, in memory.
type limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	events map[string][]time.Time
}

// maxLimiterKeys is how many keys a limiter holds before it sweeps the
// ones whose events are all past the window.
const maxLimiterKeys = 50_000

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, events: map[string][]time.Time{}}
}

// allow records an event for key at now and reports whether it is within
// the limit. Refused events are not recorded.
func (l *limiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.events) >= maxLimiterKeys {
		l.sweep(now)
		if len(l.events) >= maxLimiterKeys {
			// A flood from very many keys: start over rather than grow
			// without bound.
			clear(l.events)
		}
	}
	recent := l.recent(l.events[key], now)
	if len(recent) >= l.max {
		l.events[key] = recent
		return false
	}
	l.events[key] = append(recent, now)
	return true
}

// recent drops the events of times that are past the window.
func (l *limiter) recent(times []time.Time, now time.Time) []time.Time {
	cut := now.Add(-l.window)
	i := 0
	for i < len(times) && !times[i].After(cut) {
		i++
	}
	return times[i:]
}

func (l *limiter) sweep(now time.Time) {
	for k, times := range l.events {
		if r := l.recent(times, now); len(r) == 0 {
			delete(l.events, k)
		} else {
			l.events[k] = r
		}
	}
}
