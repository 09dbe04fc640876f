package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestWrongPasswordAndUnknownEmailGetTheSameAnswer(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleEditor)
		// An account made for API tokens only has no password at all.
		if err := s.CreateUser(t.Context(), &news.User{Email: "bot@news.example", Name: "Bot", Role: news.RoleAuthor}); err != nil {
			t.Fatal(err)
		}
		tests := []struct{ name, email, password string }{
			{"wrong password", "ed@news.example", "not the password"},
			{"unknown email", "nobody@news.example", password},
			{"account without a password", "bot@news.example", password},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				b := g.browser(t)
				res := b.signIn(tt.email, tt.password)
				if res.status != http.StatusUnauthorized {
					t.Fatalf("status %d, want 401", res.status)
				}
				if !strings.Contains(res.body, badCredentials) {
					t.Errorf("page lacks %q", badCredentials)
				}
				if !strings.Contains(res.body, `value="`+tt.email+`"`) {
					t.Error("the email was not kept in the form")
				}
				if strings.Contains(res.body, tt.password) {
					t.Error("the password came back in the page")
				}
				if res.cookie("byline_session") != nil || b.signedIn() {
					t.Error("a session was started")
				}
			})
		}
	})
}

func TestSignInFormProblemsAreExplained(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	tests := []struct {
		name   string
		form   url.Values
		status int
		says   string
	}{
		{"empty", url.Values{}, http.StatusBadRequest, "Enter your email address and your password."},
		{"no password", url.Values{"email": {"ed@news.example"}}, http.StatusBadRequest, "Enter your email address and your password."},
		{"email too long", url.Values{"email": {strings.Repeat("e", 300) + "@x"}, "password": {"p"}}, http.StatusBadRequest, "The email address is too long"},
		{"control character", url.Values{"email": {"ed\x00@news.example"}, "password": {"p"}}, http.StatusBadRequest, "characters no address has"},
		{"password too long", url.Values{"email": {"ed@news.example"}, "password": {strings.Repeat("p", 1025)}}, http.StatusBadRequest, "The password is too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := g.browser(t)
			tt.form.Set("csrf_token", b.get("/admin/login").csrf(t))
			res := b.post("/admin/login", tt.form)
			if res.status != tt.status || !strings.Contains(res.body, tt.says) {
				t.Errorf("status %d, want %d saying %q\n%s", res.status, tt.status, tt.says, res.body)
			}
		})
	}
	t.Run("body too large", func(t *testing.T) {
		b := g.browser(t)
		token := b.get("/admin/login").csrf(t)
		res := b.post("/admin/login", url.Values{"csrf_token": {token}, "email": {strings.Repeat("x", 70<<10)}})
		if res.status != http.StatusRequestEntityTooLarge || !strings.Contains(res.body, "The form is too large.") {
			t.Errorf("status %d\n%s", res.status, res.body)
		}
	})
}

