package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestArticleLifecycle(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		editor := g.token(t, news.RoleEditor)

		r := g.mustDo(t, "POST", "/api/v1/articles", editor, `{
			"title": "Talks resume in Istanbul",
			"subtitle": "Both delegations arrived",
			"body": "The talks *resumed* today.",
			"language": "en",
			"image": {"url": "https://img.example/a.jpg", "alt": "The hall", "caption": "The hall", "credit": "Photo: Mil.ru", "width": 1200, "height": 800},
			"source_name": "Morning Star",
			"source_url": "https://morningstar.example/talks",
			"canonical_url": "https://morningstar.example/talks",
			"note_before": "Note to readers",
			"newsletter": true,
			"authors": ["Jane Doe", {"name": "Morning Star", "kind": "organization"}],
			"tags": ["Diplomacy", "Turkey"]
		}`, http.StatusCreated)
		created := decode[apiArticle](t, r)

		if created.ID == 0 || created.Status != news.StatusDraft {
			t.Fatalf("created id %d status %q, want an id and draft", created.ID, created.Status)
		}
		if want := fmt.Sprintf("%s/api/v1/articles/%d", baseURL, created.ID); r.header.Get("Location") != want {
			t.Errorf("Location = %q, want %q", r.header.Get("Location"), want)
		}
		if want := baseURL + "/articles/" + created.Slug; created.URL != want || created.Slug == "" {
			t.Errorf("url = %q (slug %q), want %q", created.URL, created.Slug, want)
		}
		if !strings.Contains(created.BodyHTML, "<em>resumed</em>") {
			t.Errorf("body_html = %q, want the Markdown rendered", created.BodyHTML)
		}
		var names, kinds []string
		for _, au := range created.CreatedAuthors {
			names = append(names, au.Name)
			kinds = append(kinds, string(au.Kind))
		}
		if !slices.Equal(names, []string{"Jane Doe", "Morning Star"}) || !slices.Equal(kinds, []string{"person", "organization"}) {
			t.Errorf("created_authors = %v %v, want Jane Doe (person), Morning Star (organization)", names, kinds)
		}
		if len(created.CreatedTags) != 2 || len(created.Tags) != 2 || created.Tags[0].Name != "Diplomacy" {
			t.Errorf("tags %v, created_tags %v: want Diplomacy and Turkey, both new", created.Tags, created.CreatedTags)
		}
		if _, authors, tags := counts(t, s); authors != 2 || tags != 2 {
			t.Errorf("store holds %d authors and %d tags, want 2 and 2", authors, tags)
		}

		// A known author named again, in other case, is reused, not created.
		r = g.mustDo(t, "POST", "/api/v1/articles", editor,
			`{"title": "Second piece", "body": "More.", "authors": ["jane doe"], "tags": ["diplomacy"]}`, http.StatusCreated)
		second := decode[apiArticle](t, r)
		if len(second.CreatedAuthors) != 0 || len(second.CreatedTags) != 0 ||
			len(second.Authors) != 1 || second.Authors[0].ID != created.Authors[0].ID {
			t.Errorf("second article authors %v, created %v %v; want Jane Doe reused", second.Authors, second.CreatedAuthors, second.CreatedTags)
		}

		path := fmt.Sprintf("/api/v1/articles/%d", created.ID)
		got := decode[apiArticle](t, g.mustDo(t, "GET", path, editor, "", http.StatusOK))
		if got.Title != created.Title || got.Image != created.Image || got.SourceURL != created.SourceURL {
			t.Errorf("GET answered %+v, want what was created", got.Article)
		}
		if r := g.do(t, "GET", path, "", ""); r.status != http.StatusNotFound || r.errorCode() != news.ENOTFOUND {
			t.Errorf("anonymous GET of a draft: %d %s, want 404", r.status, r.body)
		}

		// PATCH changes the fields sent, and only those.
		patched := decode[apiArticle](t, g.mustDo(t, "PATCH", path, editor, `{"subtitle": "Revised"}`, http.StatusOK))
		if patched.Subtitle != "Revised" {
			t.Errorf("subtitle = %q after PATCH, want Revised", patched.Subtitle)
		}
		if patched.Title != created.Title || patched.Body != created.Body || patched.BodyHTML != created.BodyHTML ||
			patched.Image != created.Image || patched.SourceURL != created.SourceURL ||
			patched.NoteBefore != created.NoteBefore || !patched.Newsletter || patched.Slug != created.Slug ||
			!slices.Equal(authorIDs(patched.Authors), authorIDs(created.Authors)) ||
			!slices.Equal(tagIDs(patched.Tags), tagIDs(created.Tags)) {
			t.Errorf("PATCH of the subtitle changed other fields:\n got %+v\nwant %+v", patched.Article, created.Article)
		}
		// null clears a field.
		cleared := decode[apiArticle](t, g.mustDo(t, "PATCH", path, editor, `{"subtitle": null, "tags": []}`, http.StatusOK))
		if cleared.Subtitle != "" || len(cleared.Tags) != 0 || cleared.Title != created.Title {
			t.Errorf("after clearing: subtitle %q tags %v title %q", cleared.Subtitle, cleared.Tags, cleared.Title)
		}

		before := time.Now().Add(-time.Second)
		pub := decode[apiArticle](t, g.mustDo(t, "POST", path+"/publish", editor, "", http.StatusOK))
		if pub.Status != news.StatusPublished || pub.PublishedAt.Before(before) || pub.PublishedAt.After(time.Now()) {
			t.Errorf("after publish: status %q at %v", pub.Status, pub.PublishedAt)
		}
		if anon := decode[apiArticle](t, g.mustDo(t, "GET", path, "", "", http.StatusOK)); anon.Title != created.Title {
			t.Errorf("anonymous GET of the published article: %q", anon.Title)
		}

		secondPath := fmt.Sprintf("/api/v1/articles/%d", second.ID)
		at := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
		sched := decode[apiArticle](t, g.mustDo(t, "POST", secondPath+"/publish", editor,
			`{"at": "`+at.Format(time.RFC3339)+`"}`, http.StatusOK))
		if sched.Status != news.StatusScheduled || !sched.PublishedAt.Equal(at) {
			t.Errorf("after scheduling: status %q at %v, want scheduled at %v", sched.Status, sched.PublishedAt, at)
		}
		g.mustDo(t, "GET", secondPath, "", "", http.StatusNotFound)

		unpub := decode[apiArticle](t, g.mustDo(t, "POST", path+"/unpublish", editor, "", http.StatusOK))
		if unpub.Status != news.StatusDraft {
			t.Errorf("after unpublish: status %q", unpub.Status)
		}
		g.mustDo(t, "GET", path, "", "", http.StatusNotFound)

		g.mustDo(t, "DELETE", path, editor, "", http.StatusNoContent)
		g.mustDo(t, "GET", path, editor, "", http.StatusNotFound)
		if r := g.do(t, "DELETE", path, editor, ""); r.status != http.StatusNotFound {
			t.Errorf("second DELETE: %d, want 404", r.status)
		}
		if articles, _, _ := counts(t, s); articles != 1 {
			t.Errorf("store holds %d articles after the delete, want 1", articles)
		}
	})
}

