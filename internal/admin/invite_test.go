package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// invite sends the invitation form from the users page.
func (b *browser) invite(email string, role news.Role) response {
	b.t.Helper()
	page := b.get("/admin/users")
	if page.status != http.StatusOK {
		b.t.Fatalf("GET /admin/users: %d", page.status)
	}
	return b.post("/admin/users/invite", url.Values{"email": {email}, "role": {string(role)}, "csrf_token": {page.csrf(b.t)}})
}

func TestInvitation(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "admin@news.example", "Ada", news.RoleAdministrator)
		admin := g.browser(t)
		admin.mustSignIn("admin@news.example")

		res := admin.invite("New@News.example", news.RoleEditor)
		if res.status != http.StatusSeeOther || res.location() != "/admin/users" {
			t.Fatalf("invite: %d %q\n%s", res.status, res.location(), res.body)
		}
		msgs := g.mailbox.messages("new@news.example")
		if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "Ada invited you") || !strings.Contains(msgs[0].Text, "editor") {
			t.Fatalf("invitation mail: %+v", msgs)
		}
		link := g.mailbox.lastLink(t, "new@news.example", "/admin/invite?token=")
		u, err := s.UserByEmail(t.Context(), "new@news.example")
		if err != nil || u.Role != news.RoleEditor || u.PasswordHash != "" {
			t.Fatalf("invited user %+v, %v; want an editor without a password", u, err)
		}

		invitee := g.browser(t)
		const xss = `<script>alert(1)</script>Nell`
		res = invitee.setPassword(link, url.Values{"name": {xss}, "password": {newPassword}, "password_again": {newPassword}})
		if res.status != http.StatusSeeOther || res.location() != "/admin/" {
			t.Fatalf("accept: %d %q\n%s", res.status, res.location(), res.body)
		}
		if !invitee.signedIn() {
			t.Error("the invitee is not signed in")
		}
		if res := g.browser(t).signIn("new@news.example", newPassword); res.status != http.StatusSeeOther {
			t.Errorf("sign-in with the chosen password: %d", res.status)
		}
		page := admin.get("/admin/users")
		if strings.Contains(page.body, "<script>alert(1)") || !strings.Contains(page.body, "&lt;script&gt;alert(1)&lt;/script&gt;Nell") {
			t.Errorf("the name is not escaped on the users page")
		}

		t.Run("link works once", func(t *testing.T) {
			res := g.browser(t).setPassword(link, url.Values{"name": {"Eve"}, "password": {"eve's own passphrase"}, "password_again": {"eve's own passphrase"}})
			if res.status != http.StatusGone {
				t.Fatalf("status %d\n%s", res.status, res.body)
			}
		})
		t.Run("an account with a password is not invited again", func(t *testing.T) {
			res := admin.invite("new@news.example", news.RoleAuthor)
			if res.status != http.StatusConflict || !strings.Contains(res.body, "already has an account") {
				t.Fatalf("status %d\n%s", res.status, res.body)
			}
		})
		t.Run("audited", func(t *testing.T) {
			entries, _, err := s.AuditEntries(t.Context(), news.AuditFilter{})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, e := range entries {
				seen[e.Action] = true
			}
			if !seen["user.invite"] || !seen["user.invite_accepted"] {
				t.Errorf("audit actions %v lack the invitation", seen)
			}
		})
	})
}

