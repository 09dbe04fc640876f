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

// authorForm is a complete, valid author form.
func authorForm(name, slug string) url.Values {
	return url.Values{
		"name": {name}, "slug": {slug}, "kind": {"organization"},
		"bio":       {"Reports on **climate**.\r\n\r\nSecond paragraph."},
		"image_url": {"https://img.example/m.jpg"}, "website": {"https://mara.example/"},
		"social_network_1": {"mastodon"}, "social_url_1": {"https://social.example/@mara"},
		"social_network_3": {"bluesky"}, "social_url_3": {"https://bsky.example/mara"},
	}
}

func TestAuthorsAddEditAndList(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		b := g.as(t, news.RoleEditor)
		ctx := t.Context()

		page := b.follow(b.submit("/admin/authors/new", authorForm("Mara Quill", "")))
		mustHave(t, page, "Author &#34;Mara Quill&#34; added.", `href="https://news.example/authors/mara-quill"`,
			`value="https://social.example/@mara"`, `value="bluesky"`)
		au, err := s.AuthorBySlug(ctx, "mara-quill")
		if err != nil {
			t.Fatal(err)
		}
		want := []news.Link{{Network: "mastodon", URL: "https://social.example/@mara"}, {Network: "bluesky", URL: "https://bsky.example/mara"}}
		if au.Kind != news.KindOrganization || au.Website != "https://mara.example/" || !slices.Equal(au.Social, want) ||
			au.Bio != "Reports on **climate**.\n\nSecond paragraph." {
			t.Errorf("stored author = %+v", au)
		}
		addArticle(t, s, "one", "One", news.StatusDraft, g.clock.Now(), g.clock.Now(), au)

		list := b.get("/admin/authors")
		mustHave(t, list, idPath(`<a href="/admin/authors/%d">Mara Quill</a>`, au.ID), "<td>1</td>",
			`<a href="https://news.example/authors/mara-quill">Articles by Mara Quill</a>`)

		other := news.Author{Slug: "other", Name: "Other", Kind: news.KindPerson}
		if err := s.CreateAuthor(ctx, &other); err != nil {
			t.Fatal(err)
		}
		bad := []struct {
			name    string
			form    url.Values
			status  int
			message string
		}{
			{"javascript website", with(authorForm("Mara Quill", "mara-quill"), "website", "javascript:alert(1)"),
				http.StatusBadRequest, "The website must be a full web address"},
			{"relative image", with(authorForm("Mara Quill", "mara-quill"), "image_url", "/img.jpg"),
				http.StatusBadRequest, "The image address must be a full web address"},
			{"data social link", with(authorForm("Mara Quill", "mara-quill"), "social_url_1", "data:text/html,hi"),
				http.StatusBadRequest, "Social link 1 must be a full web address"},
			{"network without address", with(authorForm("Mara Quill", "mara-quill"), "social_url_1", ""),
				http.StatusBadRequest, "Social link 1 has a network but no address."},
			{"no kind", with(authorForm("Mara Quill", "mara-quill"), "kind", "robot"),
				http.StatusBadRequest, "Choose whether the author is a person or an organization."},
			{"no name", with(authorForm("", "mara-quill"), "name", ""), http.StatusBadRequest, "Enter the author&#39;s name."},
			{"slug clash", authorForm("Mara Quill", "other"), http.StatusConflict,
				"Another author already has the slug &#34;other&#34;. Choose another slug."},
		}
		for _, tc := range bad {
			t.Run(tc.name, func(t *testing.T) {
				res := b.submit(idPath("/admin/authors/%d", au.ID), tc.form)
				if res.status != tc.status {
					t.Errorf("status %d, want %d", res.status, tc.status)
				}
				// The typed input is still in the form.
				mustHave(t, res, tc.message, `value="`+tc.form.Get("name")+`"`, "Second paragraph.")
				got, err := s.Author(ctx, au.ID)
				if err != nil || got.Website != "https://mara.example/" || got.Slug != "mara-quill" {
					t.Errorf("a refused edit changed the author: %+v, %v", got, err)
				}
			})
		}

		b.follow(b.submit(idPath("/admin/authors/%d", au.ID), with(authorForm("Mara Q.", "mara"), "kind", "person")))
		got, err := s.Author(ctx, au.ID)
		if err != nil || got.Name != "Mara Q." || got.Slug != "mara" || got.Kind != news.KindPerson {
			t.Errorf("after edit: %+v, %v", got, err)
		}

		t.Run("remove refused while credited", func(t *testing.T) {
			confirm := b.get(idPath("/admin/authors/%d/delete", au.ID))
			mustHave(t, confirm, "is credited on 1 article, so cannot be removed")
			if strings.Contains(confirm.body, `action="/admin/authors/`) {
				t.Error("the confirm page offers to remove a credited author")
			}
			res := b.submit(idPath("/admin/authors/%d/delete", au.ID), nil)
			if res.status != http.StatusConflict {
				t.Errorf("status %d, want 409", res.status)
			}
			mustHave(t, res, "This author is credited on 1 article(s). Remove them from those articles first.")
			if _, err := s.Author(ctx, au.ID); err != nil {
				t.Errorf("the author went: %v", err)
			}
		})
		t.Run("remove", func(t *testing.T) {
			mustHave(t, b.get(idPath("/admin/authors/%d/delete", other.ID)), idPath(`action="/admin/authors/%d/delete"`, other.ID))
			mustHave(t, b.follow(b.submit(idPath("/admin/authors/%d/delete", other.ID), nil)), "Author &#34;Other&#34; removed.")
			if _, err := s.Author(ctx, other.ID); !news.IsNotFound(err) {
				t.Errorf("author still there: %v", err)
			}
		})
		if got := auditActions(t, s); !slices.Equal(got, []string{"author.create", "author.update", "author.delete"}) {
			t.Errorf("audit = %v", got)
		}
	})
}

// with returns a copy of form with field set to value.
func with(form url.Values, field, value string) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = v
	}
	out.Set(field, value)
	return out
}
