package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

type apiAuthor struct {
	news.Author
	URL string `json:"url"`
}

type authorList struct {
	Authors []apiAuthor `json:"authors"`
	Total   int         `json:"total"`
	Page    int         `json:"page"`
	PerPage int         `json:"per_page"`
}

func TestAuthorCreateAndList(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		editor := g.token(t, news.RoleEditor)

		r := g.mustDo(t, "POST", "/api/v1/authors", editor, `{
			"name": "  Morning Star ", "kind": "organization", "bio": "A daily paper.",
			"image_url": "https://ms.example/logo.png", "website": "https://ms.example",
			"social": [{"network": "Instagram", "url": "https://instagram.com/ms"}]
		}`, http.StatusCreated)
		ms := decode[apiAuthor](t, r)
		if ms.ID == 0 || ms.Name != "Morning Star" || ms.Slug != "morning-star" || ms.Kind != news.KindOrganization ||
			ms.URL != baseURL+"/authors/morning-star" || len(ms.Social) != 1 || ms.Social[0].Network != "instagram" {
			t.Errorf("created %+v", ms)
		}
		stored, err := s.Author(t.Context(), ms.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Website != "https://ms.example" || stored.Bio != "A daily paper." || len(stored.Social) != 1 {
			t.Errorf("stored %+v", stored)
		}

		jane := decode[apiAuthor](t, g.mustDo(t, "POST", "/api/v1/authors", editor,
			`{"name": "Jane Doe", "slug": "jdoe"}`, http.StatusCreated))
		if jane.Slug != "jdoe" || jane.Kind != news.KindPerson {
			t.Errorf("jane = %+v, want slug jdoe, kind person by default", jane)
		}
		for i := range 3 {
			g.mustDo(t, "POST", "/api/v1/authors", editor, fmt.Sprintf(`{"name": "Writer %d"}`, i), http.StatusCreated)
		}

		for _, tc := range []struct {
			name, query string
			want        []string
			wantTotal   int
		}{
			{"query", "?q=morning", []string{"Morning Star"}, 1},
			{"first page", "?per_page=2", nil, 5},
			{"last page", "?per_page=2&page=3", nil, 5},
		} {
			t.Run(tc.name, func(t *testing.T) {
				l := decode[authorList](t, g.mustDo(t, "GET", "/api/v1/authors"+tc.query, "", "", http.StatusOK))
				var names []string
				for _, a := range l.Authors {
					names = append(names, a.Name)
				}
				if l.Total != tc.wantTotal || (tc.want != nil && !slices.Equal(names, tc.want)) {
					t.Errorf("got %v total %d, want %v total %d", names, l.Total, tc.want, tc.wantTotal)
				}
			})
		}
		first := decode[authorList](t, g.mustDo(t, "GET", "/api/v1/authors?per_page=2", "", "", http.StatusOK))
		last := decode[authorList](t, g.mustDo(t, "GET", "/api/v1/authors?per_page=2&page=3", "", "", http.StatusOK))
		if len(first.Authors) != 2 || len(last.Authors) != 1 || first.Authors[0].ID == last.Authors[0].ID {
			t.Errorf("pages hold %d and %d authors, want 2 and 1, different", len(first.Authors), len(last.Authors))
		}
	})
}

