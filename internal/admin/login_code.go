package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
)

// Two-factor sign-in. For a user with an authenticator, a right password
// does not start a session: it sets a short-lived pending-login cookie,
// signed with a key in the database, naming the user and the time; the
// code form then asks for a current code or an unused recovery code, and
// only that starts the session. The password alone never signs such a user
// in.
const (
	pendingCookie = "byline_login_pending"
	// pendingKeyName and totpKeyName name keys in the store's secret keys:
	// the one that signs pending-login cookies and the one that seals
	// authenticator secrets.
	pendingKeyName = "admin-login-pending"
	totpKeyName    = "totp"
	// pendingTTL is how long the code form may wait after the password.
	pendingTTL = 5 * time.Minute
	// maxCodeBytes bounds the code field: recovery codes are 11.
	maxCodeBytes = 64
	codePath     = "/admin/login/code"
)

// errBadCode is the one answer to a wrong, reused or stale code.
const errBadCode = "That code is not correct, or has already been used."

// pendingValue is the cookie for user at: "id.unix.mac".
func pendingValue(key []byte, userID int64, at time.Time) string {
	payload := strconv.FormatInt(userID, 10) + "." + strconv.FormatInt(at.Unix(), 10)
	return payload + "." + mac(key, "byline admin pending login", payload)
}

// parsePending returns the user a pending-login cookie names, when its
// signature holds and it is younger than pendingTTL at now.
func parsePending(key []byte, value string, now time.Time) (userID int64, ok bool) {
	if len(value) > 200 {
		return 0, false
	}
	i := strings.LastIndexByte(value, '.')
	if i < 0 || !tokenEqual(value[i+1:], mac(key, "byline admin pending login", value[:i])) {
		return 0, false
	}
	idText, atText, found := strings.Cut(value[:i], ".")
	id, err1 := strconv.ParseInt(idText, 10, 64)
	at, err2 := strconv.ParseInt(atText, 10, 64)
	if !found || err1 != nil || err2 != nil || id <= 0 {
		return 0, false
	}
	age := now.Sub(time.Unix(at, 0))
	if age < -time.Minute || age >= pendingTTL {
		return 0, false
	}
	return id, true
}

// twoFactorOf returns the user's enabled authenticator; ok is false, with
// no error, when two-factor sign-in is off for them.
func (a *Admin) twoFactorOf(ctx context.Context, userID int64) (t news.TOTP, ok bool, err error) {
	t, err = a.store.UserTOTP(ctx, userID)
	if news.IsNotFound(err) {
		return news.TOTP{}, false, nil
	}
	if err != nil {
		return news.TOTP{}, false, err
	}
	return t, t.Enabled(), nil
}

// startPendingLogin sets the pending-login cookie for user and sends the
// browser to the code form.
func (a *Admin) startPendingLogin(w http.ResponseWriter, r *http.Request, user news.User, next string) error {
	key, err := a.store.SecretKey(r.Context(), pendingKeyName)
	if err != nil {
		return err
	}
	a.setCookie(w, &http.Cookie{Name: pendingCookie, Value: pendingValue(key, user.ID, a.now()),
		MaxAge: int(pendingTTL / time.Second), SameSite: http.SameSiteStrictMode})
	target := codePath
	if n := safeNext(next); n != dashboardPath {
		target += "?next=" + url.QueryEscape(n)
	}
	a.logger.Info("password accepted, waiting for the second factor", "user_id", user.ID)
	http.Redirect(w, r, target, http.StatusSeeOther)
	return nil
}

// pendingUser returns the user the request's pending-login cookie names;
// ok is false when there is none, it is stale or forged, or the user no
// longer has two-factor sign-in.
func (a *Admin) pendingUser(r *http.Request) (user news.User, ok bool, err error) {
	c, err := r.Cookie(pendingCookie)
	if err != nil {
		return news.User{}, false, nil
	}
	key, err := a.store.SecretKey(r.Context(), pendingKeyName)
	if err != nil {
		return news.User{}, false, err
	}
	id, ok := parsePending(key, c.Value, a.now())
	if !ok {
		return news.User{}, false, nil
	}
	user, err = a.store.User(r.Context(), id)
	if news.IsNotFound(err) {
		return news.User{}, false, nil
	}
	if err != nil {
		return news.User{}, false, err
	}
	if _, on, err := a.twoFactorOf(r.Context(), id); err != nil || !on {
		return news.User{}, false, err
	}
	return user, true, nil
}

