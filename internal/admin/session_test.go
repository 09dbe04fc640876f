package admin_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestSignInSetsASessionCookieAndOpensTheDashboard(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "Ed@News.example", "Edna Editor", news.RoleEditor)
		b := g.browser(t)

		res := b.signIn("  ed@news.EXAMPLE ", password)
		if res.status != http.StatusSeeOther || res.location() != "/admin/" {
			t.Fatalf("sign-in: status %d, Location %q; want 303 to /admin/\n%s", res.status, res.location(), res.body)
		}
		c := res.cookie("byline_session")
		if c == nil {
			t.Fatal("no session cookie set")
		}
		if !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteLaxMode || c.Path != "/admin" {
			t.Errorf("cookie %+v: want HttpOnly, Secure, SameSite=Lax, Path=/admin", c)
		}
		wantEnd := g.clock.Now().Add(14 * 24 * time.Hour)
		if c.MaxAge != int(14*24*time.Hour/time.Second) || !c.Expires.Equal(wantEnd) {
			t.Errorf("cookie lasts MaxAge %d, Expires %v; want 14 days, %v", c.MaxAge, c.Expires, wantEnd)
		}
		// The database keeps only the hash of the cookie's secret.
		if _, err := s.SessionByHash(t.Context(), c.Value, g.clock.Now(), 0); !news.IsNotFound(err) {
			t.Errorf("the raw cookie value finds a session: %v", err)
		}
		sess, err := s.SessionByHash(t.Context(), auth.HashToken(c.Value), g.clock.Now(), 0)
		if err != nil {
			t.Fatalf("session of the cookie: %v", err)
		}
		if sess.IP != "192.0.2.10" || !sess.ExpiresAt.Equal(wantEnd) {
			t.Errorf("stored session %+v", sess)
		}

		dash := b.get("/admin/")
		if dash.status != http.StatusOK {
			t.Fatalf("dashboard: status %d", dash.status)
		}
		for _, want := range []string{"Signed in as <strong>Edna Editor</strong>", "(editor)", `action="/admin/logout"`} {
			if !strings.Contains(dash.body, want) {
				t.Errorf("dashboard lacks %q", want)
			}
		}
		if got := dash.header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("Cache-Control = %q", got)
		}
	})
}

func TestSessionCookieIsNotSecureOnPlainHTTP(t *testing.T) {
	g := newRigWith(t, testutil.NewSQLiteStore(t), "http://127.0.0.1:8080", false)
	g.user(t, "ed@news.example", "Ed", news.RoleEditor)
	b := g.browser(t)
	form := b.do(httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/admin/login", nil))
	req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8080/admin/login", strings.NewReader(url.Values{
		"email": {"ed@news.example"}, "password": {password}, "csrf_token": {form.csrf(t)},
	}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://127.0.0.1:8080")
	res := b.do(req)
	c := res.cookie("byline_session")
	if res.status != http.StatusSeeOther || c == nil {
		t.Fatalf("sign-in over http: status %d\n%s", res.status, res.body)
	}
	if c.Secure || !c.HttpOnly {
		t.Errorf("cookie %+v: want HttpOnly and not Secure, or the browser would never send it back", c)
	}
}

func TestEverySignInGetsANewSessionID(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleEditor)
		b, other := g.browser(t), g.browser(t)

		b.mustSignIn("ed@news.example")
		first := b.sessionCookie()
		b.mustSignIn("ed@news.example")
		second := b.sessionCookie()
		other.mustSignIn("ed@news.example")

		if first == "" || first == second || second == other.sessionCookie() {
			t.Fatalf("session cookies %q, %q, %q: want three different ones", first, second, other.sessionCookie())
		}
		// Signing in again ended the browser's previous session.
		replay := g.browser(t)
		replay.jar.SetCookies(mustURL(t, baseURL+"/admin/"), []*http.Cookie{{Name: "byline_session", Value: first, Path: "/admin"}})
		if replay.signedIn() {
			t.Error("the session from before the second sign-in still works")
		}
		if !b.signedIn() || !other.signedIn() {
			t.Error("a current session was refused")
		}
	})
}

