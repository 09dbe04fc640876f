package admin

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
)

// allRoles are the roles, least first.
var allRoles = []news.Role{news.RoleContributor, news.RoleAuthor, news.RoleEditor, news.RoleAdministrator, news.RoleOwner}

// grantable returns the roles actor may give: none above their own, and
// never owner, since there is exactly one.
func grantable(actor news.Role) []news.Role {
	var roles []news.Role
	for _, r := range allRoles {
		if r != news.RoleOwner && actor.AtLeast(r) {
			roles = append(roles, r)
		}
	}
	return roles
}

// mayGrant reports whether actor may give role.
func mayGrant(actor, role news.Role) bool {
	return role.Valid() && role != news.RoleOwner && actor.AtLeast(role)
}

// userRow is a user in the list.
type userRow struct {
	news.User
	Created timeText
}

// timeText is a time as the admin shows it, and as machines read it.
type timeText struct{ Text, Machine string }

func showTime(t time.Time) timeText {
	if t.IsZero() {
		return timeText{}
	}
	t = t.UTC()
	return timeText{Text: t.Format("2 Jan 2006 15:04 UTC"), Machine: t.Format(time.RFC3339)}
}

// userForm is the add-a-user form as typed; the password is never shown
// again.
type userForm struct {
	Name, Email string
	Role        news.Role
}

type usersPage struct {
	page
	// Invite and InviteProblem are the invitation form (invite.go).
	Invite        userForm
	InviteProblem string
	Users         []userRow
	Roles         []news.Role
	Form          userForm
	Problem       string
}

func (a *Admin) userList(w http.ResponseWriter, r *http.Request, v *visit) {
	a.renderUsers(w, r, v, http.StatusOK, a.managePage(w, r, "Users", v), userForm{Role: news.RoleContributor}, "")
}

func (a *Admin) renderUsers(w http.ResponseWriter, r *http.Request, v *visit, status int, p page, form userForm, problem string) {
	users, err := a.store.Users(r.Context())
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	rows := make([]userRow, len(users))
	for i, u := range users {
		rows[i] = userRow{User: u, Created: showTime(u.CreatedAt)}
	}
	a.render(w, r, status, "users", usersPage{page: p, Users: rows, Roles: grantable(v.user.Role), Form: form, Problem: problem})
}

// readUserForm reads and checks the add-a-user form.
func readUserForm(r *http.Request, actor news.Role) (userForm, string, error) {
	f := userForm{Role: news.Role(r.PostForm.Get("role"))}
	var err error
	if f.Name, err = line(r.PostForm, "name", "The name", maxLineBytes); err != nil {
		return f, "", err
	}
	if f.Email, err = line(r.PostForm, "email", "The email address", maxEmailBytes); err != nil {
		return f, "", err
	}
	f.Email = strings.ToLower(f.Email)
	password := r.PostForm.Get("password")
	switch {
	case f.Name == "":
		return f, "", news.Errorf(news.EINVALID, "Enter the person's name.")
	case f.Email == "":
		return f, "", news.Errorf(news.EINVALID, "Enter the person's email address.")
	}
	if err := checkEmail("The email address", f.Email); err != nil {
		return f, "", err
	}
	if !f.Role.Valid() {
		return f, "", news.Errorf(news.EINVALID, "Choose a role.")
	}
	if !mayGrant(actor, f.Role) {
		return f, "", news.Errorf(news.EFORBIDDEN, "You may not give the role %s.", f.Role)
	}
	if err := auth.CheckPassword(password); err != nil {
		return f, "", news.WrapError(news.EINVALID, err, "The password is not usable: %v.", err)
	}
	if password != r.PostForm.Get("password_again") {
		return f, "", news.Errorf(news.EINVALID, "The two passwords are not the same.")
	}
	return f, password, nil
}

func (a *Admin) userCreate(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	f, password, err := readUserForm(r, v.user.Role)
	u := news.User{Name: f.Name, Email: f.Email, Role: f.Role}
	if err == nil {
		u.PasswordHash, err = auth.HashPassword(password, auth.DefaultParams)
		if err != nil {
			err = news.WrapError(news.EINTERNAL, err, "The password could not be stored.")
		}
	}
	if err == nil {
		err = a.changeAudited(r.Context(), v, news.AuditEntry{Action: "user.create", Subject: "user " + u.Email, Detail: string(u.Role)},
			func(tx news.Store) error { return tx.CreateUser(r.Context(), &u) })
	}
	if err != nil {
		problem := news.ErrorMessage(err)
		if news.ErrorCode(err) == news.ECONFLICT {
			problem = fmt.Sprintf("There already is a user with the email address %q.", f.Email)
		}
		a.renderUsers(w, r, v, httperr.Status(err), a.newPage("Users", v), f, problem)
		return
	}
	a.redirectWithFlash(w, r, "/admin/users", fmt.Sprintf("User %s added as %s.", u.Email, u.Role))
}

