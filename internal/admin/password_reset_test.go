package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/mail"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// mailbox is a mail.Sender that keeps what it is given.
type mailbox struct {
	mu   sync.Mutex
	sent []mail.Message
}

func (m *mailbox) Send(_ context.Context, msg mail.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, msg)
	return nil
}

// messages returns what was sent to addr.
func (m *mailbox) messages(addr string) []mail.Message {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []mail.Message
	for _, msg := range m.sent {
		if msg.To == addr {
			out = append(out, msg)
		}
	}
	return out
}

func (m *mailbox) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.sent)
}

// lastLink returns the path and query of the last link mailed to addr
// that starts with prefix.
func (m *mailbox) lastLink(t testing.TB, addr, prefix string) string {
	t.Helper()
	msgs := m.messages(addr)
	if len(msgs) == 0 {
		t.Fatalf("no mail to %s", addr)
	}
	for _, l := range mail.Links(msgs[len(msgs)-1].Text) {
		if strings.HasPrefix(l, baseURL+prefix) {
			return strings.TrimPrefix(l, baseURL)
		}
	}
	t.Fatalf("no %s link in the mail to %s:\n%s", prefix, addr, msgs[len(msgs)-1].Text)
	return ""
}

const forgotAnswer = "If an account exists for that address, we sent a link"

// askReset fills in the "forgot your password" form.
func (b *browser) askReset(email string) response {
	b.t.Helper()
	form := b.get("/admin/password/forgot")
	if form.status != http.StatusOK {
		b.t.Fatalf("GET forgot: %d", form.status)
	}
	return b.post("/admin/password/forgot", url.Values{"email": {email}, "csrf_token": {form.csrf(b.t)}})
}

// setPassword opens the link and sends the new-password form.
func (b *browser) setPassword(link string, form url.Values) response {
	b.t.Helper()
	page := b.get(link)
	if page.status != http.StatusOK {
		b.t.Fatalf("GET %s: %d\n%s", link, page.status, page.body)
	}
	u, _ := url.Parse(link)
	form.Set("csrf_token", page.csrf(b.t))
	form.Set("token", u.Query().Get("token"))
	return b.post(u.Path, form)
}

const newPassword = "a brand new passphrase"

func TestPasswordReset(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleEditor)

		// A session open elsewhere, to be ended by the reset.
		other := g.browser(t)
		other.mustSignIn("ed@news.example")

		b := g.browser(t)
		res := b.askReset("ED@news.example")
		if res.status != http.StatusOK || !strings.Contains(res.body, forgotAnswer) {
			t.Fatalf("forgot: %d\n%s", res.status, res.body)
		}
		link := g.mailbox.lastLink(t, "ed@news.example", "/admin/password/reset?token=")

		t.Run("confirmation must match", func(t *testing.T) {
			res := b.setPassword(link, url.Values{"password": {newPassword}, "password_again": {"something else"}})
			if res.status != http.StatusBadRequest || !strings.Contains(res.body, "not the same") {
				t.Fatalf("status %d\n%s", res.status, res.body)
			}
		})
		t.Run("too short", func(t *testing.T) {
			res := b.setPassword(link, url.Values{"password": {"short"}, "password_again": {"short"}})
			if res.status != http.StatusBadRequest || !strings.Contains(res.body, "at least") {
				t.Fatalf("status %d\n%s", res.status, res.body)
			}
		})

		res = b.setPassword(link, url.Values{"password": {newPassword}, "password_again": {newPassword}})
		if res.status != http.StatusSeeOther || res.location() != "/admin/login?password_reset=1" {
			t.Fatalf("reset: %d %q\n%s", res.status, res.location(), res.body)
		}
		if notice := b.get(res.location()); !strings.Contains(notice.body, "Your password is changed") {
			t.Errorf("sign-in page lacks the notice:\n%s", notice.body)
		}
		if other.signedIn() {
			t.Error("the session open before the reset still works")
		}
		if res := g.browser(t).signIn("ed@news.example", password); res.status != http.StatusUnauthorized {
			t.Errorf("old password: status %d, want 401", res.status)
		}
		if res := g.browser(t).signIn("ed@news.example", newPassword); res.status != http.StatusSeeOther {
			t.Errorf("new password: status %d, want 303", res.status)
		}

		t.Run("link works once", func(t *testing.T) {
			res := b.setPassword(link, url.Values{"password": {"yet another passphrase"}, "password_again": {"yet another passphrase"}})
			if res.status != http.StatusGone || !strings.Contains(res.body, "already been used") ||
				!strings.Contains(res.body, `href="/admin/password/forgot"`) {
				t.Fatalf("status %d\n%s", res.status, res.body)
			}
			if res := g.browser(t).signIn("ed@news.example", newPassword); res.status != http.StatusSeeOther {
				t.Errorf("the second use changed the password: %d", res.status)
			}
		})

		t.Run("audited", func(t *testing.T) {
			entries, _, err := s.AuditEntries(t.Context(), news.AuditFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var actions []string
			for _, e := range entries {
				actions = append(actions, e.Action)
			}
			got := strings.Join(actions, " ")
			if !strings.Contains(got, "password.reset ") && !strings.HasSuffix(got, "password.reset") {
				t.Errorf("audit log %q lacks password.reset", got)
			}
		})
	})
}