func authorIDs(list []news.Author) []int64 {
	out := []int64{}
	for _, a := range list {
		out = append(out, a.ID)
	}
	return out
}

func tagIDs(list []news.Tag) []int64 {
	out := []int64{}
	for _, t := range list {
		out = append(out, t.ID)
	}
	return out
}

func TestArticleListFiltersAndPages(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		editor := g.token(t, news.RoleEditor)
		now := time.Now().UTC().Truncate(time.Second)
		for _, a := range []struct {
			title, status string
			age           time.Duration
			author, tag   string
		}{
			{"Oldest harvest report", "published", 3 * time.Hour, "Ann", "farming"},
			{"Middle election report", "published", 2 * time.Hour, "Bob", "politics"},
			{"Newest election report", "published", 1 * time.Hour, "Ann", "politics"},
			{"Draft on elections", "draft", 0, "Ann", "politics"},
		} {
			body := fmt.Sprintf(`{"title": %q, "body": "Text.", "status": %q, "authors": [%q], "tags": [%q]`,
				a.title, a.status, a.author, a.tag)
			if a.status == "published" {
				body += fmt.Sprintf(`, "published_at": %q`, now.Add(-a.age).Format(time.RFC3339))
			}
			g.mustDo(t, "POST", "/api/v1/articles", editor, body+"}", http.StatusCreated)
		}

		for _, tc := range []struct {
			name      string
			query     string
			token     string
			want      []string
			wantTotal int
		}{
			{"anonymous sees public articles newest first", "", "",
				[]string{"Newest election report", "Middle election report", "Oldest harvest report"}, 3},
			{"token sees drafts too", "", editor,
				[]string{"Newest election report", "Middle election report", "Oldest harvest report", "Draft on elections"}, 4},
			{"status filter", "?status=draft", editor, []string{"Draft on elections"}, 1},
			{"author filter", "?author=ann", "",
				[]string{"Newest election report", "Oldest harvest report"}, 2},
			{"tag filter", "?tag=politics", editor,
				[]string{"Newest election report", "Middle election report", "Draft on elections"}, 3},
			{"author and tag", "?author=ann&tag=politics", "", []string{"Newest election report"}, 1},
			{"unknown author matches nothing", "?author=nobody", "", []string{}, 0},
			{"query", "?q=harvest", "", []string{"Oldest harvest report"}, 1},
			{"first page", "?per_page=2", "", []string{"Newest election report", "Middle election report"}, 3},
			{"second page", "?per_page=2&page=2", "", []string{"Oldest harvest report"}, 3},
			{"past the end", "?per_page=2&page=3", "", []string{}, 3},
		} {
			t.Run(tc.name, func(t *testing.T) {
				l := decode[articleList](t, g.mustDo(t, "GET", "/api/v1/articles"+tc.query, tc.token, "", http.StatusOK))
				if got := titles(l.Articles); !slices.Equal(got, tc.want) || l.Total != tc.wantTotal {
					t.Errorf("got %q total %d, want %q total %d", got, l.Total, tc.want, tc.wantTotal)
				}
				for _, a := range l.Articles {
					if a.URL != baseURL+"/articles/"+a.Slug {
						t.Errorf("article %q url %q", a.Title, a.URL)
					}
				}
			})
		}
		l := decode[articleList](t, g.mustDo(t, "GET", "/api/v1/articles?per_page=2&page=2", "", "", http.StatusOK))
		if l.Page != 2 || l.PerPage != 2 {
			t.Errorf("page %d per_page %d, want 2 and 2", l.Page, l.PerPage)
		}
	})
}