// backToSignIn drops a useless pending-login cookie and sends the browser
// to the password form.
func (a *Admin) backToSignIn(w http.ResponseWriter, r *http.Request, next string) {
	if _, err := r.Cookie(pendingCookie); err == nil {
		a.clearCookie(w, pendingCookie)
	}
	target := "/admin/login"
	if n := safeNext(next); n != dashboardPath {
		target += "?next=" + url.QueryEscape(n)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// codePage is the second step of signing in.
type codePage struct {
	page
	Next  string
	Error string
}

func (a *Admin) renderCode(w http.ResponseWriter, r *http.Request, status int, next, problem string) {
	token, err := a.loginToken(w, r)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	p := codePage{page: a.newPage("Enter your code", nil), Error: problem}
	p.CSRF = token
	if n := safeNext(next); n != dashboardPath {
		p.Next = n
	}
	a.render(w, r, status, "login_code", p)
}

// loginCodeShow shows the code form to a browser whose password step
// succeeded in the last few minutes.
func (a *Admin) loginCodeShow(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	_, ok, err := a.pendingUser(r)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	if !ok {
		a.backToSignIn(w, r, next)
		return
	}
	a.renderCode(w, r, http.StatusOK, next, "")
}

// loginCodeSubmit checks the code and, when it is right, signs the user
// in as loginSubmit does for everyone else.
func (a *Admin) loginCodeSubmit(w http.ResponseWriter, r *http.Request) {
	form, err := readLoginForm(r)
	if err != nil {
		a.renderCode(w, r, httperr.Status(err), "", news.ErrorMessage(err))
		return
	}
	ip := clientIP(r)
	valid, err := a.checkLoginToken(r, form.CSRF)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	if !valid {
		a.logger.Info("code form without a valid CSRF token", "ip", ip)
		a.renderCode(w, r, http.StatusForbidden, form.Next, errBadCSRF.Message)
		return
	}
	user, ok, err := a.pendingUser(r)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	if !ok {
		a.backToSignIn(w, r, form.Next)
		return
	}
	code := normalizeCode(r.PostForm.Get("code"))
	switch {
	case code == "":
		a.renderCode(w, r, http.StatusBadRequest, form.Next, "Enter the code from your authenticator app, or a recovery code.")
		return
	case len(code) > maxCodeBytes:
		a.renderCode(w, r, http.StatusBadRequest, form.Next, fmt.Sprintf("The code is too long: at most %d characters.", maxCodeBytes))
		return
	}

	now := a.now()
	if wait := a.limit.attempt(user.Email, ip, now); wait > 0 {
		a.logger.Warn("sign-in code throttled", "user_id", user.ID, "ip", ip)
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		a.renderCode(w, r, http.StatusTooManyRequests, form.Next, fmt.Sprintf(
			"Too many failed sign-in attempts. For your account's safety, wait %s and try again.", minutes(wait)))
		return
	}
	how, ok, err := a.checkSecondFactor(r.Context(), user.ID, code, now)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	if !ok {
		a.logger.Info("wrong sign-in code", "user_id", user.ID, "ip", ip)
		a.audit(r.Context(), news.AuditEntry{UserID: user.ID, UserEmail: user.Email, Action: "login.code_failure", Detail: "from " + ip})
		a.renderCode(w, r, http.StatusUnauthorized, form.Next, errBadCode)
		return
	}
	a.limit.succeeded(user.Email, ip, now)
	if err := a.startSession(w, r, user, ip); err != nil {
		a.renderError(w, r, err)
		return
	}
	a.clearCookie(w, pendingCookie)
	a.clearCookie(w, loginCSRFCookie)
	a.logger.Info("signed in", "user_id", user.ID, "ip", ip, "second_factor", how)
	a.audit(r.Context(), news.AuditEntry{UserID: user.ID, UserEmail: user.Email, Action: "login.success",
		Detail: "from " + ip + " with " + how})
	http.Redirect(w, r, safeNext(form.Next), http.StatusSeeOther)
}

// checkSecondFactor accepts a current authenticator code not used before,
// or an unused recovery code, and uses it up. how says which it was.
func (a *Admin) checkSecondFactor(ctx context.Context, userID int64, code string, now time.Time) (how string, ok bool, err error) {
	if len(code) == totpDigits && strings.Trim(code, "0123456789") == "" {
		t, on, err := a.twoFactorOf(ctx, userID)
		if err != nil || !on {
			return "", false, err
		}
		secret, err := a.openTOTP(ctx, t)
		if err != nil {
			return "", false, err
		}
		step, match := totpMatch(secret, code, now)
		if !match {
			return "", false, nil
		}
		fresh, err := a.store.UseTOTPStep(ctx, userID, step)
		return "an authenticator code", fresh, err
	}
	used, err := a.store.UseRecoveryCode(ctx, userID, recoveryHash(code), now)
	return "a recovery code", used, err
}

// totpKey returns the key that seals authenticator secrets.
func (a *Admin) totpKey(ctx context.Context) ([]byte, error) {
	return a.store.SecretKey(ctx, totpKeyName)
}

// openTOTP returns the authenticator's secret in the clear.
func (a *Admin) openTOTP(ctx context.Context, t news.TOTP) ([]byte, error) {
	key, err := a.totpKey(ctx)
	if err != nil {
		return nil, err
	}
	secret, err := openSecret(key, t.UserID, t.Secret)
	if err != nil {
		return nil, news.WrapError(news.EINTERNAL, err, "The authenticator of user %d cannot be read.", t.UserID)
	}
	return secret, nil
}