func TestPasswordResetLinkExpires(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleEditor)
		b := g.browser(t)
		b.askReset("ed@news.example")
		link := g.mailbox.lastLink(t, "ed@news.example", "/admin/password/reset?token=")
		g.clock.Advance(time.Hour + time.Second)
		res := b.setPassword(link, url.Values{"password": {newPassword}, "password_again": {newPassword}})
		if res.status != http.StatusGone || !strings.Contains(res.body, "expired") {
			t.Fatalf("status %d\n%s", res.status, res.body)
		}
		if res := g.browser(t).signIn("ed@news.example", password); res.status != http.StatusSeeOther {
			t.Errorf("the old password stopped working: %d", res.status)
		}
	})
}

func TestPasswordResetNewLinkReplacesOld(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "ed@news.example", "Ed", news.RoleEditor)
	b := g.browser(t)
	b.askReset("ed@news.example")
	first := g.mailbox.lastLink(t, "ed@news.example", "/admin/password/reset?token=")
	b.askReset("ed@news.example")
	if res := b.setPassword(first, url.Values{"password": {newPassword}, "password_again": {newPassword}}); res.status != http.StatusGone {
		t.Fatalf("older link: status %d, want 410", res.status)
	}
}

func TestForgotPasswordNoEnumeration(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "ed@news.example", "Ed", news.RoleEditor)
	known := g.browser(t).askReset("ed@news.example")
	unknown := g.browser(t).askReset("nobody@news.example")
	if known.status != unknown.status || !strings.Contains(unknown.body, forgotAnswer) {
		t.Fatalf("answers differ: %d and %d\n%s", known.status, unknown.status, unknown.body)
	}
	strip := regexp.MustCompile(`value="[^"]*"`)
	if strip.ReplaceAllString(known.body, "") != strip.ReplaceAllString(unknown.body, "") {
		t.Error("the pages for a known and an unknown address differ")
	}
	if n := g.mailbox.count(); n != 1 {
		t.Errorf("%d messages sent, want 1 (none to the unknown address)", n)
	}
}

func TestForgotPasswordThrottled(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "ed@news.example", "Ed", news.RoleEditor)
	b := g.browser(t)
	for i := range 3 {
		if res := b.askReset("ed@news.example"); res.status != http.StatusOK {
			t.Fatalf("request %d: status %d", i+1, res.status)
		}
	}
	res := b.askReset("ed@news.example")
	if res.status != http.StatusTooManyRequests || res.header.Get("Retry-After") == "" {
		t.Fatalf("fourth request: status %d, Retry-After %q", res.status, res.header.Get("Retry-After"))
	}
	if n := g.mailbox.count(); n != 3 {
		t.Errorf("%d messages sent, want 3", n)
	}
	g.clock.Advance(time.Hour + time.Minute)
	if res := b.askReset("ed@news.example"); res.status != http.StatusOK {
		t.Errorf("after the window: status %d", res.status)
	}
}

func TestPasswordFormsNeedCSRF(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "ed@news.example", "Ed", news.RoleEditor)
	b := g.browser(t)
	b.get("/admin/password/forgot") // has the nonce cookie, but sends no token
	if res := b.post("/admin/password/forgot", url.Values{"email": {"ed@news.example"}}); res.status != http.StatusForbidden {
		t.Errorf("forgot without token: status %d, want 403", res.status)
	}
	if g.mailbox.count() != 0 {
		t.Error("a mail was sent without a CSRF token")
	}
	b.askReset("ed@news.example")
	link := g.mailbox.lastLink(t, "ed@news.example", "/admin/password/reset?token=")
	u, _ := url.Parse(link)
	res := b.post(u.Path, url.Values{"token": {u.Query().Get("token")}, "password": {newPassword}, "password_again": {newPassword}, "csrf_token": {"forged"}})
	if res.status != http.StatusForbidden {
		t.Errorf("reset with a forged token: status %d, want 403", res.status)
	}
	// The refused POST did not spend the link.
	if res := b.setPassword(link, url.Values{"password": {newPassword}, "password_again": {newPassword}}); res.status != http.StatusSeeOther {
		t.Errorf("the link stopped working after a refused POST: %d", res.status)
	}
}

func TestPasswordResetBadLinks(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	for _, link := range []string{"/admin/password/reset", "/admin/password/reset?token=abc", "/admin/password/reset?token=%3Cscript%3E"} {
		t.Run(link, func(t *testing.T) {
			res := g.browser(t).get(link)
			if res.status != http.StatusBadRequest || !strings.Contains(res.body, "not complete") || strings.Contains(res.body, "<script>") {
				t.Fatalf("status %d\n%s", res.status, res.body)
			}
		})
	}
}