func TestFailedSignInsAreThrottled(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		t.Run("per account, even with the right password", func(t *testing.T) {
			g := newRig(t, s)
			g.user(t, "ed@news.example", "Ed", news.RoleEditor)
			attacker, owner := g.browser(t), g.browser(t)
			owner.addr = "198.51.100.7:5000"
			for i := range 5 {
				if res := attacker.signIn("ed@news.example", "guess "+strconv.Itoa(i)); res.status != http.StatusUnauthorized {
					t.Fatalf("guess %d: status %d, want 401", i, res.status)
				}
				g.clock.Advance(time.Minute)
			}
			// Both the attacker and the owner, from elsewhere, must wait.
			for _, b := range []*browser{attacker, owner} {
				res := b.signIn("ED@news.example", password)
				if res.status != http.StatusTooManyRequests {
					t.Fatalf("after 5 failures: status %d, want 429", res.status)
				}
				// The first failure leaves the window 15 minutes after it
				// was made, 10 minutes from now.
				if got := res.header.Get("Retry-After"); got != "600" {
					t.Errorf("Retry-After = %q, want 600", got)
				}
				if !strings.Contains(res.body, "Too many failed sign-in attempts") || !strings.Contains(res.body, "wait 10 minutes") {
					t.Errorf("429 page does not explain:\n%s", res.body)
				}
			}
			g.clock.Advance(10 * time.Minute)
			if res := owner.signIn("ed@news.example", password); res.status != http.StatusSeeOther {
				t.Errorf("after the wait: status %d, want 303", res.status)
			}
		})

		t.Run("a success clears the account's failures", func(t *testing.T) {
			g := newRig(t, s)
			g.user(t, "al@news.example", "Al", news.RoleEditor)
			b := g.browser(t)
			for round := range 2 {
				for i := range 4 {
					if res := b.signIn("al@news.example", "guess"); res.status != http.StatusUnauthorized {
						t.Fatalf("round %d, guess %d: status %d, want 401", round, i, res.status)
					}
				}
				b.mustSignIn("al@news.example")
			}
		})

		t.Run("per address, across accounts", func(t *testing.T) {
			g := newRig(t, s)
			g.user(t, "victim@news.example", "Vic", news.RoleEditor)
			b := g.browser(t)
			b.addr = "[2001:db8:1:2:aaaa::1]:443"
			for i := range 20 {
				email := "user" + strconv.Itoa(i) + "@news.example"
				if res := b.signIn(email, "guess"); res.status != http.StatusUnauthorized {
					t.Fatalf("guess %d: status %d, want 401", i, res.status)
				}
			}
			// Another address in the same /64 counts as the same.
			b.addr = "[2001:db8:1:2:bbbb::9]:443"
			if res := b.signIn("victim@news.example", password); res.status != http.StatusTooManyRequests {
				t.Fatalf("21st attempt from the /64: status %d, want 429", res.status)
			}
			other := g.browser(t)
			other.addr = "[2001:db8:1:3::1]:443"
			other.mustSignIn("victim@news.example")
		})
	})
}

func TestNextOnlyLeadsInsideTheAdmin(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "ed@news.example", "Ed", news.RoleEditor)

	// The dashboard sends a signed-out visitor to the form with where
	// they were going.
	res := g.browser(t).get("/admin/?page=2")
	if res.status != http.StatusSeeOther || res.location() != "/admin/login?next=%2Fadmin%2F%3Fpage%3D2" {
		t.Fatalf("signed out: status %d, Location %q", res.status, res.location())
	}

	tests := []struct{ next, lands string }{
		{"/admin/?page=2", "/admin/?page=2"},
		{"", "/admin/"},
		{"//evil.example", "/admin/"},
		{"//evil.example/admin/", "/admin/"},
		{"https://evil.example", "/admin/"},
		{"https://evil.example/admin/", "/admin/"},
		{`/\evil.example`, "/admin/"},
		{`/admin/\\evil.example`, "/admin/"},
		{"/admin//evil.example", "/admin/"},
		{"/admin/../evil", "/admin/"},
		{"/admin/%2e%2e/evil", "/admin/"},
		{"/admin/%5c%5cevil.example", "/admin/"},
		{"/admin/\t/evil.example", "/admin/"},
		{"javascript:alert(1)", "/admin/"},
		{"/site-page", "/admin/"},
		{"/admin/login", "/admin/"},
	}
	for _, tt := range tests {
		t.Run(tt.next, func(t *testing.T) {
			res := g.browser(t).signInTo("/admin/login?next="+url.QueryEscape(tt.next), "ed@news.example", password)
			if res.status != http.StatusSeeOther || res.location() != tt.lands {
				t.Errorf("status %d, Location %q; want 303 to %q", res.status, res.location(), tt.lands)
			}
			// Also when the field is forged in the POST itself.
			b := g.browser(t)
			token := b.get("/admin/login").csrf(t)
			res = b.post("/admin/login", url.Values{"email": {"ed@news.example"}, "password": {password},
				"csrf_token": {token}, "next": {tt.next}})
			if res.location() != tt.lands {
				t.Errorf("posted next: Location %q, want %q", res.location(), tt.lands)
			}
		})
	}
}
