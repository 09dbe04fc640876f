package admin

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/byline-news/byline/internal/news"
)

const twoFactorPath = "/admin/account/two-factor"

// twoFactorRoutes adds the second sign-in step and the account's
// two-factor page.
func (a *Admin) twoFactorRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET "+codePath, a.loginCodeShow)
	mux.HandleFunc("POST "+codePath, a.loginCodeSubmit)
	mux.HandleFunc("GET "+twoFactorPath, a.signedIn(a.twoFactorShow))
	mux.HandleFunc("POST "+twoFactorPath+"/start", a.signedIn(a.twoFactorStart))
	mux.HandleFunc("POST "+twoFactorPath+"/confirm", a.signedIn(a.twoFactorConfirm))
	mux.HandleFunc("POST "+twoFactorPath+"/off", a.signedIn(a.twoFactorOff))
}

// twoFactorPage is the account's two-factor page in one of three states:
// off, waiting for the first code (Secret and URI set), or on.
type twoFactorPage struct {
	page
	On           bool
	Since        timeText
	CodesLeft    int
	Secret       string // grouped base32, while waiting
	URI          string // otpauth:// URI, while waiting
	RecoveryCode []string
	Error        string
}

// renderTwoFactor shows the page; codes are the recovery codes, shown
// once, right after enrolment.
func (a *Admin) renderTwoFactor(w http.ResponseWriter, r *http.Request, v *visit, status int, problem string, codes []string) {
	ctx := r.Context()
	p := twoFactorPage{page: a.managePage(w, r, "Two-factor sign-in", v), Error: problem, RecoveryCode: codes}
	t, err := a.store.UserTOTP(ctx, v.user.ID)
	switch {
	case news.IsNotFound(err):
	case err != nil:
		a.renderError(w, r, err)
		return
	case t.Enabled():
		p.On, p.Since = true, showTime(t.EnabledAt)
		if p.CodesLeft, err = a.store.RecoveryCodesLeft(ctx, v.user.ID); err != nil {
			a.renderError(w, r, err)
			return
		}
	default:
		secret, err := a.openTOTP(ctx, t)
		if err != nil {
			a.renderError(w, r, err)
			return
		}
		issuer := "Byline"
		if s, err := a.store.Settings(ctx); err == nil && s.Name != "" {
			issuer = s.Name
		}
		p.Secret, p.URI = groupedSecret(secret), otpauthURI(issuer, v.user.Email, secret)
	}
	a.render(w, r, status, "two_factor", p)
}

func (a *Admin) twoFactorShow(w http.ResponseWriter, r *http.Request, v *visit) {
	a.renderTwoFactor(w, r, v, http.StatusOK, "", nil)
}

// twoFactorStart makes a new secret, waiting for its first code. An
// authenticator already on stays on: turning it off is its own step.
func (a *Admin) twoFactorStart(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	ctx := r.Context()
	if _, on, err := a.twoFactorOf(ctx, v.user.ID); err != nil {
		a.renderError(w, r, err)
		return
	} else if on {
		a.renderTwoFactor(w, r, v, http.StatusConflict, "Two-factor sign-in is already on. Turn it off first to use a new app.", nil)
		return
	}
	key, err := a.totpKey(ctx)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	sealed, err := sealSecret(key, v.user.ID, newTOTPKey())
	if err != nil {
		a.renderError(w, r, news.WrapError(news.EINTERNAL, err, "Could not make a secret."))
		return
	}
	if err := a.store.StartTOTP(ctx, &news.TOTP{UserID: v.user.ID, Secret: sealed, CreatedAt: a.now()}); err != nil {
		a.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, twoFactorPath, http.StatusSeeOther)
}

// twoFactorConfirm turns two-factor sign-in on once the user shows a
// current code from the new secret, and shows the recovery codes once.
func (a *Admin) twoFactorConfirm(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	ctx, now := r.Context(), a.now()
	t, err := a.store.UserTOTP(ctx, v.user.ID)
	if news.IsNotFound(err) || (err == nil && t.Enabled()) {
		a.renderTwoFactor(w, r, v, http.StatusConflict, "There is no new authenticator waiting for a code.", nil)
		return
	}
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	if !a.throttled(w, r, v, now) {
		return
	}
	secret, err := a.openTOTP(ctx, t)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	step, ok := totpMatch(secret, normalizeCode(r.PostForm.Get("code")), now)
	if !ok {
		a.renderTwoFactor(w, r, v, http.StatusUnprocessableEntity,
			"That code is not correct. Check the time on your phone, and enter the code the app shows now.", nil)
		return
	}
	codes := make([]string, recoveryCodeCount)
	hashes := make([]string, recoveryCodeCount)
	for i := range codes {
		codes[i] = newRecoveryCode()
		hashes[i] = recoveryHash(codes[i])
	}
	err = a.changeAudited(ctx, v, news.AuditEntry{Action: "totp.enable", Subject: "user " + v.user.Email},
		func(tx news.Store) error { return tx.EnableTOTP(ctx, v.user.ID, now, step, hashes) })
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	a.limit.succeeded(v.user.Email, clientIP(r), now)
	a.renderTwoFactor(w, r, v, http.StatusOK, "", codes)
}

// twoFactorOff turns two-factor sign-in off, given a current code, a
// recovery code or the password: a session left open is not enough.
func (a *Admin) twoFactorOff(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	ctx, now := r.Context(), a.now()
	code, pw := normalizeCode(r.PostForm.Get("code")), r.PostForm.Get("password")
	if code == "" && pw == "" {
		a.renderTwoFactor(w, r, v, http.StatusBadRequest, "Enter a code from your app or your password.", nil)
		return
	}
	if len(code) > maxCodeBytes {
		a.renderTwoFactor(w, r, v, http.StatusBadRequest,
			fmt.Sprintf("The code is too long: at most %d characters.", maxCodeBytes), nil)
		return
	}
	if !a.throttled(w, r, v, now) {
		return
	}
	ok, err := a.proveOwner(ctx, v.user, code, pw, now)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	if !ok {
		a.renderTwoFactor(w, r, v, http.StatusUnauthorized, "That code or password is not correct.", nil)
		return
	}
	err = a.changeAudited(ctx, v, news.AuditEntry{Action: "totp.disable", Subject: "user " + v.user.Email},
		func(tx news.Store) error { return tx.DeleteTOTP(ctx, v.user.ID) })
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	a.limit.succeeded(v.user.Email, clientIP(r), now)
	a.redirectWithFlash(w, r, twoFactorPath, "Two-factor sign-in is off.")
}

// proveOwner checks the code (authenticator or recovery) if one is given,
// else the password.
func (a *Admin) proveOwner(ctx context.Context, user news.User, code, pw string, now time.Time) (bool, error) {
	if code != "" {
		_, ok, err := a.checkSecondFactor(ctx, user.ID, code, now)
		return ok, err
	}
	_, ok, err := a.authenticate(ctx, user.Email, pw)
	return ok, err
}

// throttled counts an attempt at a code or password against the
// account's sign-in limit, so a session left open cannot be used to guess
// them; it answers 429 and returns false when the limit is reached.
func (a *Admin) throttled(w http.ResponseWriter, r *http.Request, v *visit, now time.Time) bool {
	wait := a.limit.attempt(v.user.Email, clientIP(r), now)
	if wait <= 0 {
		return true
	}
	w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
	a.renderTwoFactor(w, r, v, http.StatusTooManyRequests, fmt.Sprintf(
		"Too many failed attempts. For your account's safety, wait %s and try again.", minutes(wait)), nil)
	return false
}
