package admin_test

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// totpCode is RFC 6238's six-digit code of key at t, written here apart
// from the admin's own so that the two check each other.
func totpCode(key []byte, t time.Time) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(t.Unix()/30))
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[19] & 0xf
	v := (uint32(sum[off])&0x7f)<<24 | uint32(sum[off+1])<<16 | uint32(sum[off+2])<<8 | uint32(sum[off+3])
	return fmt.Sprintf("%06d", v%1_000_000)
}

var (
	secretOnPage   = regexp.MustCompile(`<code class="totp-secret">([A-Z2-7 ]+)</code>`)
	recoveryOnPage = regexp.MustCompile(`<li><code>([a-z0-9-]+)</code></li>`)
)

// enrol turns two-factor sign-in on for the browser's signed-in user as a
// person would, and returns the secret and the recovery codes.
func (b *browser) enrol() (key []byte, codes []string) {
	b.t.Helper()
	page := b.get("/admin/account/two-factor")
	if page.status != http.StatusOK || !strings.Contains(page.body, "/admin/account/two-factor/start") {
		b.t.Fatalf("two-factor page: status %d\n%s", page.status, page.body)
	}
	if res := b.post("/admin/account/two-factor/start", url.Values{"csrf_token": {page.csrf(b.t)}}); res.status != http.StatusSeeOther {
		b.t.Fatalf("start: status %d\n%s", res.status, res.body)
	}
	page = b.get("/admin/account/two-factor")
	m := secretOnPage.FindStringSubmatch(page.body)
	if m == nil {
		b.t.Fatalf("no secret on the page:\n%s", page.body)
	}
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ReplaceAll(m[1], " ", ""))
	if err != nil {
		b.t.Fatalf("secret %q: %v", m[1], err)
	}
	if !strings.Contains(html.UnescapeString(page.body), "otpauth://totp/") {
		b.t.Error("no otpauth URI on the page")
	}
	wrong := b.post("/admin/account/two-factor/confirm", url.Values{"csrf_token": {page.csrf(b.t)}, "code": {"000000"}})
	if totpCode(key, b.rig.clock.Now()) != "000000" && wrong.status != http.StatusUnprocessableEntity {
		b.t.Fatalf("confirm with a wrong code: status %d", wrong.status)
	}
	res := b.post("/admin/account/two-factor/confirm", url.Values{"csrf_token": {page.csrf(b.t)},
		"code": {totpCode(key, b.rig.clock.Now())}})
	if res.status != http.StatusOK {
		b.t.Fatalf("confirm: status %d\n%s", res.status, res.body)
	}
	for _, m := range recoveryOnPage.FindAllStringSubmatch(res.body, -1) {
		codes = append(codes, m[1])
	}
	if len(codes) != 10 {
		b.t.Fatalf("%d recovery codes on the page, want 10:\n%s", len(codes), res.body)
	}
	again := b.get("/admin/account/two-factor")
	if strings.Contains(again.body, codes[0]) || !strings.Contains(again.body, "10 unused recovery codes") {
		b.t.Errorf("the page afterwards shows a recovery code or the wrong count:\n%s", again.body)
	}
	return key, codes
}

// passwordStep sends the password form and expects to be asked for a
// code, with no session yet.
func (b *browser) passwordStep(email string) {
	b.t.Helper()
	res := b.signIn(email, password)
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location(), "/admin/login/code") {
		b.t.Fatalf("password step: status %d, Location %q\n%s", res.status, res.location(), res.body)
	}
	if res.cookie("byline_session") != nil || b.sessionCookie() != "" {
		b.t.Fatal("the password alone started a session")
	}
}

// sendCode posts the code form with its token.
func (b *browser) sendCode(code string) response {
	b.t.Helper()
	form := b.get("/admin/login/code")
	if form.status != http.StatusOK {
		b.t.Fatalf("code form: status %d, Location %q", form.status, form.location())
	}
	return b.post("/admin/login/code", url.Values{"csrf_token": {form.csrf(b.t)}, "code": {code}})
}

