package admin

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/render"
)

// manageRoutes registers authors, tags, settings, users and the audit log.
func (a *Admin) manageRoutes(mux *http.ServeMux) {
	editors := func(h func(http.ResponseWriter, *http.Request, *visit)) http.HandlerFunc {
		return a.mayDo(news.ActionEditAll, h)
	}
	admins := func(h func(http.ResponseWriter, *http.Request, *visit)) http.HandlerFunc {
		return a.mayDo(news.ActionManageSite, h)
	}

	mux.HandleFunc("GET /admin/authors", editors(a.authorList))
	mux.HandleFunc("GET /admin/authors/new", editors(a.authorNew))
	mux.HandleFunc("POST /admin/authors/new", editors(a.authorCreate))
	mux.HandleFunc("GET /admin/authors/{id}", editors(a.authorEdit))
	mux.HandleFunc("POST /admin/authors/{id}", editors(a.authorUpdate))
	mux.HandleFunc("GET /admin/authors/{id}/delete", editors(a.authorDeleteConfirm))
	mux.HandleFunc("POST /admin/authors/{id}/delete", editors(a.authorDelete))

	mux.HandleFunc("GET /admin/tags", editors(a.tagList))
	mux.HandleFunc("POST /admin/tags", editors(a.tagCreate))
	mux.HandleFunc("GET /admin/tags/{id}", editors(a.tagEdit))
	mux.HandleFunc("POST /admin/tags/{id}", editors(a.tagUpdate))
	mux.HandleFunc("GET /admin/tags/{id}/delete", editors(a.tagDeleteConfirm))
	mux.HandleFunc("POST /admin/tags/{id}/delete", editors(a.tagDelete))

	mux.HandleFunc("GET /admin/settings", admins(a.settingsEdit))
	mux.HandleFunc("POST /admin/settings", admins(a.settingsUpdate))

	mux.HandleFunc("GET /admin/users", admins(a.userList))
	mux.HandleFunc("POST /admin/users", admins(a.userCreate))
	mux.HandleFunc("POST /admin/users/invite", admins(a.inviteCreate))
	mux.HandleFunc("GET /admin/users/{id}", admins(a.userShow))
	mux.HandleFunc("POST /admin/users/{id}/role", admins(a.userRole))
	mux.HandleFunc("POST /admin/users/{id}/delete", admins(a.userDelete))

	// Everyone signed in has their own account page.
	mux.HandleFunc("GET /admin/account", a.signedIn(a.accountShow))
	mux.HandleFunc("POST /admin/account/sessions/end", a.signedIn(a.accountEndSession))
	mux.HandleFunc("POST /admin/account/sessions/end-all", a.signedIn(a.accountEndAll))
	mux.HandleFunc("POST /admin/account/password", a.signedIn(a.accountPassword))

	mux.HandleFunc("GET /admin/audit", admins(a.auditList))
}

// mayDo wraps a handler for signed-in users whose role may do action;
// anyone else signed in gets 403 and nothing is read or written.
func (a *Admin) mayDo(action news.Action, h func(http.ResponseWriter, *http.Request, *visit)) http.HandlerFunc {
	return a.signedIn(func(w http.ResponseWriter, r *http.Request, v *visit) {
		if !v.user.Role.Can(action) {
			a.logger.Info("refused a page to a role", "path", r.URL.Path, "user_id", v.user.ID, "role", v.user.Role)
			a.renderError(w, r, news.Errorf(news.EFORBIDDEN, "Your role (%s) may not use this page.", v.user.Role))
			return
		}
		h(w, r, v)
	})
}

// readForm parses a POSTed form and checks its CSRF token against the
// session's. On failure it has answered, and ok is false.
func (a *Admin) readForm(w http.ResponseWriter, r *http.Request, v *visit) (ok bool) {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			a.renderError(w, r, news.WrapError(news.ETOOLARGE, err, "The form is too large."))
			return false
		}
		a.renderError(w, r, news.WrapError(news.EINVALID, err, "The form could not be read. Please try again."))
		return false
	}
	if !tokenEqual(r.PostForm.Get(csrfField), v.csrf) {
		a.logger.Info("form without a valid CSRF token", "path", r.URL.Path, "user_id", v.user.ID)
		a.renderError(w, r, errBadCSRF)
		return false
	}
	return true
}

// errStaleForm answers a form whose only fault is an expired CSRF token:
// the form comes back with the input kept, and nothing is saved. Showing
// the input again is safe because http.CrossOriginProtection has already
// refused cross-site posts, so the text is the user's own.
var errStaleForm = news.Errorf(news.EFORBIDDEN,
	"Nothing was saved: this form's security token had expired. Your input is below; check it and submit again.")

