package admin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// changePassword sends the form on the account page.
func (b *browser) changePassword(current, pw, again string) response {
	b.t.Helper()
	page := b.get("/admin/account")
	if page.status != http.StatusOK {
		b.t.Fatalf("GET /admin/account: %d", page.status)
	}
	return b.post("/admin/account/password", url.Values{"current_password": {current}, "password": {pw},
		"password_again": {again}, "csrf_token": {page.csrf(b.t)}})
}

func TestChangeOwnPassword(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleEditor)
		elsewhere := g.browser(t)
		elsewhere.mustSignIn("ed@news.example")
		b := g.browser(t)
		b.mustSignIn("ed@news.example")

		tests := []struct {
			name, current, pw, again string
			status                   int
			says                     string
		}{
			{"wrong current password", "not it at all", newPassword, newPassword, http.StatusUnauthorized, "current password is not correct"},
			{"no current password", "", newPassword, newPassword, http.StatusBadRequest, "Enter your current password"},
			{"confirmation differs", password, newPassword, "other", http.StatusBadRequest, "not the same"},
			{"too short", password, "short", "short", http.StatusBadRequest, "at least"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res := b.changePassword(tt.current, tt.pw, tt.again)
				if res.status != tt.status || !strings.Contains(res.body, tt.says) {
					t.Fatalf("status %d, want %d saying %q\n%s", res.status, tt.status, tt.says, res.body)
				}
			})
		}
		if !elsewhere.signedIn() {
			t.Fatal("a refused change ended the other session")
		}

		res := b.changePassword(password, newPassword, newPassword)
		if res.status != http.StatusSeeOther || res.location() != "/admin/account" {
			t.Fatalf("change: %d %q\n%s", res.status, res.location(), res.body)
		}
		if !b.signedIn() {
			t.Error("the browser that changed the password was signed out")
		}
		if elsewhere.signedIn() {
			t.Error("the other session still works")
		}
		if res := g.browser(t).signIn("ed@news.example", password); res.status != http.StatusUnauthorized {
			t.Errorf("old password: %d, want 401", res.status)
		}
		if res := g.browser(t).signIn("ed@news.example", newPassword); res.status != http.StatusSeeOther {
			t.Errorf("new password: %d, want 303", res.status)
		}
	})
}

func TestChangeOwnPasswordNeedsCSRF(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "ed@news.example", "Ed", news.RoleEditor)
	b := g.browser(t)
	b.mustSignIn("ed@news.example")
	res := b.post("/admin/account/password", url.Values{"current_password": {password}, "password": {newPassword}, "password_again": {newPassword}})
	if res.status != http.StatusForbidden {
		t.Fatalf("status %d, want 403", res.status)
	}
	if res := g.browser(t).signIn("ed@news.example", password); res.status != http.StatusSeeOther {
		t.Errorf("the password changed without a CSRF token")
	}
}