func TestInvitationRoleLimits(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "admin@news.example", "Ada", news.RoleAdministrator)
	g.user(t, "ed@news.example", "Ed", news.RoleEditor)
	admin := g.browser(t)
	admin.mustSignIn("admin@news.example")
	editor := g.browser(t)
	editor.mustSignIn("ed@news.example")

	tests := []struct {
		name   string
		who    *browser
		role   news.Role
		status int
	}{
		{"administrator invites an administrator", admin, news.RoleAdministrator, http.StatusSeeOther},
		{"administrator may not invite an owner", admin, news.RoleOwner, http.StatusForbidden},
		{"unknown role", admin, "king", http.StatusBadRequest},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			email := "person" + string(rune('a'+i)) + "@news.example"
			if res := tt.who.invite(email, tt.role); res.status != tt.status {
				t.Fatalf("status %d, want %d\n%s", res.status, tt.status, res.body)
			}
			_, err := g.store.UserByEmail(t.Context(), email)
			if (tt.status == http.StatusSeeOther) != (err == nil) {
				t.Errorf("account made: %v, want %v", err == nil, tt.status == http.StatusSeeOther)
			}
		})
	}
	t.Run("editor may not invite", func(t *testing.T) {
		token := editor.get("/admin/").csrf(t)
		res := editor.post("/admin/users/invite", url.Values{"email": {"x@news.example"}, "role": {"contributor"}, "csrf_token": {token}})
		if res.status != http.StatusForbidden {
			t.Fatalf("status %d, want 403", res.status)
		}
		if g.mailbox.count() != 1 {
			t.Errorf("%d mails sent, want only the administrator's one", g.mailbox.count())
		}
	})
}

func TestReinvitationReplacesLink(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "admin@news.example", "Ada", news.RoleAdministrator)
		admin := g.browser(t)
		admin.mustSignIn("admin@news.example")
		admin.invite("new@news.example", news.RoleEditor)
		first := g.mailbox.lastLink(t, "new@news.example", "/admin/invite?token=")
		if res := admin.invite("new@news.example", news.RoleAuthor); res.status != http.StatusSeeOther {
			t.Fatalf("second invitation: %d\n%s", res.status, res.body)
		}
		second := g.mailbox.lastLink(t, "new@news.example", "/admin/invite?token=")
		form := url.Values{"name": {"Nell"}, "password": {newPassword}, "password_again": {newPassword}}
		if res := g.browser(t).setPassword(first, form); res.status != http.StatusGone {
			t.Fatalf("first link: status %d, want 410", res.status)
		}
		g.clock.Advance(7*24*time.Hour - time.Minute)
		if res := g.browser(t).setPassword(second, form); res.status != http.StatusSeeOther {
			t.Fatalf("second link: status %d\n%s", res.status, res.body)
		}
		if u, _ := s.UserByEmail(t.Context(), "new@news.example"); u.Role != news.RoleAuthor {
			t.Errorf("role %s, want the second invitation's author", u.Role)
		}
	})
}

func TestInvitationExpires(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "admin@news.example", "Ada", news.RoleAdministrator)
	admin := g.browser(t)
	admin.mustSignIn("admin@news.example")
	admin.invite("new@news.example", news.RoleEditor)
	link := g.mailbox.lastLink(t, "new@news.example", "/admin/invite?token=")
	g.clock.Advance(7*24*time.Hour + time.Second)
	res := g.browser(t).setPassword(link, url.Values{"name": {"Nell"}, "password": {newPassword}, "password_again": {newPassword}})
	if res.status != http.StatusGone || !strings.Contains(res.body, "expired") {
		t.Fatalf("status %d\n%s", res.status, res.body)
	}
}

func TestInvitationFormsNeedCSRF(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "admin@news.example", "Ada", news.RoleAdministrator)
	admin := g.browser(t)
	admin.mustSignIn("admin@news.example")
	if res := admin.post("/admin/users/invite", url.Values{"email": {"new@news.example"}, "role": {"editor"}}); res.status != http.StatusForbidden {
		t.Errorf("invite without token: status %d, want 403", res.status)
	}
	if g.mailbox.count() != 0 {
		t.Fatal("an invitation went out without a CSRF token")
	}
	admin.invite("new@news.example", news.RoleEditor)
	link := g.mailbox.lastLink(t, "new@news.example", "/admin/invite?token=")
	u, _ := url.Parse(link)
	b := g.browser(t)
	b.get(link)
	res := b.post(u.Path, url.Values{"token": {u.Query().Get("token")}, "name": {"Nell"}, "password": {newPassword}, "password_again": {newPassword}})
	if res.status != http.StatusForbidden {
		t.Errorf("accept without token: status %d, want 403", res.status)
	}
}