// readFormKeepingInput is readForm for forms with much to type: a stale
// token reports stale instead of answering, so the caller can show the
// form again with the input kept (and errStaleForm as its problem).
func (a *Admin) readFormKeepingInput(w http.ResponseWriter, r *http.Request, v *visit) (ok, stale bool) {
	if err := r.ParseForm(); err == nil && !tokenEqual(r.PostForm.Get(csrfField), v.csrf) {
		a.logger.Info("form with a stale CSRF token; shown again", "path", r.URL.Path, "user_id", v.user.ID)
		return false, true
	}
	return a.readForm(w, r, v), false
}

// pathID is the {id} of the request's path; a malformed one is ENOTFOUND,
// as no such thing exists.
func pathID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, news.Errorf(news.ENOTFOUND, "There is no %s %q.", what, r.PathValue("id"))
	}
	return id, nil
}

// flashCookie carries a one-time success message across the redirect
// that follows a saved form.
const flashCookie = "byline_flash"

// redirectWithFlash sends the browser to path with a message to show
// there once.
func (a *Admin) redirectWithFlash(w http.ResponseWriter, r *http.Request, path, message string) {
	a.setCookie(w, &http.Cookie{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString([]byte(message)), MaxAge: 60})
	http.Redirect(w, r, path, http.StatusSeeOther)
}

// takeFlash returns the message a redirect left, and drops its cookie.
func (a *Admin) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	a.clearCookie(w, flashCookie)
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil {
		return ""
	}
	return cleanText(string(b), 300)
}

// managePage is the frame of a management page: the layout's, and the
// one-time message of the change just made.
func (a *Admin) managePage(w http.ResponseWriter, r *http.Request, title string, v *visit) page {
	p := a.newPage(title, v)
	p.Flash = a.takeFlash(w, r)
	return p
}

// changeAudited runs change and records entry in one transaction, so a
// change is never made without its audit line, nor the other way round.
func (a *Admin) changeAudited(ctx context.Context, v *visit, entry news.AuditEntry, change func(tx news.Store) error) error {
	if v != nil {
		entry.UserID, entry.UserEmail = v.user.ID, v.user.Email
	}
	entry.At = a.now()
	return a.store.WithTx(ctx, func(tx news.Store) error {
		if err := change(tx); err != nil {
			return err
		}
		return tx.RecordAudit(ctx, &entry)
	})
}

// audit records an action with no change of its own in the database
// (a sign-in, say). A failure is logged: the action happened anyway.
func (a *Admin) audit(ctx context.Context, entry news.AuditEntry) {
	entry.At = a.now()
	entry.UserEmail = cleanText(entry.UserEmail, maxEmailBytes)
	if err := a.store.RecordAudit(ctx, &entry); err != nil {
		a.logger.Error("recording an audit entry", "action", entry.Action, "err", err)
	}
}

// Limits on form text, in bytes.
const (
	maxLineBytes = 200
	maxURLBytes  = 2048
	maxTextBytes = 20000
)

// line is a one-line form field: trimmed, valid UTF-8, no control
// characters. It is an error when longer than max bytes.
func line(form url.Values, field, label string, max int) (string, error) {
	s := strings.TrimSpace(form.Get(field))
	if len(s) > max {
		return s, news.Errorf(news.EINVALID, "%s is too long: at most %d characters.", label, max)
	}
	return cleanText(s, max), nil
}

// text is a multi-line form field: line breaks kept (as \n), other
// control characters dropped.
func text(form url.Values, field, label string, max int) (string, error) {
	s := strings.ReplaceAll(form.Get(field), "\r\n", "\n")
	s = strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
	if len(s) > max {
		return s, news.Errorf(news.EINVALID, "%s is too long: at most %d characters.", label, max)
	}
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return s, nil
}

// checkURL accepts "" or an absolute http(s) URL with a host: anything
// else (javascript:, data:, relative paths) is refused, since these URLs
// end up in links and images on the public site.
func checkURL(label, raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		strings.ContainsAny(raw, " \\") {
		return news.Errorf(news.EINVALID, "%s must be a full web address starting with https:// or http://, not %q.", label, raw)
	}
	return nil
}

// checkSlug accepts a slug as render.Slugify would make it; an empty one
// is made from name.
func checkSlug(slug, name string) (string, error) {
	if slug == "" {
		if name == "" {
			return "", nil
		}
		return render.Slugify(name), nil
	}
	if !utf8.ValidString(slug) || render.Slugify(slug) != slug {
		return slug, news.Errorf(news.EINVALID,
			"The slug %q may hold only lower-case letters, digits and hyphens; try %q.", slug, render.Slugify(slug))
	}
	return slug, nil
}

// pager is the links between the pages of a long list.
type pager struct {
	Page, Pages      int
	PrevURL, NextURL string
}

// pageOf reads ?page= and returns the page number (1 when absent or bad).
func pageOf(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

func newPager(base string, page, perPage, total int) pager {
	p := pager{Page: page, Pages: max(1, (total+perPage-1)/perPage)}
	if page > 1 {
		p.PrevURL = fmt.Sprintf("%s?page=%d", base, page-1)
	}
	if page < p.Pages {
		p.NextURL = fmt.Sprintf("%s?page=%d", base, page+1)
	}
	return p
}
