package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/mail"
	"github.com/byline-news/byline/internal/news"
)

// Password reset by emailed link.
const (
	// resetTTL is how long a reset link works.
	resetTTL = time.Hour
	// Reset requests allowed per window, per address and per client IP:
	// enough for a typo and a retry, too few to flood someone's inbox.
	resetWindow     = time.Hour
	resetPerAccount = 3
	resetPerIP      = 20

	forgotPath = "/admin/password/forgot"
	resetPath  = "/admin/password/reset"
)

// forgotAnswer is the one answer to every well-formed request, so the form
// does not tell which addresses have accounts.
const forgotAnswer = "If an account exists for that address, we sent a link to choose a new password. It works for one hour."

// passwordPageNames are this file's and invite.go's templates.
var passwordPageNames = []string{"forgot", "reset"}

// forgotPage is the "forgot your password" form.
type forgotPage struct {
	page
	Email  string
	Notice string
	Error  string
}

// resetPage is the form that sets a new password from a link, for a reset
// or an invitation. Gone, when set, replaces the form by a message.
type resetPage struct {
	page
	Action string // where the form posts
	Token  string
	Invite bool // ask for a name too
	Name   string
	Email  string
	Error  string
	Gone   string
}

func (a *Admin) passwordRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET "+forgotPath, a.forgotShow)
	mux.HandleFunc("POST "+forgotPath, a.forgotSubmit)
	mux.HandleFunc("GET "+resetPath, a.resetShow)
	mux.HandleFunc("POST "+resetPath, a.resetSubmit)
	mux.HandleFunc("GET "+invitePath, a.inviteShow)
	mux.HandleFunc("POST "+invitePath, a.inviteAccept)
}

func (a *Admin) forgotShow(w http.ResponseWriter, r *http.Request) {
	a.renderForgot(w, r, http.StatusOK, "", "", "")
}

func (a *Admin) renderForgot(w http.ResponseWriter, r *http.Request, status int, email, notice, problem string) {
	token, err := a.loginToken(w, r)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	p := forgotPage{page: a.newPage("Forgot your password?", nil), Email: email, Notice: notice, Error: problem}
	p.CSRF = token
	a.render(w, r, status, "forgot", p)
}

// forgotSubmit mails a reset link when the address has an account, and
// answers the same whether or not it has.
func (a *Admin) forgotSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		a.renderForgot(w, r, http.StatusBadRequest, "", "", "The form could not be read. Please try again.")
		return
	}
	email := strings.TrimSpace(r.PostForm.Get("email"))
	if ok, err := a.checkLoginToken(r, r.PostForm.Get(csrfField)); err != nil {
		a.renderError(w, r, err)
		return
	} else if !ok {
		a.renderForgot(w, r, http.StatusForbidden, email, "", errBadCSRF.Message)
		return
	}
	if email == "" {
		a.renderForgot(w, r, http.StatusBadRequest, email, "", "Enter your email address.")
		return
	}
	if err := checkEmail("The email address", email); err != nil {
		a.renderForgot(w, r, httperr.Status(err), email, "", news.ErrorMessage(err))
		return
	}
	ip := clientIP(r)
	if wait := a.resetLimit.attempt(email, ip, a.now()); wait > 0 {
		a.logger.Warn("password reset throttled", "email", cleanText(accountKey(email), maxEmailBytes), "ip", ip)
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		a.renderForgot(w, r, http.StatusTooManyRequests, email, "", fmt.Sprintf(
			"Too many requests for a new password. Wait %s and try again.", minutes(wait)))
		return
	}
	if err := a.sendReset(r.Context(), email, ip); err != nil {
		// Logged, not shown: an error only for existing accounts would
		// tell which addresses have one.
		a.logger.Error("sending a password reset link", "email", cleanText(accountKey(email), maxEmailBytes), "err", err)
	}
	a.renderForgot(w, r, http.StatusOK, "", forgotAnswer, "")
}

// sendReset makes a reset token for the account with that email, if any,
// and mails its link.
func (a *Admin) sendReset(ctx context.Context, email, ip string) error {
	user, err := a.store.UserByEmail(ctx, email)
	if news.IsNotFound(err) {
		a.logger.Info("password reset for an unknown address", "ip", ip)
		return nil
	}
	if err != nil {
		return err
	}
	secret, err := a.newUserToken(ctx, user.ID, news.TokenReset, resetTTL)
	if err != nil {
		return err
	}
	link := a.urls.Abs(resetPath) + "?token=" + url.QueryEscape(secret)
	msg := mail.Message{
		To:      user.Email,
		Subject: "Choose a new password",
		Text: "Someone, probably you, asked to choose a new password for your account at " + a.urls.Abs("/") + ".\n\n" +
			"Open this link within one hour to choose it:\n\n" + link + "\n\n" +
			"If you did not ask, ignore this message: your password stays as it is.\n",
	}
	if err := a.mail.Send(ctx, msg); err != nil {
		return err
	}
	a.audit(ctx, news.AuditEntry{UserID: user.ID, UserEmail: user.Email, Action: "password.reset_requested", Detail: "from " + ip})
	return nil
}

