package admin

import (
	"net/netip"
	"strings"
	"sync"
	"time"
)

// loginLimiter counts sign-in attempts per account and per client address
// in a sliding window, and says when either has had too many.
//
// It lives in this process's memory: each instance counts on its own, and
// a restart forgets. That bounds guessing well enough for now (n instances
// allow n times the attempts); moving the counts to the database is the
// step when it is not. Behind a reverse proxy every client has the proxy's
// address, so the per-address limit then counts everyone together.
type loginLimiter struct {
	mu         sync.Mutex
	window     time.Duration
	perAccount int
	perIP      int
	accounts   map[string][]time.Time
	ips        map[string][]time.Time
}

// maxLimiterKeys bounds each map, so a flood of made-up emails from many
// addresses cannot grow memory without end.
const maxLimiterKeys = 100_000

func newLoginLimiter(window time.Duration, perAccount, perIP int) *loginLimiter {
	return &loginLimiter{
		window: window, perAccount: perAccount, perIP: perIP,
		accounts: map[string][]time.Time{}, ips: map[string][]time.Time{},
	}
}

// attempt counts a sign-in attempt for account from ip at now, before
// the password is checked, so that parallel guesses cannot slip past the
// limit. When either has reached its limit, it counts nothing and returns
// how long until the next attempt may be made.
func (l *loginLimiter) attempt(account, ip string, now time.Time) (wait time.Duration) {
	account, ip = accountKey(account), ipKey(ip)
	l.mu.Lock()
	defer l.mu.Unlock()
	acc := l.recent(l.accounts, account, now)
	addr := l.recent(l.ips, ip, now)
	if len(acc) >= l.perAccount {
		wait = acc[len(acc)-l.perAccount].Add(l.window).Sub(now)
	}
	if len(addr) >= l.perIP {
		wait = max(wait, addr[len(addr)-l.perIP].Add(l.window).Sub(now))
	}
	if wait > 0 {
		return wait
	}
	l.put(l.accounts, account, append(acc, now))
	l.put(l.ips, ip, append(addr, now))
	return 0
}

// succeeded forgets the account's failed attempts, and takes the
// successful attempt made at at off the address's count, so that an
// office full of people signing in is not throttled.
func (l *loginLimiter) succeeded(account, ip string, at time.Time) {
	account, ip = accountKey(account), ipKey(ip)
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.accounts, account)
	times := l.ips[ip]
	for i := len(times) - 1; i >= 0; i-- {
		if times[i].Equal(at) {
			l.put(l.ips, ip, append(times[:i:i], times[i+1:]...))
			break
		}
	}
}

// recent returns the key's attempts within the window before now, oldest
// first.
func (l *loginLimiter) recent(m map[string][]time.Time, key string, now time.Time) []time.Time {
	times := m[key]
	cut := 0
	for cut < len(times) && !times[cut].After(now.Add(-l.window)) {
		cut++
	}
	return times[cut:]
}

// put stores times under key, or drops the key when there are none. When
// the map is full it first drops every key whose attempts are all old,
// then, if that is not enough, arbitrary keys: forgetting some counts is
// better than running out of memory.
func (l *loginLimiter) put(m map[string][]time.Time, key string, times []time.Time) {
	if len(times) == 0 {
		delete(m, key)
		return
	}
	if _, ok := m[key]; !ok && len(m) >= maxLimiterKeys {
		newest := times[len(times)-1]
		for k, ts := range m {
			if !ts[len(ts)-1].After(newest.Add(-l.window)) {
				delete(m, k)
			}
		}
		for k := range m {
			if len(m) < maxLimiterKeys*9/10 {
				break
			}
			delete(m, k)
		}
	}
	m[key] = times
}

// accountKey is the email as accounts are looked up: trimmed, lower case.
func accountKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// ipKey groups IPv6 addresses by /64, the block one subscriber usually
// has, so that walking through one's own addresses does not reset the
// count.
func ipKey(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil || !addr.Is6() || addr.Is4In6() {
		return ip
	}
	prefix, err := addr.Prefix(64)
	if err != nil {
		return ip
	}
	return prefix.String()
}
