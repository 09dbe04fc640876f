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

func TestTagsAddRenameAndRemove(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		b := g.as(t, news.RoleEditor)
		ctx := t.Context()

		added := b.follow(b.submit("/admin/tags", url.Values{"name": {"Climate Crisis"}}))
		mustHave(t, added, `Tag &#34;Climate Crisis&#34; added.`, `https://news.example/tags/climate-crisis`)
		if again := b.get("/admin/tags"); strings.Contains(again.body, "added.") {
			t.Error("the flash message was shown twice")
		}
		tag, err := s.TagBySlug(ctx, "climate-crisis")
		if err != nil {
			t.Fatal(err)
		}
		other := news.Tag{Slug: "energy", Name: "Energy"}
		if err := s.CreateTag(ctx, &other); err != nil {
			t.Fatal(err)
		}

		t.Run("slug clash keeps the input", func(t *testing.T) {
			res := b.submit(idPath("/admin/tags/%d", tag.ID), url.Values{"name": {"Power"}, "slug": {"energy"}})
			if res.status != http.StatusConflict {
				t.Errorf("status %d, want 409", res.status)
			}
			mustHave(t, res, `Another tag already has the slug &#34;energy&#34;`, `value="Power"`, `value="energy"`)
		})
		t.Run("bad slug", func(t *testing.T) {
			res := b.submit("/admin/tags", url.Values{"name": {"Bad"}, "slug": {"Not A Slug"}})
			if res.status != http.StatusBadRequest && res.status != http.StatusUnprocessableEntity {
				t.Errorf("status %d, want 400 or 422", res.status)
			}
			mustHave(t, res, "may hold only lower-case letters", `value="Not A Slug"`)
		})
		t.Run("empty name", func(t *testing.T) {
			res := b.submit("/admin/tags", url.Values{"name": {"  "}})
			mustHave(t, res, "Enter a name for the tag.")
		})
		t.Run("rename", func(t *testing.T) {
			b.follow(b.submit(idPath("/admin/tags/%d", tag.ID), url.Values{"name": {"Climate"}, "slug": {"climate"}}))
			got, err := s.Tag(ctx, tag.ID)
			if err != nil || got.Name != "Climate" || got.Slug != "climate" {
				t.Errorf("after rename: %+v, %v", got, err)
			}
		})
		t.Run("remove after confirming", func(t *testing.T) {
			confirm := b.get(idPath("/admin/tags/%d/delete", tag.ID))
			mustHave(t, confirm, "Remove the tag “Climate”?", idPath(`action="/admin/tags/%d/delete"`, tag.ID))
			b.follow(b.submit(idPath("/admin/tags/%d/delete", tag.ID), nil))
			if _, err := s.Tag(ctx, tag.ID); !news.IsNotFound(err) {
				t.Errorf("tag still there: %v", err)
			}
			if res := b.get(idPath("/admin/tags/%d", tag.ID)); res.status != http.StatusNotFound {
				t.Errorf("a removed tag's page: status %d", res.status)
			}
		})
		want := []string{"tag.create", "tag.update", "tag.delete"}
		if got := auditActions(t, s); !slices.Equal(got, want) {
			t.Errorf("audit = %v, want %v", got, want)
		}
	})
}

// TestManageFormsRefuseMissingCSRF sends every management form without a
// token and with a wrong one, as the owner: all 403, nothing written.
func TestManageFormsRefuseMissingCSRF(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		tag := news.Tag{Slug: "t", Name: "T"}
		if err := s.CreateTag(t.Context(), &tag); err != nil {
			t.Fatal(err)
		}
		au := news.Author{Slug: "a", Name: "A", Kind: news.KindPerson}
		if err := s.CreateAuthor(t.Context(), &au); err != nil {
			t.Fatal(err)
		}
		victim := dummyUser(t, s, "victim@news.example", news.RoleContributor)
		b := g.as(t, news.RoleOwner)
		posts := map[string]url.Values{
			"/admin/tags":                             {"name": {"X"}},
			idPath("/admin/tags/%d", tag.ID):          {"name": {"X"}},
			idPath("/admin/tags/%d/delete", tag.ID):   {},
			"/admin/authors/new":                      {"name": {"X"}, "kind": {"person"}},
			idPath("/admin/authors/%d", au.ID):        {"name": {"X"}, "kind": {"person"}},
			idPath("/admin/authors/%d/delete", au.ID): {},
			"/admin/settings":                         {"name": {"X"}, "time_zone": {"UTC"}},
			"/admin/users": {"name": {"X"}, "email": {"x@news.example"}, "role": {"author"},
				"password": {password}, "password_again": {password}},
			idPath("/admin/users/%d/role", victim.ID):   {"role": {"editor"}},
			idPath("/admin/users/%d/delete", victim.ID): {},
			"/admin/account/sessions/end-all":           {},
		}
		before := snapshot(t, s)
		for path, form := range posts {
			for _, token := range []string{"", "forged"} {
				t.Run(path+" token "+token, func(t *testing.T) {
					f := url.Values{}
					for k, v := range form {
						f[k] = v
					}
					if token != "" {
						f.Set("csrf_token", token)
					}
					if res := b.post(path, f); res.status != http.StatusForbidden {
						t.Errorf("status %d, want 403", res.status)
					}
				})
			}
		}
		if after := snapshot(t, s); after != before {
			t.Errorf("forms without a token changed the store:\nbefore %s\nafter  %s", before, after)
		}
		if !b.signedIn() {
			t.Error("sign out everywhere without a token signed the user out")
		}
	})
}
