package admin_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
)

// roles are every role, least first.
var roles = []news.Role{news.RoleContributor, news.RoleAuthor, news.RoleEditor, news.RoleAdministrator, news.RoleOwner}

// staff makes one user of each role, signing in as <role>@news.example.
func (g *rig) staff(t *testing.T) map[news.Role]news.User {
	t.Helper()
	users := map[news.Role]news.User{}
	for _, r := range roles {
		users[r] = g.user(t, string(r)+"@news.example", "The "+string(r), r)
	}
	return users
}

// as returns a browser signed in as the user of that role.
func (g *rig) as(t *testing.T, r news.Role) *browser {
	t.Helper()
	b := g.browser(t)
	b.mustSignIn(string(r) + "@news.example")
	return b
}

// token returns the session's CSRF token, read from the account page,
// which every signed-in user may open.
func (b *browser) token() string {
	b.t.Helper()
	res := b.get("/admin/account")
	if res.status != http.StatusOK {
		b.t.Fatalf("account page: status %d\n%s", res.status, res.body)
	}
	return res.csrf(b.t)
}

// submit posts form with the session's CSRF token added.
func (b *browser) submit(path string, form url.Values) response {
	b.t.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set("csrf_token", b.token())
	return b.post(path, f)
}

// follow opens the page a 303 points to, failing unless it was one.
func (b *browser) follow(res response) response {
	b.t.Helper()
	if res.status != http.StatusSeeOther {
		b.t.Fatalf("want a 303, got %d\n%s", res.status, res.body)
	}
	return b.get(res.location())
}

// dummyUser stores a user who cannot sign in, cheaply (no password hash).
func dummyUser(t *testing.T, s *store.Store, email string, role news.Role) news.User {
	t.Helper()
	u := news.User{Email: email, Name: email, Role: role, PasswordHash: "none"}
	if err := s.CreateUser(t.Context(), &u); err != nil {
		t.Fatal(err)
	}
	return u
}

// auditActions returns the actions in the audit log, oldest first,
// leaving out sign-ins and sign-outs.
func auditActions(t *testing.T, s *store.Store) []string {
	t.Helper()
	list, _, err := s.AuditEntries(t.Context(), news.AuditFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(list) - 1; i >= 0; i-- {
		if a := list[i].Action; !strings.HasPrefix(a, "login.") && a != "logout" {
			out = append(out, a)
		}
	}
	return out
}

// snapshot is everything the management pages can change, as JSON, to
// assert that a refused request wrote nothing.
func snapshot(t *testing.T, s *store.Store) string {
	t.Helper()
	ctx := t.Context()
	tags, err := s.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	authors, _, err := s.FindAuthors(ctx, news.AuthorFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	settings, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	users, err := s.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal([]any{tags, authors, settings, users, auditActions(t, s)})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// mustHave fails unless the page contains every one of want.
func mustHave(t *testing.T, res response, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(res.body, w) {
			t.Errorf("the page (status %d) lacks %q:\n%s", res.status, w, res.body)
		}
	}
}

func idPath(format string, id int64) string { return fmt.Sprintf(format, id) }
