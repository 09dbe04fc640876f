package admin_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// TestManagePagesRoleMatrix opens every management page and sends every
// management form as each role: the roles below the page's get 403 and
// change nothing; the others get the page, or their change is made.
func TestManagePagesRoleMatrix(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		ctx := t.Context()
		au := news.Author{Slug: "mara", Name: "Mara", Kind: news.KindPerson}
		if err := s.CreateAuthor(ctx, &au); err != nil {
			t.Fatal(err)
		}
		tag := news.Tag{Slug: "climate", Name: "Climate"}
		if err := s.CreateTag(ctx, &tag); err != nil {
			t.Fatal(err)
		}
		victim := dummyUser(t, s, "victim@news.example", news.RoleContributor)

		pages := []struct {
			path  string
			least news.Role
		}{
			{"/admin/authors", news.RoleEditor},
			{"/admin/authors/new", news.RoleEditor},
			{idPath("/admin/authors/%d", au.ID), news.RoleEditor},
			{idPath("/admin/authors/%d/delete", au.ID), news.RoleEditor},
			{"/admin/tags", news.RoleEditor},
			{idPath("/admin/tags/%d", tag.ID), news.RoleEditor},
			{idPath("/admin/tags/%d/delete", tag.ID), news.RoleEditor},
			{"/admin/settings", news.RoleAdministrator},
			{"/admin/users", news.RoleAdministrator},
			{idPath("/admin/users/%d", victim.ID), news.RoleAdministrator},
			{"/admin/audit", news.RoleAdministrator},
			{"/admin/account", news.RoleContributor},
		}
		for _, r := range roles {
			b := g.as(t, r)
			for _, p := range pages {
				t.Run("GET "+p.path+" as "+string(r), func(t *testing.T) {
					res := b.get(p.path)
					want := http.StatusForbidden
					if r.AtLeast(p.least) {
						want = http.StatusOK
					}
					if res.status != want {
						t.Errorf("status %d, want %d\n%s", res.status, want, res.body)
					}
				})
			}
		}

		// Each form gets fresh targets from prepare, made before the
		// snapshot, so an allowed change never depends on an earlier one
		// and a refused one must leave the snapshot as it was.
		type form struct {
			name    string
			least   news.Role
			prepare func(t *testing.T, r news.Role) (string, url.Values)
		}
		forms := []form{
			{"create tag", news.RoleEditor, func(t *testing.T, r news.Role) (string, url.Values) {
				return "/admin/tags", url.Values{"name": {"Tag of " + string(r)}}
			}},
			{"rename tag", news.RoleEditor, func(t *testing.T, r news.Role) (string, url.Values) {
				return idPath("/admin/tags/%d", tag.ID), url.Values{"name": {"Renamed by " + string(r)}, "slug": {"by-" + string(r)}}
			}},
			{"delete tag", news.RoleEditor, func(t *testing.T, r news.Role) (string, url.Values) {
				doomed := news.Tag{Slug: "doomed-" + string(r), Name: "Doomed"}
				if err := s.CreateTag(ctx, &doomed); err != nil {
					t.Fatal(err)
				}
				return idPath("/admin/tags/%d/delete", doomed.ID), nil
			}},
			{"create author", news.RoleEditor, func(t *testing.T, r news.Role) (string, url.Values) {
				return "/admin/authors/new", url.Values{"name": {"Author by " + string(r)}, "kind": {"person"}}
			}},
			{"edit author", news.RoleEditor, func(t *testing.T, r news.Role) (string, url.Values) {
				return idPath("/admin/authors/%d", au.ID), url.Values{"name": {"Mara " + string(r)}, "slug": {"mara"}, "kind": {"person"}}
			}},
			{"delete author", news.RoleEditor, func(t *testing.T, r news.Role) (string, url.Values) {
				doomed := news.Author{Slug: "doomed-" + string(r), Name: "Doomed", Kind: news.KindPerson}
				if err := s.CreateAuthor(ctx, &doomed); err != nil {
					t.Fatal(err)
				}
				return idPath("/admin/authors/%d/delete", doomed.ID), nil
			}},
			{"save settings", news.RoleAdministrator, func(t *testing.T, r news.Role) (string, url.Values) {
				return "/admin/settings", url.Values{"name": {"Site of " + string(r)}, "time_zone": {"UTC"}}
			}},
			{"add user", news.RoleAdministrator, func(t *testing.T, r news.Role) (string, url.Values) {
				return "/admin/users", url.Values{"name": {"New"}, "email": {"new-" + string(r) + "@news.example"},
					"role": {"contributor"}, "password": {password}, "password_again": {password}}
			}},
			{"change role", news.RoleAdministrator, func(t *testing.T, r news.Role) (string, url.Values) {
				u := dummyUser(t, s, "promote-"+string(r)+"@news.example", news.RoleContributor)
				return idPath("/admin/users/%d/role", u.ID), url.Values{"role": {"author"}}
			}},
			{"remove user", news.RoleAdministrator, func(t *testing.T, r news.Role) (string, url.Values) {
				u := dummyUser(t, s, "remove-"+string(r)+"@news.example", news.RoleContributor)
				return idPath("/admin/users/%d/delete", u.ID), nil
			}},
		}
		for _, r := range roles {
			b := g.as(t, r)
			for _, f := range forms {
				t.Run("POST "+f.name+" as "+string(r), func(t *testing.T) {
					path, values := f.prepare(t, r)
					token := b.token()
					before := snapshot(t, s)
					if values == nil {
						values = url.Values{}
					}
					values.Set("csrf_token", token)
					res := b.post(path, values)
					allowed := r.AtLeast(f.least)
					switch {
					case allowed && res.status != http.StatusSeeOther:
						t.Fatalf("status %d, want 303\n%s", res.status, res.body)
					case !allowed && res.status != http.StatusForbidden:
						t.Fatalf("status %d, want 403\n%s", res.status, res.body)
					}
					after := snapshot(t, s)
					if !allowed && before != after {
						t.Errorf("a refused %s changed the store:\nbefore %s\nafter  %s", f.name, before, after)
					}
					if allowed && before == after {
						t.Errorf("an allowed %s changed nothing", f.name)
					}
				})
			}
		}
	})
}