func TestTwoFactorSignIn(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleEditor)
		owner := g.browser(t)
		owner.mustSignIn("ed@news.example")
		key, codes := owner.enrol()
		enrolledAt := g.clock.Now()

		t.Run("the code used to enrol is not accepted again", func(t *testing.T) {
			b := g.browser(t)
			b.passwordStep("ed@news.example")
			if res := b.sendCode(totpCode(key, enrolledAt)); res.status != http.StatusUnauthorized {
				t.Fatalf("replayed code: status %d", res.status)
			}
			if b.signedIn() {
				t.Fatal("signed in with a replayed code")
			}
		})

		t.Run("a fresh code signs in once", func(t *testing.T) {
			g.clock.Advance(30 * time.Second)
			code := totpCode(key, g.clock.Now())
			b := g.browser(t)
			b.passwordStep("ed@news.example")
			res := b.sendCode(code)
			if res.status != http.StatusSeeOther || res.location() != "/admin/" {
				t.Fatalf("status %d, Location %q\n%s", res.status, res.location(), res.body)
			}
			c := res.cookie("byline_session")
			if c == nil || !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteLaxMode || c.Path != "/admin" {
				t.Fatalf("session cookie %+v", c)
			}
			if !b.signedIn() {
				t.Fatal("not signed in after the code")
			}
			again := g.browser(t)
			again.passwordStep("ed@news.example")
			if res := again.sendCode(code); res.status != http.StatusUnauthorized {
				t.Fatalf("same code in another browser: status %d", res.status)
			}
		})

		t.Run("a recovery code works once", func(t *testing.T) {
			b := g.browser(t)
			b.passwordStep("ed@news.example")
			// Typed in capitals, as people do.
			if res := b.sendCode(strings.ToUpper(codes[3])); res.status != http.StatusSeeOther {
				t.Fatalf("recovery code: status %d\n%s", res.status, res.body)
			}
			if !b.signedIn() {
				t.Fatal("not signed in with a recovery code")
			}
			other := g.browser(t)
			other.passwordStep("ed@news.example")
			if res := other.sendCode(codes[3]); res.status != http.StatusUnauthorized {
				t.Fatalf("used recovery code: status %d", res.status)
			}
		})

		t.Run("the password step with a wrong password says so", func(t *testing.T) {
			b := g.browser(t)
			if res := b.signIn("ed@news.example", "wrong"); res.status != http.StatusUnauthorized {
				t.Fatalf("status %d", res.status)
			}
			if res := b.get("/admin/login/code"); res.status != http.StatusSeeOther || !strings.HasPrefix(res.location(), "/admin/login") {
				t.Fatalf("code form without a password step: status %d, Location %q", res.status, res.location())
			}
		})

		t.Run("a pending sign-in expires", func(t *testing.T) {
			b := g.browser(t)
			b.passwordStep("ed@news.example")
			form := b.get("/admin/login/code")
			g.clock.Advance(5 * time.Minute)
			res := b.post("/admin/login/code", url.Values{"csrf_token": {form.csrf(t)}, "code": {totpCode(key, g.clock.Now())}})
			if res.status != http.StatusSeeOther || res.location() != "/admin/login" {
				t.Fatalf("expired: status %d, Location %q", res.status, res.location())
			}
			if b.signedIn() {
				t.Fatal("signed in after the pending sign-in expired")
			}
			g.clock.Advance(30 * time.Second)
		})

		t.Run("a tampered pending cookie is refused", func(t *testing.T) {
			b := g.browser(t)
			b.passwordStep("ed@news.example")
			u, _ := url.Parse(baseURL + "/admin/login/code")
			var value string
			for _, c := range b.jar.Cookies(u) {
				if c.Name == "byline_login_pending" {
					value = c.Value
				}
			}
			if value == "" {
				t.Fatal("no pending-login cookie")
			}
			form := b.get("/admin/login/code")
			_, rest, _ := strings.Cut(value, ".")
			for _, forged := range []string{"2." + rest, value + "x", "junk"} {
				b.jar.SetCookies(u, []*http.Cookie{{Name: "byline_login_pending", Value: forged, Path: "/admin"}})
				res := b.post("/admin/login/code", url.Values{"csrf_token": {form.csrf(t)}, "code": {totpCode(key, g.clock.Now())}})
				if res.status != http.StatusSeeOther || res.location() != "/admin/login" {
					t.Fatalf("forged %q: status %d, Location %q", forged, res.status, res.location())
				}
			}
			if b.signedIn() {
				t.Fatal("signed in with a forged cookie")
			}
		})

		t.Run("the code form needs its CSRF token", func(t *testing.T) {
			// Password steps never finished count as attempts: let the
			// ones above age out of the window.
			g.clock.Advance(16 * time.Minute)
			b := g.browser(t)
			b.passwordStep("ed@news.example")
			b.get("/admin/login/code")
			res := b.post("/admin/login/code", url.Values{"code": {totpCode(key, g.clock.Now())}})
			if res.status != http.StatusForbidden || b.signedIn() {
				t.Fatalf("no token: status %d", res.status)
			}
		})

		t.Run("wrong codes count against the account's limit", func(t *testing.T) {
			g.clock.Advance(16 * time.Minute)
			b := g.browser(t)
			b.passwordStep("ed@news.example") // the first attempt
			for i := range 4 {
				if res := b.sendCode("000000x"); res.status != http.StatusUnauthorized {
					t.Fatalf("wrong code %d: status %d", i, res.status)
				}
			}
			res := b.sendCode(totpCode(key, g.clock.Now()))
			if res.status != http.StatusTooManyRequests || res.header.Get("Retry-After") == "" {
				t.Fatalf("sixth attempt: status %d, Retry-After %q", res.status, res.header.Get("Retry-After"))
			}
			// Another browser, from another address, is held back too:
			// the limit is the account's.
			other := g.browser(t)
			other.addr = "198.51.100.9:1234"
			if res := other.signIn("ed@news.example", password); res.status != http.StatusTooManyRequests {
				t.Fatalf("password after the limit: status %d", res.status)
			}
			g.clock.Advance(16 * time.Minute)
		})
	})
}

