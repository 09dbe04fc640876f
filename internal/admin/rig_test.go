package admin_test

import (
	"html"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/admin"
	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/media"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/urls"
)

const (
	baseURL  = "https://news.example"
	password = "correct horse battery"
	// badCredentials is the message of a wrong email or password.
	badCredentials = "The email address or password is not correct."
)

// clock is a settable time for the admin, so timeouts can be tested
// without waiting.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// rig is the admin over a real store, with a clock the test moves.
type rig struct {
	store   *store.Store
	handler http.Handler
	clock   *clock
	media   *media.Local
	mailbox *mailbox // what the admin mailed
}

func newRig(t testing.TB, s *store.Store) *rig {
	t.Helper()
	return newRigWith(t, s, baseURL, true)
}

func newRigWith(t testing.TB, s *store.Store, base string, secure bool) *rig {
	t.Helper()
	b, err := urls.New(base, "en")
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{now: time.Date(2025, 6, 2, 8, 0, 0, 0, time.UTC)}
	lib, err := media.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	pub := publishing.New(s, render.New(), publishing.Options{Now: clk.Now})
	box := &mailbox{}
	a, err := admin.New(admin.Config{URLs: b, Logger: testutil.Logger(t), Secure: secure, Now: clk.Now,
		Publishing: pub, Media: lib, Mail: box}, s)
	if err != nil {
		t.Fatal(err)
	}
	return &rig{store: s, handler: a.Handler(), clock: clk, media: lib, mailbox: box}
}

// user creates an account that signs in with password.
func (g *rig) user(t testing.TB, email, name string, role news.Role) news.User {
	t.Helper()
	hash, err := auth.HashPassword(password, auth.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	u := news.User{Email: email, Name: name, Role: role, PasswordHash: hash}
	if err := g.store.CreateUser(t.Context(), &u); err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

// browser is one visitor: a cookie jar, an address, and the headers a
// current browser sends with a same-origin form.
type browser struct {
	t    testing.TB
	rig  *rig
	jar  *cookiejar.Jar
	addr string
}

func (g *rig) browser(t testing.TB) *browser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, rig: g, jar: jar, addr: "192.0.2.10:4711"}
}

// response is a recorded answer.
type response struct {
	status int
	header http.Header
	body   string
}

// location returns the Location header.
func (r response) location() string { return r.header.Get("Location") }

// cookie returns the Set-Cookie of that name, or nil.
func (r response) cookie(name string) *http.Cookie {
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

var csrfInput = regexp.MustCompile(`name="csrf_token" value="([^"]*)"`)

// csrf returns the token of the page's first form.
func (r response) csrf(t testing.TB) string {
	t.Helper()
	m := csrfInput.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("no CSRF token on the page (status %d):\n%s", r.status, r.body)
	}
	return m[1]
}

// do sends req as this browser, with its cookies, and keeps the cookies
// the answer sets.
func (b *browser) do(req *http.Request) response {
	b.t.Helper()
	req.RemoteAddr = b.addr
	for _, c := range b.jar.Cookies(req.URL) {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	b.rig.handler.ServeHTTP(rec, req)
	res := rec.Result()
	b.jar.SetCookies(req.URL, res.Cookies())
	return response{status: rec.Code, header: rec.Header(), body: rec.Body.String()}
}

func (b *browser) get(path string) response {
	b.t.Helper()
	return b.do(httptest.NewRequest(http.MethodGet, baseURL+path, nil))
}

// post sends a form as a same-origin page of the site would.
func (b *browser) post(path string, form url.Values) response {
	b.t.Helper()
	return b.do(b.formRequest(path, form))
}

func (b *browser) formRequest(path string, form url.Values) *http.Request {
	req := httptest.NewRequest(http.MethodPost, baseURL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", baseURL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}

// signIn fills in the sign-in form as a person would: open it, then send
// it with its token.
func (b *browser) signIn(email, pw string) response {
	b.t.Helper()
	return b.signInTo("/admin/login", email, pw)
}

// signInTo opens the form at loginPath (which may carry ?next=) and sends
// it.
func (b *browser) signInTo(loginPath, email, pw string) response {
	b.t.Helper()
	form := b.get(loginPath)
	if form.status != http.StatusOK {
		b.t.Fatalf("GET %s: status %d", loginPath, form.status)
	}
	values := url.Values{"email": {email}, "password": {pw}, "csrf_token": {form.csrf(b.t)}}
	if m := regexp.MustCompile(`name="next" value="([^"]*)"`).FindStringSubmatch(form.body); m != nil {
		values.Set("next", html.UnescapeString(m[1]))
	}
	return b.post("/admin/login", values)
}

// mustSignIn signs in and fails the test unless it worked.
func (b *browser) mustSignIn(email string) {
	b.t.Helper()
	if res := b.signIn(email, password); res.status != http.StatusSeeOther {
		b.t.Fatalf("sign-in as %s: status %d\n%s", email, res.status, res.body)
	}
}

// sessionCookie returns the session cookie the browser holds, or "".
func (b *browser) sessionCookie() string {
	u, _ := url.Parse(baseURL + "/admin/")
	for _, c := range b.jar.Cookies(u) {
		if c.Name == "byline_session" {
			return c.Value
		}
	}
	return ""
}

// signedIn reports whether the dashboard opens for this browser; a
// redirect to the sign-in form means no.
func (b *browser) signedIn() bool {
	b.t.Helper()
	res := b.get("/admin/")
	switch {
	case res.status == http.StatusOK:
		return true
	case res.status == http.StatusSeeOther && strings.HasPrefix(res.location(), "/admin/login"):
		return false
	}
	b.t.Fatalf("dashboard answered %d, Location %q", res.status, res.location())
	return false
}

// sessionCount counts every session in the store. It deletes them to do
// so (all are expired a year on), so call it last.
func sessionCount(t testing.TB, s *store.Store) int {
	t.Helper()
	n, err := s.DeleteExpiredSessions(t.Context(), time.Now().Add(100*365*24*time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func httptestRequest(path string) *http.Request {
	return httptest.NewRequest(http.MethodGet, baseURL+path, nil)
}
