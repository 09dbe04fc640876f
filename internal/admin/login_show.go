package admin

import (
	"net/http"
)

// loginPage is the sign-in form.
type loginPage struct {
	page
	Email  string
	Next   string
	Notice string // a confirmation, such as having signed out
	Error  string // why the last attempt failed
}

// loginShow shows the sign-in form. It shows it to someone already signed
// in too, who may mean to switch accounts: signing in replaces the session.
func (a *Admin) loginShow(w http.ResponseWriter, r *http.Request) {
	form := loginForm{Next: r.URL.Query().Get("next")}
	notice := ""
	if r.URL.Query().Has("signed_out") {
		notice = "You have signed out."
	}
	if r.URL.Query().Has("password_reset") {
		notice = "Your password is changed, and every session of your account has ended. Sign in with the new password."
	}
	a.renderLogin(w, r, http.StatusOK, form, notice, "")
}

// renderLogin shows the sign-in form with the email kept (never the
// password), a fresh CSRF token, and a notice or an error.
func (a *Admin) renderLogin(w http.ResponseWriter, r *http.Request, status int, form loginForm, notice, problem string) {
	token, err := a.loginToken(w, r)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	p := loginPage{page: a.newPage("Sign in", nil), Email: form.Email, Notice: notice, Error: problem}
	p.CSRF = token
	if next := safeNext(form.Next); next != dashboardPath {
		p.Next = next
	}
	a.render(w, r, status, "login", p)
}