func TestSignOutEndsTheSession(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleEditor)
		b := g.browser(t)
		b.mustSignIn("ed@news.example")
		stolen := b.sessionCookie()
		token := b.get("/admin/").csrf(t)

		res := b.post("/admin/logout", url.Values{"csrf_token": {token}})
		if res.status != http.StatusSeeOther || res.location() != "/admin/login?signed_out=1" {
			t.Fatalf("sign-out: status %d, Location %q", res.status, res.location())
		}
		if c := res.cookie("byline_session"); c == nil || c.MaxAge >= 0 || c.Path != "/admin" {
			t.Errorf("sign-out cookie %+v: want it cleared on /admin", c)
		}
		if b.signedIn() {
			t.Error("still signed in after signing out")
		}
		if page := b.get("/admin/login?signed_out=1"); !strings.Contains(page.body, "You have signed out.") {
			t.Error("the sign-in form does not confirm the sign-out")
		}

		// A copy of the cookie is worth nothing now: the session is gone
		// from the database, not just from this browser.
		thief := g.browser(t)
		thief.jar.SetCookies(mustURL(t, baseURL+"/admin/"), []*http.Cookie{{Name: "byline_session", Value: stolen, Path: "/admin"}})
		if thief.signedIn() {
			t.Error("the old cookie still opens the dashboard")
		}
		if _, err := s.SessionByHash(t.Context(), auth.HashToken(stolen), g.clock.Now(), 0); !news.IsNotFound(err) {
			t.Errorf("session still stored after sign-out: %v", err)
		}
	})
}

func TestExpiredSessionsAreRefused(t *testing.T) {
	tests := []struct {
		name string
		// steps are the pauses between visits to the dashboard after
		// signing in; the last visit must be refused iff refused.
		steps   []time.Duration
		refused bool
	}{
		{"active within the idle timeout", []time.Duration{11 * time.Hour, 11 * time.Hour, 11 * time.Hour}, false},
		{"idle for 12 hours", []time.Duration{time.Hour, 12 * time.Hour}, true},
		{"idle just under 12 hours", []time.Duration{12*time.Hour - time.Minute}, false},
		{"active but past 14 days", repeat(11*time.Hour, 31), true}, // 341 h > 336 h
		{"active until just before 14 days", repeat(11*time.Hour, 30), false},
	}
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				g := newRig(t, s)
				email := "ed" + string(rune('a'+i)) + "@news.example"
				g.user(t, email, "Ed", news.RoleEditor)
				b := g.browser(t)
				b.mustSignIn(email)
				for j, d := range tt.steps {
					g.clock.Advance(d)
					ok := b.signedIn()
					last := j == len(tt.steps)-1
					if last && ok == tt.refused {
						t.Fatalf("after %v: signed in = %v, want %v", d, ok, !tt.refused)
					}
					if !last && !ok {
						t.Fatalf("refused at step %d, before the last", j)
					}
				}
				if tt.refused {
					// The stale cookie is cleared too.
					if b.sessionCookie() != "" {
						t.Error("the expired session's cookie was not cleared")
					}
				}
			})
		}
	})
}

func repeat(d time.Duration, n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d
	}
	return out
}

func TestRehashesPasswordsMadeWithOldParameters(t *testing.T) {
	s := testutil.NewSQLiteStore(t)
	g := newRig(t, s)
	old := auth.Params{Memory: 8 * 1024, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}
	hash, err := auth.HashPassword(password, old)
	if err != nil {
		t.Fatal(err)
	}
	u := news.User{Email: "old@news.example", Name: "Old", Role: news.RoleAuthor, PasswordHash: hash}
	if err := s.CreateUser(t.Context(), &u); err != nil {
		t.Fatal(err)
	}
	g.browser(t).mustSignIn("old@news.example")
	got, err := s.User(t.Context(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.PasswordHash == hash || !strings.Contains(got.PasswordHash, "m=19456,t=2,p=1") {
		t.Fatalf("hash after sign-in %q: want it redone with the default parameters", got.PasswordHash)
	}
	if ok, rehash, err := auth.VerifyPassword(got.PasswordHash, password, auth.DefaultParams); !ok || rehash || err != nil {
		t.Errorf("new hash: ok %v, rehash %v, err %v", ok, rehash, err)
	}
	g.browser(t).mustSignIn("old@news.example") // and the password still works
}

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
