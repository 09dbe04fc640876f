package admin

import (
	"net/http"

	"github.com/byline-news/byline/internal/news"
)

// sessionRow is one of the user's sessions on their account page.
type sessionRow struct {
	// ID is the stored hash of the session's secret: it names the
	// session for the "end" button and cannot be used as a cookie.
	ID        string
	Current   bool
	Created   timeText
	LastSeen  timeText
	UserAgent string
	IP        string
}

type accountPage struct {
	page
	Sessions []sessionRow
	// PasswordProblem is why the change-password form failed.
	PasswordProblem string
}

// accountShow is the signed-in user's own page: their sessions, each with
// a button to end it, and "sign out everywhere".
func (a *Admin) accountShow(w http.ResponseWriter, r *http.Request, v *visit) {
	list, err := a.store.UserSessions(r.Context(), v.user.ID, a.now())
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	rows := make([]sessionRow, 0, len(list))
	for _, s := range list {
		// Idle sessions no longer sign anyone in; they are not shown.
		if a.now().Sub(s.LastSeenAt) >= idleTimeout {
			continue
		}
		rows = append(rows, sessionRow{ID: s.ID, Current: s.ID == v.session.ID, Created: showTime(s.CreatedAt),
			LastSeen: showTime(s.LastSeenAt), UserAgent: s.UserAgent, IP: s.IP})
	}
	a.render(w, r, http.StatusOK, "account", accountPage{page: a.managePage(w, r, "Your account", v), Sessions: rows})
}

// accountEndSession ends one of the user's own sessions.
func (a *Admin) accountEndSession(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	id := r.PostForm.Get("session")
	list, err := a.store.UserSessions(r.Context(), v.user.ID, a.now())
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	found := false
	for _, s := range list {
		found = found || (id != "" && s.ID == id)
	}
	if !found {
		// Someone else's session, or one already ended: say the same.
		a.renderError(w, r, news.Errorf(news.ENOTFOUND, "That session has already ended."))
		return
	}
	err = a.changeAudited(r.Context(), v, news.AuditEntry{Action: "session.end", Subject: "user " + v.user.Email},
		func(tx news.Store) error { return tx.DeleteSession(r.Context(), id) })
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	if id == v.session.ID {
		a.clearCookie(w, sessionCookie)
		http.Redirect(w, r, "/admin/login?signed_out=1", http.StatusSeeOther)
		return
	}
	a.redirectWithFlash(w, r, "/admin/account", "The session has been ended.")
}

// accountEndAll ends every session of the user, this one included.
func (a *Admin) accountEndAll(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	err := a.changeAudited(r.Context(), v, news.AuditEntry{Action: "session.end_all", Subject: "user " + v.user.Email},
		func(tx news.Store) error { return tx.DeleteUserSessions(r.Context(), v.user.ID) })
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	a.clearCookie(w, sessionCookie)
	http.Redirect(w, r, "/admin/login?signed_out=1", http.StatusSeeOther)
}
