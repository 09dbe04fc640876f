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

func TestSignInWithoutAGoodCSRFTokenIsRefused(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleEditor)
		// another browser's token, valid only with that browser's cookie
		elsewhere := g.browser(t).get("/admin/login").csrf(t)

		tests := []struct {
			name     string
			openForm bool // whether the browser loaded the form (and got its cookie)
			token    func(formToken string) string
		}{
			{"no token", true, func(string) string { return "" }},
			{"wrong token", true, func(string) string { return "AAAA" + strings.Repeat("x", 39) }},
			// The first character carries six whole bits, so changing it
			// always changes the token (the last one partly holds padding,
			// and a token could already end in what a fixed suffix writes).
			{"token altered", true, func(tok string) string {
				if tok[0] == 'A' {
					return "B" + tok[1:]
				}
				return "A" + tok[1:]
			}},
			{"another browser's token", true, func(string) string { return elsewhere }},
			{"token without its cookie", false, func(string) string { return elsewhere }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				b := g.browser(t)
				formToken := ""
				if tt.openForm {
					formToken = b.get("/admin/login").csrf(t)
				}
				res := b.post("/admin/login", url.Values{
					"email": {"ed@news.example"}, "password": {password}, "csrf_token": {tt.token(formToken)},
				})
				if res.status != http.StatusForbidden {
					t.Fatalf("status %d, want 403", res.status)
				}
				if !strings.Contains(res.body, "This form has expired or did not come from this site.") {
					t.Errorf("no explanation on the page:\n%s", res.body)
				}
				if res.cookie("byline_session") != nil || b.signedIn() {
					t.Error("a session was started")
				}
				// The form comes back ready to send again.
				if again := b.post("/admin/login", url.Values{
					"email": {"ed@news.example"}, "password": {password}, "csrf_token": {res.csrf(t)},
				}); again.status != http.StatusSeeOther {
					t.Errorf("sending the returned form again: status %d", again.status)
				}
			})
		}
		if n := sessionCount(t, s); n != len(tests) {
			t.Errorf("%d sessions stored, want %d: one per retry, none for the refused forms", n, len(tests))
		}
	})
}

func TestSignOutWithoutTheSessionTokenIsRefused(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleEditor)
		b, other := g.browser(t), g.browser(t)
		b.mustSignIn("ed@news.example")
		other.mustSignIn("ed@news.example")
		for name, token := range map[string]string{
			"no token":                "",
			"another session's token": other.get("/admin/").csrf(t),
		} {
			res := b.post("/admin/logout", url.Values{"csrf_token": {token}})
			if res.status != http.StatusForbidden {
				t.Errorf("%s: status %d, want 403", name, res.status)
			}
			if !b.signedIn() {
				t.Fatalf("%s: the session ended anyway", name)
			}
		}
	})
}

func TestCrossOriginPostsAreRefused(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleEditor)
		tests := []struct {
			name    string
			headers map[string]string // set on a request that is otherwise right
		}{
			{"Sec-Fetch-Site cross-site", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}},
			{"Sec-Fetch-Site same-site", map[string]string{"Sec-Fetch-Site": "same-site", "Origin": "https://blog.news.example"}},
			{"Origin mismatch, old browser", map[string]string{"Sec-Fetch-Site": "", "Origin": "https://evil.example"}},
			{"Origin null", map[string]string{"Sec-Fetch-Site": "", "Origin": "null"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				b := g.browser(t)
				token := b.get("/admin/login").csrf(t)
				req := b.formRequest("/admin/login", url.Values{
					"email": {"ed@news.example"}, "password": {password}, "csrf_token": {token},
				})
				for k, v := range tt.headers {
					req.Header.Set(k, v)
				}
				res := b.do(req)
				if res.status != http.StatusForbidden || !strings.Contains(res.body, "came from another site") {
					t.Fatalf("sign-in: status %d, want 403\n%s", res.status, res.body)
				}
				if b.signedIn() {
					t.Fatal("signed in by a cross-origin form")
				}

				b.mustSignIn("ed@news.example")
				req = b.formRequest("/admin/logout", url.Values{"csrf_token": {b.get("/admin/").csrf(t)}})
				for k, v := range tt.headers {
					req.Header.Set(k, v)
				}
				if res := b.do(req); res.status != http.StatusForbidden {
					t.Errorf("sign-out: status %d, want 403", res.status)
				}
				if !b.signedIn() {
					t.Error("a cross-origin form signed the user out")
				}
			})
		}
	})
}
