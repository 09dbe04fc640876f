package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
)

// errBadCredentials is the one answer to a wrong email and to a wrong
// password alike, so the form does not tell which accounts exist.
const errBadCredentials = "The email address or password is not correct."

// maxEmailBytes is the longest address SMTP allows.
const maxEmailBytes = 254

// loginForm is the sign-in form as posted.
type loginForm struct {
	Email    string
	Password string
	Next     string
	CSRF     string
}

// readLoginForm reads the posted form. Only the body counts: a password
// in the query string would end up in logs.
func readLoginForm(r *http.Request) (loginForm, error) {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return loginForm{}, news.WrapError(news.ETOOLARGE, err, "The form is too large.")
		}
		return loginForm{}, news.WrapError(news.EINVALID, err, "The form could not be read. Please try again.")
	}
	return loginForm{
		Email:    strings.TrimSpace(r.PostForm.Get("email")),
		Password: r.PostForm.Get("password"),
		Next:     r.PostForm.Get("next"),
		CSRF:     r.PostForm.Get(csrfField),
	}, nil
}

// validate says what is wrong with the form before any account is looked
// up. Nothing here depends on which accounts exist.
func (f loginForm) validate() error {
	switch {
	case f.Email == "" || f.Password == "":
		return news.Errorf(news.EINVALID, "Enter your email address and your password.")
	case len(f.Email) > maxEmailBytes:
		return news.Errorf(news.EINVALID, "The email address is too long: at most %d characters.", maxEmailBytes)
	case !utf8.ValidString(f.Email) || strings.ContainsFunc(f.Email, isControl):
		return news.Errorf(news.EINVALID, "The email address contains characters no address has.")
	case len(f.Password) > auth.MaxPasswordBytes:
		return news.Errorf(news.EINVALID, "The password is too long: at most %d bytes.", auth.MaxPasswordBytes)
	}
	return nil
}

// loginSubmit checks the sign-in form and, when the password is right,
// starts a new session and sends the browser on.
func (a *Admin) loginSubmit(w http.ResponseWriter, r *http.Request) {
	form, err := readLoginForm(r)
	if err != nil {
		a.renderLogin(w, r, httperr.Status(err), form, "", news.ErrorMessage(err))
		return
	}
	ip := clientIP(r)
	valid, err := a.checkLoginToken(r, form.CSRF)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	if !valid {
		a.logger.Info("sign-in form without a valid CSRF token", "ip", ip)
		a.renderLogin(w, r, http.StatusForbidden, form, "", errBadCSRF.Message)
		return
	}
	if err := form.validate(); err != nil {
		a.renderLogin(w, r, httperr.Status(err), form, "", news.ErrorMessage(err))
		return
	}

	now := a.now()
	if wait := a.limit.attempt(form.Email, ip, now); wait > 0 {
		a.logger.Warn("sign-in throttled", "email", cleanText(accountKey(form.Email), maxEmailBytes), "ip", ip)
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		a.renderLogin(w, r, http.StatusTooManyRequests, form, "", fmt.Sprintf(
			"Too many failed sign-in attempts. For your account's safety, wait %s and try again.", minutes(wait)))
		return
	}
	user, ok, err := a.authenticate(r.Context(), form.Email, form.Password)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	if !ok {
		a.logger.Info("failed sign-in", "email", cleanText(accountKey(form.Email), maxEmailBytes), "ip", ip)
		a.audit(r.Context(), news.AuditEntry{UserEmail: accountKey(form.Email), Action: "login.failure", Detail: "from " + ip})
		a.renderLogin(w, r, http.StatusUnauthorized, form, "", errBadCredentials)
		return
	}
	// With two-factor sign-in on, the password is half of it: no session
	// yet, and the account's failed attempts are not forgiven until the
	// code is right too, so wrong codes count against the same limit.
	if _, on, err := a.twoFactorOf(r.Context(), user.ID); err != nil {
		a.renderError(w, r, err)
		return
	} else if on {
		if err := a.startPendingLogin(w, r, user, form.Next); err != nil {
			a.renderError(w, r, err)
		}
		return
	}
	a.limit.succeeded(form.Email, ip, now)

	if err := a.startSession(w, r, user, ip); err != nil {
		a.renderError(w, r, err)
		return
	}
	a.clearCookie(w, loginCSRFCookie)
	a.logger.Info("signed in", "user_id", user.ID, "ip", ip)
	a.audit(r.Context(), news.AuditEntry{UserID: user.ID, UserEmail: user.Email, Action: "login.success", Detail: "from " + ip})
	http.Redirect(w, r, safeNext(form.Next), http.StatusSeeOther)
}

// authenticate returns the user whose email and password these are. ok is
// false, with no error, for a wrong email or password; both take one
// password hash's time.
func (a *Admin) authenticate(ctx context.Context, email, password string) (user news.User, ok bool, err error) {
	select {
	case a.hashing <- struct{}{}:
		defer func() { <-a.hashing }()
	case <-ctx.Done():
		return news.User{}, false, news.WrapError(news.EUNAVAILABLE, ctx.Err(), "Signing in took too long. Please try again.")
	}
	user, err = a.store.UserByEmail(ctx, email)
	if news.IsNotFound(err) {
		a.verifyDummy(password)
		return news.User{}, false, nil
	}
	if err != nil {
		return news.User{}, false, err
	}
	ok, rehash, err := auth.VerifyPassword(user.PasswordHash, password, auth.DefaultParams)
	if err != nil {
		// An account without a usable password (made for API tokens
		// only, or damaged) cannot sign in, and must not answer faster
		// than one that can.
		a.logger.Warn("account has no usable password hash", "user_id", user.ID, "err", err)
		a.verifyDummy(password)
		return news.User{}, false, nil
	}
	if !ok {
		return news.User{}, false, nil
	}
	if rehash {
		a.rehash(ctx, &user, password)
	}
	return user, true, nil
}

// newDummyHash hashes a random password, for verifyDummy.
func newDummyHash() (string, error) {
	h, err := auth.HashPassword(newSecret(), auth.DefaultParams)
	if err != nil {
		return "", fmt.Errorf("admin: making the dummy password hash: %w", err)
	}
	return h, nil
}

// verifyDummy spends the time of a real password check, and fails.
func (a *Admin) verifyDummy(password string) {
	_, _, _ = auth.VerifyPassword(a.dummyHash, password, auth.DefaultParams) // the result is meaningless by design
}

// rehash stores the password hashed with today's parameters. A failure is
// logged, not shown: the user is signed in either way, and it is tried
// again at the next sign-in.
func (a *Admin) rehash(ctx context.Context, user *news.User, password string) {
	hash, err := auth.HashPassword(password, auth.DefaultParams)
	if err == nil {
		updated := *user
		updated.PasswordHash = hash
		if err = a.store.UpdateUser(ctx, &updated); err == nil {
			*user = updated
			a.logger.Info("re-hashed password with current parameters", "user_id", user.ID)
			return
		}
	}
	a.logger.Warn("re-hashing password", "user_id", user.ID, "err", err)
}

// minutes says a wait in whole minutes, rounded up.
func minutes(d time.Duration) string {
	n := int((d + time.Minute - 1) / time.Minute)
	if n <= 1 {
		return "a minute"
	}
	return fmt.Sprintf("%d minutes", n)
}
