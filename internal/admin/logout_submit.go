package admin

import (
	"errors"
	"net/http"

	"github.com/byline-news/byline/internal/news"
)

// logoutSubmit ends the session in the database, so the cookie is worth
// nothing even if it was copied, and tells the browser to drop it.
func (a *Admin) logoutSubmit(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			a.renderError(w, r, news.WrapError(news.ETOOLARGE, err, "The form is too large."))
			return
		}
		a.renderError(w, r, news.WrapError(news.EINVALID, err, "The form could not be read. Please try again."))
		return
	}
	secret, ok := sessionSecret(r)
	if !ok {
		// Nothing to end.
		a.clearCookie(w, sessionCookie)
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	}
	if !tokenEqual(r.PostForm.Get(csrfField), sessionToken(secret)) {
		a.logger.Info("sign-out form without a valid CSRF token", "ip", clientIP(r))
		a.renderError(w, r, errBadCSRF)
		return
	}
	// The audit line needs to know whose session this was; an ended or
	// expired one is ended again, without a line.
	if v, ok, err := a.visitOf(r); err == nil && ok {
		a.audit(r.Context(), news.AuditEntry{UserID: v.user.ID, UserEmail: v.user.Email, Action: "logout", Detail: "from " + clientIP(r)})
	}
	if err := a.store.DeleteSession(r.Context(), sessionID(secret)); err != nil {
		a.renderError(w, r, err)
		return
	}
	a.clearCookie(w, sessionCookie)
	http.Redirect(w, r, "/admin/login?signed_out=1", http.StatusSeeOther)
}