// newUserToken stores a new single-use token and returns its secret.
func (a *Admin) newUserToken(ctx context.Context, userID int64, purpose string, ttl time.Duration) (string, error) {
	secret := newSecret()
	now := a.now()
	t := news.UserToken{Hash: auth.HashToken(secret), UserID: userID, Purpose: purpose, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	if err := a.store.CreateUserToken(ctx, &t); err != nil {
		return "", err
	}
	return secret, nil
}

// resetShow shows the new-password form. It does not use the token: mail
// scanners open links, and that must not spend them.
func (a *Admin) resetShow(w http.ResponseWriter, r *http.Request) {
	a.renderReset(w, r, http.StatusOK, resetPage{Token: r.URL.Query().Get("token")})
}

// linkGone is the page for a link that no longer works.
const linkGone = "This link has expired or has already been used."

func (a *Admin) renderReset(w http.ResponseWriter, r *http.Request, status int, p resetPage) {
	if p.Gone == "" && !validSecret(p.Token) {
		status, p.Gone = http.StatusBadRequest, "This link is not complete. Copy the whole link from the email, or ask for a new one."
	}
	token, err := a.loginToken(w, r)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	title := "Choose a new password"
	if p.Invite {
		title = "Set up your account"
	}
	p.page = a.newPage(title, nil)
	p.CSRF = token
	if p.Action == "" {
		p.Action = resetPath
	}
	a.render(w, r, status, "reset", p)
}

// readNewPassword checks the new password and its confirmation.
func readNewPassword(r *http.Request) (string, error) {
	pw := r.PostForm.Get("password")
	if err := auth.CheckPassword(pw); err != nil {
		return "", news.WrapError(news.EINVALID, err, "The password is not usable: %v.", err)
	}
	if pw != r.PostForm.Get("password_again") {
		return "", news.Errorf(news.EINVALID, "The two passwords are not the same.")
	}
	return pw, nil
}

// hashPassword hashes pw within the bound on concurrent hashing.
func (a *Admin) hashPassword(ctx context.Context, pw string) (string, error) {
	select {
	case a.hashing <- struct{}{}:
		defer func() { <-a.hashing }()
	case <-ctx.Done():
		return "", news.WrapError(news.EUNAVAILABLE, ctx.Err(), "This took too long. Please try again.")
	}
	hash, err := auth.HashPassword(pw, auth.DefaultParams)
	if err != nil {
		return "", news.WrapError(news.EINTERNAL, err, "The password could not be stored.")
	}
	return hash, nil
}

// resetSubmit sets the new password, spends the link and ends every
// session of the account.
func (a *Admin) resetSubmit(w http.ResponseWriter, r *http.Request) {
	p, ok := a.readLinkForm(w, r, func() resetPage { return resetPage{Token: r.PostForm.Get("token")} })
	if !ok {
		return
	}
	pw, err := readNewPassword(r)
	if err != nil {
		p.Error = news.ErrorMessage(err)
		a.renderReset(w, r, httperr.Status(err), p)
		return
	}
	hash, err := a.hashPassword(r.Context(), pw)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	user, err := a.useLink(r, p.Token, news.TokenReset, "password.reset", func(tx news.Store, user *news.User) error {
		user.PasswordHash = hash
		if err := tx.UpdateUser(r.Context(), user); err != nil {
			return err
		}
		return tx.DeleteUserSessions(r.Context(), user.ID)
	})
	if news.IsNotFound(err) {
		p.Gone = linkGone
		a.renderReset(w, r, http.StatusGone, p)
		return
	}
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	a.logger.Info("password reset", "user_id", user.ID)
	http.Redirect(w, r, "/admin/login?password_reset=1", http.StatusSeeOther)
}

// useLink spends the emailed link with secret token, applies change to its
// user and records action in the audit log, all in one transaction: a
// failed change leaves the link usable. A missing, used or expired link
// is ENOTFOUND.
func (a *Admin) useLink(r *http.Request, token, purpose, action string, change func(tx news.Store, user *news.User) error) (news.User, error) {
	ctx := r.Context()
	var user news.User
	err := a.store.WithTx(ctx, func(tx news.Store) error {
		id, err := tx.UseUserToken(ctx, auth.HashToken(token), purpose, a.now())
		if err != nil {
			return err
		}
		if user, err = tx.User(ctx, id); err != nil {
			return err
		}
		if err := change(tx, &user); err != nil {
			return err
		}
		return tx.RecordAudit(ctx, &news.AuditEntry{At: a.now(), UserID: user.ID, UserEmail: user.Email,
			Action: action, Detail: "from " + clientIP(r)})
	})
	return user, err
}

// readLinkForm parses a form posted from an emailed link (a reset or an
// invitation), builds its page with page once the form is parsed, and
// checks the sign-in form's CSRF token and the link's shape. When either
// fails it has answered, showing the page again, and ok is false.
func (a *Admin) readLinkForm(w http.ResponseWriter, r *http.Request, page func() resetPage) (p resetPage, ok bool) {
	if err := r.ParseForm(); err != nil {
		a.renderError(w, r, news.WrapError(news.EINVALID, err, "The form could not be read. Please try again."))
		return p, false
	}
	p = page()
	good, err := a.checkLoginToken(r, r.PostForm.Get(csrfField))
	if err != nil {
		a.renderError(w, r, err)
		return p, false
	}
	if !good {
		p.Error = errBadCSRF.Message
		a.renderReset(w, r, http.StatusForbidden, p)
		return p, false
	}
	if !validSecret(p.Token) {
		a.renderReset(w, r, http.StatusBadRequest, p)
		return p, false
	}
	return p, true
}