func TestTwoFactorTurnOffAndPendingEnrolment(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleEditor)
		b := g.browser(t)
		b.mustSignIn("ed@news.example")

		// A secret made but never confirmed changes nothing at sign-in.
		page := b.get("/admin/account/two-factor")
		b.post("/admin/account/two-factor/start", url.Values{"csrf_token": {page.csrf(t)}})
		if p := b.get("/admin/account/two-factor"); !secretOnPage.MatchString(p.body) {
			t.Fatalf("no secret waiting:\n%s", p.body)
		}
		fresh := g.browser(t)
		fresh.mustSignIn("ed@news.example")

		key, _ := b.enrol()
		page = b.get("/admin/account/two-factor")
		tests := []struct {
			name   string
			form   url.Values
			status int
		}{
			{"nothing given", url.Values{}, http.StatusBadRequest},
			{"wrong password", url.Values{"password": {"nope"}}, http.StatusUnauthorized},
			{"replayed code", url.Values{"code": {totpCode(key, g.clock.Now())}}, http.StatusUnauthorized},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.form.Set("csrf_token", page.csrf(t))
				if res := b.post("/admin/account/two-factor/off", tt.form); res.status != tt.status {
					t.Fatalf("status %d, want %d", res.status, tt.status)
				}
				if _, err := s.UserTOTP(t.Context(), mustUser(t, s).ID); err != nil {
					t.Fatalf("authenticator gone: %v", err)
				}
			})
		}
		res := b.post("/admin/account/two-factor/off", url.Values{"csrf_token": {page.csrf(t)}, "password": {password}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("turn off with the password: status %d\n%s", res.status, res.body)
		}
		after := g.browser(t)
		after.mustSignIn("ed@news.example")
		entries, _, err := s.AuditEntries(t.Context(), news.AuditFilter{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
		}
		joined := strings.Join(actions, " ")
		if !strings.Contains(joined, "totp.enable") || !strings.Contains(joined, "totp.disable") {
			t.Errorf("audit log lacks the enable or disable: %v", actions)
		}
	})
}

func mustUser(t *testing.T, s *store.Store) news.User {
	t.Helper()
	u, err := s.UserByEmail(t.Context(), "ed@news.example")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestTwoFactorFormsNeedTheirCSRFToken(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "ed@news.example", "Ed", news.RoleEditor)
	b := g.browser(t)
	b.mustSignIn("ed@news.example")
	for _, path := range []string{"/admin/account/two-factor/start", "/admin/account/two-factor/confirm",
		"/admin/account/two-factor/off", "/admin/login/code"} {
		t.Run(path, func(t *testing.T) {
			res := b.post(path, url.Values{"code": {"123456"}, "password": {password}})
			if res.status != http.StatusForbidden {
				t.Fatalf("status %d, want 403", res.status)
			}
		})
	}
	if _, err := g.store.UserTOTP(t.Context(), mustUser(t, g.store).ID); !news.IsNotFound(err) {
		t.Fatalf("a form without its token changed the authenticator: %v", err)
	}
}

func FuzzLoginCode(f *testing.F) {
	for _, seed := range []string{"", "123456", "abcde-fghij", strings.Repeat("9", 100), "\x00", "12 34 56", "ÿ"} {
		f.Add(seed)
	}
	s := testutil.NewSQLiteStore(f)
	g := newRig(f, s)
	g.user(f, "ed@news.example", "Ed", news.RoleEditor)
	owner := g.browser(f)
	owner.mustSignIn("ed@news.example")
	owner.enrol()
	b := g.browser(f)
	b.passwordStep("ed@news.example")
	form := b.get("/admin/login/code")
	token := form.csrf(f)
	f.Fuzz(func(t *testing.T, code string) {
		b.t = t
		res := b.post("/admin/login/code", url.Values{"csrf_token": {token}, "code": {code}})
		if res.status >= 500 {
			t.Fatalf("code %q: status %d\n%s", code, res.status, res.body)
		}
	})
}
