package admin

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"

	"github.com/byline-news/byline/internal/news"
)

// Every form that changes state carries a token in this hidden field. It
// is the second line of defence: http.CrossOriginProtection, around the
// whole admin, already refuses cross-origin POSTs from browsers that send
// Sec-Fetch-Site or Origin; the token also covers browsers that send
// neither, and any gap in the first.
//
//   - Signed in, the token is an HMAC of a fixed label keyed by the
//     session's secret: the database holds only the secret's hash, so the
//     token cannot be made without the cookie.
//   - On the sign-in form there is no session yet. The form carries a
//     signed double-submit token: a random nonce in the loginCSRFCookie and
//     an HMAC of it, keyed by a secret kept in the database, in the form.
//     Someone who can plant a cookie but not read our pages cannot make a
//     pair that matches.
const (
	csrfField       = "csrf_token"
	loginCSRFCookie = "byline_login_csrf"
	// loginKeyName names the key in the store's secret keys.
	loginKeyName = "admin-login-csrf"
)

// mac returns the URL-safe base64 of HMAC-SHA256(key, label NUL msg).
func mac(key []byte, label, msg string) string {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(label))
	h.Write([]byte{0})
	h.Write([]byte(msg))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// tokenEqual compares tokens in constant time.
func tokenEqual(got, want string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// sessionToken is the CSRF token of the session whose cookie holds secret.
func sessionToken(secret string) string { return mac([]byte(secret), "byline admin csrf", "") }

// loginSigningKey returns the key that signs sign-in form nonces, reading
// it from the store the first time.
func (a *Admin) loginSigningKey(ctx context.Context) ([]byte, error) {
	a.loginKeyMu.Lock()
	defer a.loginKeyMu.Unlock()
	if a.loginKey != nil {
		return a.loginKey, nil
	}
	key, err := a.store.SecretKey(ctx, loginKeyName)
	if err != nil {
		return nil, err
	}
	a.loginKey = key
	return key, nil
}

// loginToken returns the token for the sign-in form, setting a new nonce
// cookie unless the request has a good one (so several open tabs share it).
func (a *Admin) loginToken(w http.ResponseWriter, r *http.Request) (string, error) {
	key, err := a.loginSigningKey(r.Context())
	if err != nil {
		return "", err
	}
	nonce := ""
	if c, err := r.Cookie(loginCSRFCookie); err == nil && validSecret(c.Value) {
		nonce = c.Value
	} else {
		nonce = newSecret()
		// Strict: the cookie only ever needs to come back with our own
		// form's POST.
		a.setCookie(w, &http.Cookie{Name: loginCSRFCookie, Value: nonce, SameSite: http.SameSiteStrictMode})
	}
	return mac(key, "byline admin login csrf", nonce), nil
}

// checkLoginToken reports whether the sign-in form's token matches its
// nonce cookie.
func (a *Admin) checkLoginToken(r *http.Request, token string) (bool, error) {
	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || !validSecret(c.Value) {
		return false, nil
	}
	key, err := a.loginSigningKey(r.Context())
	if err != nil {
		return false, err
	}
	return tokenEqual(token, mac(key, "byline admin login csrf", c.Value)), nil
}

// errBadCSRF is what a form without its token gets.
var errBadCSRF = news.Errorf(news.EFORBIDDEN,
	"This form has expired or did not come from this site. Please try again.")

// crossOriginDenied answers a POST that http.CrossOriginProtection
// refused.
func (a *Admin) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	a.logger.Info("refused a cross-origin request", "method", r.Method, "path", r.URL.Path,
		"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
	a.renderError(w, r, news.Errorf(news.EFORBIDDEN,
		"This request came from another site, so it was refused. Use the forms on this site."))
}