func TestArticleJSONEscapesAndSanitizesHTML(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		editor := g.token(t, news.RoleEditor)
		for _, tc := range []struct {
			name, format, body string
		}{
			{"html body", "html", `<p>Hi</p><script>alert(2)</script><img src="https://x.example/a.png" onerror="alert(3)"><a href="javascript:alert(4)">x</a>`},
			{"markdown body with raw html", "markdown", "Hi\n\n<script>alert(2)</script>\n\n<img src=x onerror=alert(3)> [x](javascript:alert(4))"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				title := `<script>alert(1)</script> & "quotes"`
				r := g.mustDo(t, "POST", "/api/v1/articles", editor,
					fmt.Sprintf(`{"title": %q, "format": %q, "body": %q}`, title, tc.format, tc.body), http.StatusCreated)
				if strings.Contains(string(r.body), "<script") || strings.Contains(string(r.body), "<img") {
					t.Errorf("the raw JSON holds unescaped markup: %s", r.body)
				}
				a := decode[apiArticle](t, r)
				if a.Title != title {
					t.Errorf("title = %q, want it kept as plain text %q", a.Title, title)
				}
				for _, bad := range []string{"<script", "onerror", "javascript:", "alert(2)"} {
					if strings.Contains(a.BodyHTML, bad) {
						t.Errorf("body_html holds %q: %s", bad, a.BodyHTML)
					}
				}
				if !strings.Contains(a.BodyHTML, "Hi") {
					t.Errorf("body_html lost the text: %s", a.BodyHTML)
				}
			})
		}
	})
}
