package admin_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestUsersAddAndTheNewUserSignsIn(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		b := g.as(t, news.RoleAdministrator)
		form := url.Values{"name": {"Nia Reporter"}, "email": {"Nia@News.example"}, "role": {"author"},
			"password": {password}, "password_again": {password}}
		page := b.follow(b.submit("/admin/users", form))
		mustHave(t, page, "User nia@news.example added as author.", "Nia Reporter")
		nia := g.browser(t)
		nia.mustSignIn("nia@news.example")

		bad := []struct {
			name, field, value, message string
			status                      int
		}{
			{"short password", "password", "short", "The password is not usable: the password must have at least 10 characters", http.StatusBadRequest},
			{"passwords differ", "password_again", "another long one", "The two passwords are not the same.", http.StatusBadRequest},
			{"taken email", "email", "NIA@news.example", "There already is a user with the email address &#34;nia@news.example&#34;.", http.StatusConflict},
			{"bad email", "email", "nia", "The email address &#34;nia&#34; is not an email address", http.StatusBadRequest},
			{"owner role", "role", "owner", "You may not give the role owner.", http.StatusForbidden},
			{"unknown role", "role", "king", "Choose a role.", http.StatusBadRequest},
		}
		for _, tc := range bad {
			t.Run(tc.name, func(t *testing.T) {
				f := with(form, "email", "other@news.example")
				f = with(f, tc.field, tc.value)
				before := snapshot(t, s)
				res := b.submit("/admin/users", f)
				if res.status != tc.status {
					t.Errorf("status %d, want %d", res.status, tc.status)
				}
				mustHave(t, res, tc.message, `value="Nia Reporter"`)
				if strings.Contains(res.body, password) {
					t.Error("the refused form shows the password again")
				}
				if after := snapshot(t, s); after != before {
					t.Error("a refused form added a user")
				}
			})
		}
	})
}

func TestUsersOwnerAndRankProtections(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		staff := g.staff(t)
		admin := g.as(t, news.RoleAdministrator)
		owner := g.as(t, news.RoleOwner)
		tests := []struct {
			name    string
			b       *browser
			path    string
			role    string
			message string
		}{
			{"admin removes owner", admin, idPath("/admin/users/%d/delete", staff[news.RoleOwner].ID), "", "The owner cannot be demoted or removed."},
			{"admin demotes owner", admin, idPath("/admin/users/%d/role", staff[news.RoleOwner].ID), "editor", "The owner cannot be demoted or removed."},
			{"admin removes self", admin, idPath("/admin/users/%d/delete", staff[news.RoleAdministrator].ID), "", "You cannot change your own role or remove yourself"},
			{"admin promotes self", admin, idPath("/admin/users/%d/role", staff[news.RoleAdministrator].ID), "owner", "You cannot change your own role or remove yourself"},
			{"admin makes an owner", admin, idPath("/admin/users/%d/role", staff[news.RoleEditor].ID), "owner", "You may not give the role &#34;owner&#34;."},
			{"owner removes self", owner, idPath("/admin/users/%d/delete", staff[news.RoleOwner].ID), "", "The owner cannot be demoted or removed."},
			{"owner makes a second owner", owner, idPath("/admin/users/%d/role", staff[news.RoleEditor].ID), "owner", "You may not give the role &#34;owner&#34;."},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				before := snapshot(t, s)
				form := url.Values{}
				if tc.role != "" {
					form.Set("role", tc.role)
				}
				res := tc.b.submit(tc.path, form)
				if res.status != http.StatusForbidden {
					t.Errorf("status %d, want 403", res.status)
				}
				mustHave(t, res, tc.message)
				if after := snapshot(t, s); after != before {
					t.Errorf("a refused change was made:\nbefore %s\nafter  %s", before, after)
				}
			})
		}
		// The owner's page offers neither form to an administrator.
		page := admin.get(idPath("/admin/users/%d", staff[news.RoleOwner].ID))
		if strings.Contains(page.body, "/role\"") || strings.Contains(page.body, "/delete\"") {
			t.Errorf("the owner's page offers changes:\n%s", page.body)
		}
		// The role list never offers owner.
		if list := owner.get("/admin/users"); strings.Contains(list.body, `<option value="owner"`) {
			t.Error("the add form offers the owner role")
		}

		t.Run("admin promotes and removes an editor", func(t *testing.T) {
			ed := g.browser(t)
			ed.mustSignIn("editor@news.example")
			id := staff[news.RoleEditor].ID
			admin.follow(admin.submit(idPath("/admin/users/%d/role", id), url.Values{"role": {"administrator"}}))
			if u, err := s.User(t.Context(), id); err != nil || u.Role != news.RoleAdministrator {
				t.Fatalf("after promotion: %+v, %v", u, err)
			}
			a := news.Article{Slug: "kept", Title: "Kept", Language: "en", Format: news.FormatMarkdown, Body: "b",
				BodyHTML: "<p>b</p>", Status: news.StatusDraft, CreatedBy: id}
			if err := s.CreateArticle(t.Context(), &a, "test"); err != nil {
				t.Fatal(err)
			}
			admin.follow(admin.submit(idPath("/admin/users/%d/delete", id), nil))
			if _, err := s.User(t.Context(), id); !news.IsNotFound(err) {
				t.Errorf("removed user still there: %v", err)
			}
			if ed.signedIn() {
				t.Error("the removed user is still signed in")
			}
			if got, err := s.Article(t.Context(), a.ID); err != nil || got.CreatedBy != 0 {
				t.Errorf("their article: created_by %d, %v", got.CreatedBy, err)
			}
			if got := auditActions(t, s); !slices.Equal(got, []string{"user.role", "user.delete"}) {
				t.Errorf("audit = %v", got)
			}
		})
	})
}