func TestAuthorCreateRejectsBadInput(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		editor := g.token(t, news.RoleEditor)
		g.mustDo(t, "POST", "/api/v1/authors", editor, `{"name": "Taken Name"}`, http.StatusCreated)

		for _, tc := range []struct {
			name, body  string
			wantStatus  int
			wantMessage string
		}{
			{"missing name", `{"kind": "person"}`, 400, "name is required"},
			{"blank name", `{"name": "   "}`, 400, "name is required"},
			{"bad kind", `{"name": "X", "kind": "robot"}`, 400, `kind must be person or organization, not "robot"`},
			{"script website", `{"name": "X", "website": "javascript:alert(1)"}`, 400, "website must be an absolute http or https URL"},
			{"relative image", `{"name": "X", "image_url": "logo.png"}`, 400, "image_url must be an absolute"},
			{"social without network", `{"name": "X", "social": [{"url": "https://x.example"}]}`, 400, "social[0].network is required"},
			{"social with a bad URL", `{"name": "X", "social": [{"network": "x", "url": "https://x.example"}, {"network": "y", "url": "x.example"}]}`,
				400, "social[1].url must be an absolute"},
			{"social item not an object", `{"name": "X", "social": ["https://x.example"]}`, 400, "social[0] must be an object, not a string"},
			{"unknown social field", `{"name": "X", "social": [{"network": "x", "url": "https://x.example", "handle": "@x"}]}`,
				400, `Unknown field "social[0].handle"`},
			{"bad slug", `{"name": "X", "slug": "Not A Slug"}`, 400, `try "not-a-slug"`},
			{"unknown field", `{"name": "X", "email": "x@example.org"}`, 400, `Unknown field "email"`},
			{"taken slug", `{"name": "Taken Name"}`, 409, ""},
			{"taken slug given", `{"name": "Other", "slug": "taken-name"}`, 409, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := g.do(t, "POST", "/api/v1/authors", editor, tc.body)
				if r.status != tc.wantStatus || !strings.Contains(r.errorMessage(), tc.wantMessage) {
					t.Fatalf("got %d %s, want %d with %q", r.status, r.body, tc.wantStatus, tc.wantMessage)
				}
				if _, authors, _ := counts(t, s); authors != 1 {
					t.Errorf("store holds %d authors, want 1", authors)
				}
			})
		}
	})
}

func TestTagCreateAndList(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		editor := g.token(t, news.RoleEditor)

		var created []news.Tag
		for _, body := range []string{`{"name": "Middle East"}`, `{"name": "Économie", "slug": "economy"}`} {
			created = append(created, decode[news.Tag](t, g.mustDo(t, "POST", "/api/v1/tags", editor, body, http.StatusCreated)))
		}
		if created[0].Slug != "middle-east" || created[1].Slug != "economy" || created[1].Name != "Économie" {
			t.Errorf("created %+v", created)
		}

		for _, tc := range []struct {
			name, body  string
			wantStatus  int
			wantCode    string
			wantMessage string
		}{
			{"taken slug", `{"name": "Middle  East!"}`, 409, news.ECONFLICT, ""},
			{"missing name", `{"slug": "x"}`, 400, news.EINVALID, "name is required"},
			{"long name", `{"name": "` + strings.Repeat("n", 101) + `"}`, 400, news.EINVALID, "longer than 100"},
			{"name not a string", `{"name": ["x"]}`, 400, news.EINVALID, "name must be a string, not an array"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := g.do(t, "POST", "/api/v1/tags", editor, tc.body)
				if r.status != tc.wantStatus || r.errorCode() != tc.wantCode || !strings.Contains(r.errorMessage(), tc.wantMessage) {
					t.Fatalf("got %d %s, want %d %s %q", r.status, r.body, tc.wantStatus, tc.wantCode, tc.wantMessage)
				}
			})
		}

		l := decode[struct {
			Tags []struct {
				news.Tag
				URL string `json:"url"`
			} `json:"tags"`
		}](t, g.mustDo(t, "GET", "/api/v1/tags", "", "", http.StatusOK))
		var slugs []string
		for _, tg := range l.Tags {
			slugs = append(slugs, tg.Slug)
			if tg.URL != baseURL+"/tags/"+tg.Slug {
				t.Errorf("tag %q url %q", tg.Slug, tg.URL)
			}
		}
		slices.Sort(slugs)
		if !slices.Equal(slugs, []string{"economy", "middle-east"}) {
			t.Errorf("listed %v, want economy and middle-east", slugs)
		}
	})
}
