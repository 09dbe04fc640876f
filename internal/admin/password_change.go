package admin

import (
	"net/http"

	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
)

// accountPassword changes the signed-in user's own password. The current
// one is required, so a borrowed session cannot lock the owner out; wrong
// guesses count against the sign-in limits. Every other session ends.
func (a *Admin) accountPassword(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	fail := func(err error) {
		a.renderAccountProblem(w, r, v, httperr.Status(err), news.ErrorMessage(err))
	}
	current := r.PostForm.Get("current_password")
	if current == "" || len(current) > auth.MaxPasswordBytes {
		fail(news.Errorf(news.EINVALID, "Enter your current password."))
		return
	}
	pw, err := readNewPassword(r)
	if err != nil {
		fail(err)
		return
	}
	ip, now := clientIP(r), a.now()
	if wait := a.limit.attempt(v.user.Email, ip, now); wait > 0 {
		a.renderAccountProblem(w, r, v, http.StatusTooManyRequests, "Too many wrong passwords. Wait "+minutes(wait)+" and try again.")
		return
	}
	if _, ok, err := a.authenticate(r.Context(), v.user.Email, current); err != nil {
		a.renderError(w, r, err)
		return
	} else if !ok {
		a.audit(r.Context(), news.AuditEntry{UserID: v.user.ID, UserEmail: v.user.Email, Action: "password.change_failure", Detail: "from " + ip})
		fail(news.Errorf(news.EUNAUTHORIZED, "The current password is not correct."))
		return
	}
	a.limit.succeeded(v.user.Email, ip, now)
	hash, err := a.hashPassword(r.Context(), pw)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	user := v.user
	err = a.changeAudited(r.Context(), v, news.AuditEntry{Action: "password.change", Subject: "user " + user.Email},
		func(tx news.Store) error {
			user.PasswordHash = hash
			if err := tx.UpdateUser(r.Context(), &user); err != nil {
				return err
			}
			return tx.DeleteUserSessions(r.Context(), user.ID)
		})
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	// This browser keeps working, under a new session.
	if err := a.startSession(w, r, user, ip); err != nil {
		a.renderError(w, r, err)
		return
	}
	a.redirectWithFlash(w, r, "/admin/account", "Your password is changed. Every other session has ended.")
}

// renderAccountProblem shows the account page with the password form's
// problem.
func (a *Admin) renderAccountProblem(w http.ResponseWriter, r *http.Request, v *visit, status int, problem string) {
	list, err := a.store.UserSessions(r.Context(), v.user.ID, a.now())
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	rows := make([]sessionRow, 0, len(list))
	for _, s := range list {
		if a.now().Sub(s.LastSeenAt) >= idleTimeout {
			continue
		}
		rows = append(rows, sessionRow{ID: s.ID, Current: s.ID == v.session.ID, Created: showTime(s.CreatedAt),
			LastSeen: showTime(s.LastSeenAt), UserAgent: s.UserAgent, IP: s.IP})
	}
	a.render(w, r, status, "account", accountPage{page: a.newPage("Your account", v), Sessions: rows, PasswordProblem: problem})
}