func TestAccountListsAndEndsSessions(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleContributor)
		laptop, phone := g.browser(t), g.browser(t)
		phone.addr = "198.51.100.7:1234"
		laptop.mustSignIn("ed@news.example")
		phone.mustSignIn("ed@news.example")

		page := laptop.get("/admin/account")
		mustHave(t, page, "198.51.100.7", "192.0.2.10", "(this one)")
		ids := regexpAll(`name="session" value="([0-9a-f]+)"`, page.body)
		if len(ids) != 2 {
			t.Fatalf("sessions listed: %v", ids)
		}
		// The phone's session is the one not marked as this one; find it
		// by the address shown in its row.
		rows := strings.Split(page.body, "<tr>")
		var phoneID string
		for _, row := range rows {
			if strings.Contains(row, "198.51.100.7") {
				phoneID = regexpAll(`name="session" value="([0-9a-f]+)"`, row)[0]
			}
		}
		t.Run("someone else's session", func(t *testing.T) {
			other := g.user(t, "other@news.example", "Other", news.RoleContributor)
			ob := g.browser(t)
			ob.mustSignIn(other.Email)
			if res := ob.submit("/admin/account/sessions/end", url.Values{"session": {phoneID}}); res.status != http.StatusNotFound {
				t.Errorf("ending another user's session: status %d", res.status)
			}
			if !phone.signedIn() {
				t.Fatal("another user ended the phone's session")
			}
		})
		laptop.follow(laptop.submit("/admin/account/sessions/end", url.Values{"session": {phoneID}}))
		if phone.signedIn() {
			t.Error("the ended session still works")
		}
		if !laptop.signedIn() {
			t.Error("ending the phone's session ended the laptop's")
		}
		phone.mustSignIn("ed@news.example")
		res := laptop.submit("/admin/account/sessions/end-all", nil)
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location(), "/admin/login") {
			t.Errorf("sign out everywhere: %d %q", res.status, res.location())
		}
		if laptop.signedIn() || phone.signedIn() {
			t.Error("a session survived signing out everywhere")
		}
		if got := auditActions(t, s); !slices.Equal(got, []string{"session.end", "session.end_all"}) {
			t.Errorf("audit = %v", got)
		}
	})
}