// userShowPage is one user, with what the viewer may change.
type userShowPage struct {
	page
	Target    news.User
	Created   timeText
	Roles     []news.Role
	CanRole   bool
	CanRemove bool
	// Why says why the viewer may not change this user.
	Why     string
	Problem string
}

// whatMay says whether actor may change target's role and remove them,
// and if not, why.
func whatMay(actor, target news.User) (role, remove bool, why string) {
	switch {
	case target.Role == news.RoleOwner:
		return false, false, "The owner cannot be demoted or removed."
	case target.ID == actor.ID:
		return false, false, "You cannot change your own role or remove yourself; ask another administrator."
	case !actor.Role.AtLeast(target.Role):
		return false, false, "This user's role is above yours."
	}
	return true, true, ""
}

// targetOf loads the user of the path's {id}.
func (a *Admin) targetOf(w http.ResponseWriter, r *http.Request) (news.User, bool) {
	id, err := pathID(r, "user")
	if err == nil {
		var u news.User
		if u, err = a.store.User(r.Context(), id); err == nil {
			return u, true
		}
	}
	a.renderError(w, r, err)
	return news.User{}, false
}

func (a *Admin) userShowWith(w http.ResponseWriter, r *http.Request, v *visit, status int, p page, target news.User, problem string) {
	role, remove, why := whatMay(v.user, target)
	a.render(w, r, status, "user_show", userShowPage{page: p, Target: target, Created: showTime(target.CreatedAt),
		Roles: grantable(v.user.Role), CanRole: role, CanRemove: remove, Why: why, Problem: problem})
}

func (a *Admin) userShow(w http.ResponseWriter, r *http.Request, v *visit) {
	target, ok := a.targetOf(w, r)
	if !ok {
		return
	}
	a.userShowWith(w, r, v, http.StatusOK, a.managePage(w, r, target.Name, v), target, "")
}

func (a *Admin) userRole(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	target, ok := a.targetOf(w, r)
	if !ok {
		return
	}
	role := news.Role(r.PostForm.Get("role"))
	may, _, why := whatMay(v.user, target)
	var err error
	switch {
	case !may:
		err = news.Errorf(news.EFORBIDDEN, "%s", why)
	case !mayGrant(v.user.Role, role):
		err = news.Errorf(news.EFORBIDDEN, "You may not give the role %q.", role)
	default:
		old := target.Role
		target.Role = role
		err = a.changeAudited(r.Context(), v, news.AuditEntry{Action: "user.role",
			Subject: "user " + target.Email, Detail: fmt.Sprintf("%s → %s", old, role)},
			func(tx news.Store) error { return tx.UpdateUser(r.Context(), &target) })
		if err != nil {
			target.Role = old
		}
	}
	if err != nil {
		a.userShowWith(w, r, v, httperr.Status(err), a.newPage(target.Name, v), target, news.ErrorMessage(err))
		return
	}
	a.redirectWithFlash(w, r, fmt.Sprintf("/admin/users/%d", target.ID), fmt.Sprintf("%s is now %s.", target.Email, role))
}

func (a *Admin) userDelete(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	target, ok := a.targetOf(w, r)
	if !ok {
		return
	}
	_, may, why := whatMay(v.user, target)
	var err error
	if !may {
		err = news.Errorf(news.EFORBIDDEN, "%s", why)
	} else {
		err = a.changeAudited(r.Context(), v, news.AuditEntry{Action: "user.delete",
			Subject: "user " + target.Email, Detail: string(target.Role)},
			func(tx news.Store) error { return tx.DeleteUser(r.Context(), target.ID) })
	}
	if err != nil {
		a.userShowWith(w, r, v, httperr.Status(err), a.newPage(target.Name, v), target, news.ErrorMessage(err))
		return
	}
	a.redirectWithFlash(w, r, "/admin/users", fmt.Sprintf("User %s removed.", target.Email))
}
