package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/mail"
	"github.com/byline-news/byline/internal/news"
)

// Invitations by emailed link.
const (
	// inviteTTL is how long an invitation link works.
	inviteTTL  = 7 * 24 * time.Hour
	invitePath = "/admin/invite"
)

// inviteCreate makes an account with no password for the address and
// mails it a link to set one up. Inviting an address again whose account
// is still unused replaces the link (and sets the new role).
func (a *Admin) inviteCreate(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	f := userForm{Role: news.Role(r.PostForm.Get("role"))}
	user, err := a.invite(r.Context(), v, r.PostForm.Get("email"), f.Role, &f)
	if err == nil {
		var secret string
		secret, err = a.newUserToken(r.Context(), user.ID, news.TokenInvite, inviteTTL)
		if err == nil {
			err = a.mail.Send(r.Context(), a.inviteMessage(v.user, user, secret))
		}
	}
	if err != nil {
		a.renderInvite(w, r, v, httperr.Status(err), f, news.ErrorMessage(err))
		return
	}
	a.redirectWithFlash(w, r, "/admin/users", fmt.Sprintf("Invitation sent to %s, as %s.", user.Email, user.Role))
}

// invite checks the form and creates, or for a repeated invitation
// updates, the invitee's account, with its audit entry.
func (a *Admin) invite(ctx context.Context, v *visit, email string, role news.Role, f *userForm) (news.User, error) {
	f.Email = strings.ToLower(strings.TrimSpace(email))
	switch {
	case f.Email == "":
		return news.User{}, news.Errorf(news.EINVALID, "Enter the person's email address.")
	case len(f.Email) > maxEmailBytes:
		return news.User{}, news.Errorf(news.EINVALID, "The email address is too long: at most %d characters.", maxEmailBytes)
	}
	if err := checkEmail("The email address", f.Email); err != nil {
		return news.User{}, err
	}
	if !role.Valid() {
		return news.User{}, news.Errorf(news.EINVALID, "Choose a role.")
	}
	if !mayGrant(v.user.Role, role) {
		return news.User{}, news.Errorf(news.EFORBIDDEN, "You may not give the role %s.", role)
	}
	var user news.User
	err := a.changeAudited(ctx, v, news.AuditEntry{Action: "user.invite", Subject: "user " + f.Email, Detail: string(role)},
		func(tx news.Store) error {
			existing, err := tx.UserByEmail(ctx, f.Email)
			switch {
			case news.IsNotFound(err):
				// The address stands in for the name until the invitee
				// chooses one.
				user = news.User{Email: f.Email, Name: f.Email, Role: role}
				return tx.CreateUser(ctx, &user)
			case err != nil:
				return err
			case existing.PasswordHash != "":
				return news.Errorf(news.ECONFLICT, "%s already has an account.", f.Email)
			case existing.Role == news.RoleOwner || !mayGrant(v.user.Role, existing.Role):
				return news.Errorf(news.EFORBIDDEN, "You may not invite %s again: their role is above yours.", f.Email)
			}
			user = existing
			user.Role = role
			return tx.UpdateUser(ctx, &user)
		})
	return user, err
}

// inviteMessage is the invitation email.
func (a *Admin) inviteMessage(from, to news.User, secret string) mail.Message {
	link := a.urls.Abs(invitePath) + "?token=" + url.QueryEscape(secret)
	return mail.Message{
		To:      to.Email,
		Subject: "You are invited to " + a.urls.Abs("/"),
		Text: cleanText(from.Name, maxLineBytes) + " invited you to help run " + a.urls.Abs("/") + " as " + string(to.Role) + ".\n\n" +
			"Open this link within 7 days to choose your name and password:\n\n" + link + "\n\n" +
			"If you did not expect this, ignore this message.\n",
	}
}

// renderInvite shows the users page with the invitation form's problem.
func (a *Admin) renderInvite(w http.ResponseWriter, r *http.Request, v *visit, status int, f userForm, problem string) {
	users, err := a.store.Users(r.Context())
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	rows := make([]userRow, len(users))
	for i, u := range users {
		rows[i] = userRow{User: u, Created: showTime(u.CreatedAt)}
	}
	a.render(w, r, status, "users", usersPage{page: a.newPage("Users", v), Users: rows, Roles: grantable(v.user.Role),
		Form: userForm{Role: news.RoleContributor}, Invite: f, InviteProblem: problem})
}

// inviteShow is the invitee's form. Like resetShow, it does not spend
// the link.
func (a *Admin) inviteShow(w http.ResponseWriter, r *http.Request) {
	a.renderReset(w, r, http.StatusOK, resetPage{Token: r.URL.Query().Get("token"), Invite: true, Action: invitePath})
}

// inviteAccept sets the invitee's name and password, spends the link and
// signs them in.
func (a *Admin) inviteAccept(w http.ResponseWriter, r *http.Request) {
	p, ok := a.readLinkForm(w, r, func() resetPage {
		p := resetPage{Token: r.PostForm.Get("token"), Invite: true, Action: invitePath}
		p.Name, _ = line(r.PostForm, "name", "Your name", maxLineBytes)
		return p
	})
	if !ok {
		return
	}
	name, err := line(r.PostForm, "name", "Your name", maxLineBytes)
	if err == nil && name == "" {
		err = news.Errorf(news.EINVALID, "Enter your name.")
	}
	var pw string
	if err == nil {
		pw, err = readNewPassword(r)
	}
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
	user, err := a.useLink(r, p.Token, news.TokenInvite, "user.invite_accepted", func(tx news.Store, user *news.User) error {
		user.Name, user.PasswordHash = name, hash
		return tx.UpdateUser(r.Context(), user)
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
	if err := a.startSession(w, r, user, clientIP(r)); err != nil {
		// The account is ready; only the automatic sign-in failed.
		a.logger.Warn("signing in an invitee", "user_id", user.ID, "err", err)
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	}
	a.clearCookie(w, loginCSRFCookie)
	a.logger.Info("invitation accepted", "user_id", user.ID)
	http.Redirect(w, r, dashboardPath, http.StatusSeeOther)
}
