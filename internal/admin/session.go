package admin

import (
	"crypto/rand"
	"encoding/base64"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/news"
)

// Cookie names and the path both cookies are confined to.
const (
	sessionCookie = "byline_session"
	cookiePath    = "/admin"
)

// secretBytes is the entropy of session secrets and CSRF nonces: 256 bits.
const secretBytes = 32

// newSecret returns a random secret for a cookie, in URL-safe base64.
func newSecret() string {
	b := make([]byte, secretBytes)
	_, _ = rand.Read(b) // never fails: crypto/rand panics rather than return an error
	return base64.RawURLEncoding.EncodeToString(b)
}

// validSecret reports whether s looks like a secret newSecret made, so
// that junk cookies never reach the database.
func validSecret(s string) bool {
	b, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && len(b) == secretBytes
}

// sessionID is what the database keeps of a session secret. The secret has
// 256 bits of entropy, so a plain SHA-256, as for API tokens, is enough.
func sessionID(secret string) string { return auth.HashToken(secret) }

// visit is a signed-in request: who, in which session, and the CSRF token
// its forms carry.
type visit struct {
	user    news.User
	session news.Session
	csrf    string
}

// sessionSecret returns the well-formed session secret the request's
// cookie carries, if any.
func sessionSecret(r *http.Request) (string, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || !validSecret(c.Value) {
		return "", false
	}
	return c.Value, true
}

// visitOf returns the request's live session and its user. ok is false,
// with no error, when there is none: no cookie, an ended or expired
// session, or a user that is gone.
func (a *Admin) visitOf(r *http.Request) (v *visit, ok bool, err error) {
	secret, ok := sessionSecret(r)
	if !ok {
		return nil, false, nil
	}
	ctx, now := r.Context(), a.now()
	sess, err := a.store.SessionByHash(ctx, sessionID(secret), now, idleTimeout)
	if news.IsNotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	user, err := a.store.User(ctx, sess.UserID)
	if news.IsNotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if now.Sub(sess.LastSeenAt) >= touchEvery {
		// A failed touch costs the user at most an earlier idle
		// timeout; the request itself can go on.
		if err := a.store.TouchSession(ctx, sess.ID, now); err != nil {
			a.logger.Warn("recording session activity", "user_id", user.ID, "err", err)
		} else {
			sess.LastSeenAt = now
		}
	}
	return &visit{user: user, session: sess, csrf: sessionToken(secret)}, true, nil
}

// signedIn wraps a handler that needs a signed-in user: anyone else is
// sent to the sign-in form, which brings them back here afterwards.
func (a *Admin) signedIn(h func(http.ResponseWriter, *http.Request, *visit)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, ok, err := a.visitOf(r)
		if err != nil {
			a.renderError(w, r, err)
			return
		}
		if !ok {
			if _, err := r.Cookie(sessionCookie); err == nil {
				a.clearCookie(w, sessionCookie) // stale: ended, expired or junk
			}
			http.Redirect(w, r, "/admin/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if !v.user.Role.Valid() {
			a.renderError(w, r, news.Errorf(news.EFORBIDDEN,
				"Your account has no role that may use the admin. Ask an administrator to give you one."))
			return
		}
		h(w, r, v)
	}
}

// setCookie sets a cookie of the admin's: confined to /admin, out of
// scripts' reach, Secure when the site is served over HTTPS.
func (a *Admin) setCookie(w http.ResponseWriter, c *http.Cookie) {
	c.Path, c.HttpOnly, c.Secure = cookiePath, true, a.secure
	if c.SameSite == 0 {
		c.SameSite = http.SameSiteLaxMode
	}
	http.SetCookie(w, c)
}

// clearCookie tells the browser to drop the named cookie.
func (a *Admin) clearCookie(w http.ResponseWriter, name string) {
	a.setCookie(w, &http.Cookie{Name: name, Value: "", MaxAge: -1})
}

// clientIP is the address the request came from. Forwarding headers are
// not trusted, since nothing yet says which proxy may set them: behind a
// reverse proxy every client shares the proxy's address (see loginLimiter).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.Unmap().String()
	}
	return cleanText(host, 64)
}

// cleanText makes request text fit to store: valid UTF-8 without control
// characters (PostgreSQL refuses NUL), at most max bytes.
func cleanText(s string, max int) string {
	return clean(s, max, false)
}

// clean drops invalid UTF-8 and control characters (keeping newlines and
// tabs when block is set) and cuts s to at most max bytes on a rune
// boundary.
func clean(s string, max int, block bool) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && !(block && (r == '\n' || r == '\t'))) || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// startSession signs user in: it ends the session this browser had, if
// any, so that every sign-in gets a new ID (no session fixation), stores a
// new one, and sets its cookie.
func (a *Admin) startSession(w http.ResponseWriter, r *http.Request, user news.User, ip string) error {
	ctx, now := r.Context(), a.now()
	if old, ok := sessionSecret(r); ok {
		if err := a.store.DeleteSession(ctx, sessionID(old)); err != nil {
			return err
		}
	}
	secret := newSecret()
	sess := news.Session{
		ID: sessionID(secret), UserID: user.ID,
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(absoluteTimeout),
		UserAgent: cleanText(r.UserAgent(), 512), IP: ip,
	}
	if err := a.store.CreateSession(ctx, &sess); err != nil {
		return err
	}
	// Sign-ins are rare enough to sweep expired sessions at each one,
	// which keeps the table small without a background job.
	if n, err := a.store.DeleteExpiredSessions(ctx, now, idleTimeout); err != nil {
		a.logger.Warn("removing expired sessions", "err", err)
	} else if n > 0 {
		a.logger.Debug("removed expired sessions", "count", n)
	}
	a.setCookie(w, &http.Cookie{
		Name: sessionCookie, Value: secret,
		Expires: sess.ExpiresAt, MaxAge: int(absoluteTimeout / time.Second),
	})
	return nil
}
