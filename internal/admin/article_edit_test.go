package admin_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// editorRig is a rig with a contributor, an author, an editor and
// someone else who owns articles, each in their own browser.
type editorRig struct {
	*rig
	users    map[news.Role]news.User
	browsers map[news.Role]*browser
	other    news.User
}

func newEditorRig(t *testing.T, s *store.Store) *editorRig {
	t.Helper()
	g := &editorRig{rig: newRig(t, s), users: map[news.Role]news.User{}, browsers: map[news.Role]*browser{}}
	for _, role := range []news.Role{news.RoleContributor, news.RoleAuthor, news.RoleEditor} {
		email := string(role) + "@news.example"
		g.users[role] = g.user(t, email, "A "+string(role), role)
		b := g.browser(t)
		b.mustSignIn(email)
		g.browsers[role] = b
	}
	g.other = g.user(t, "other@news.example", "Someone Else", news.RoleAuthor)
	return g
}

// storeArticle saves an article owned by owner directly in the store.
func storeArticle(t *testing.T, s *store.Store, owner int64, title string, status news.Status, published time.Time) news.Article {
	t.Helper()
	a := news.Article{
		Slug: strings.ToLower(strings.ReplaceAll(title, " ", "-")), Title: title, Language: "en",
		Format: news.FormatMarkdown, Body: "First line\nSecond line", BodyHTML: "<p>First line\nSecond line</p>",
		Status: status, PublishedAt: published, CreatedBy: owner,
	}
	if err := s.CreateArticle(t.Context(), &a, "test"); err != nil {
		t.Fatalf("create article %q: %v", title, err)
	}
	return a
}

func mustArticle(t testing.TB, s *store.Store, id int64) news.Article {
	t.Helper()
	a, err := s.Article(t.Context(), id)
	if err != nil {
		t.Fatalf("article %d: %v", id, err)
	}
	return a
}

func revisionCount(t *testing.T, s *store.Store, id int64) int {
	t.Helper()
	revs, err := s.Revisions(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return len(revs)
}

func articleCount(t *testing.T, s *store.Store) int {
	t.Helper()
	_, n, err := s.FindArticles(t.Context(), news.ArticleFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// csrfOf returns the session's CSRF token, read off the new-article form.
func (b *browser) csrfOf() string {
	b.t.Helper()
	return b.get("/admin/").csrf(b.t)
}

// articleValues is a filled-in article form.
func articleValues(csrf, action string, kv ...string) url.Values {
	v := url.Values{
		"csrf_token": {csrf}, "action": {action},
		"title": {"Harbour reopens"}, "body": {"The harbour reopened on Monday.\n\nBoats came back."},
		"format": {"markdown"}, "authors": {"Mara Quill"}, "tags": {"Harbour, Economy"},
	}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

var editPath = regexp.MustCompile(`^/admin/articles/([0-9]+)/edit$`)

// createdID returns the id of the article a create redirected to.
func createdID(t testing.TB, res response) int64 {
	t.Helper()
	if res.status != http.StatusSeeOther {
		t.Fatalf("status %d, want 303\n%s", res.status, res.body)
	}
	m := editPath.FindStringSubmatch(res.location())
	if m == nil {
		t.Fatalf("redirected to %q, not an edit page", res.location())
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func TestArticleEditorSaveAndPublishFlow(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newEditorRig(t, s)
		ed, me := g.browsers[news.RoleEditor], g.users[news.RoleEditor]
		settings, err := s.Settings(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		settings.TimeZone = "Europe/Lisbon"
		if err := s.SaveSettings(t.Context(), settings); err != nil {
			t.Fatal(err)
		}
		csrf := ed.csrfOf()

		t.Run("new form", func(t *testing.T) {
			res := ed.get("/admin/articles/new")
			if res.status != http.StatusOK || !strings.Contains(res.body, `action="/admin/articles"`) {
				t.Fatalf("status %d\n%s", res.status, res.body)
			}
			for _, button := range []string{`value="save"`, `value="publish"`, `value="schedule"`, `value="preview"`} {
				if !strings.Contains(res.body, button) {
					t.Errorf("the editor's form lacks the button %s", button)
				}
			}
			if !strings.Contains(res.body, `src="/admin/assets/editor.js"`) || strings.Contains(res.body, "<script>") {
				t.Error("the script must be the external editor.js, never inline")
			}
		})

		var id int64
		t.Run("create draft", func(t *testing.T) {
			res := ed.post("/admin/articles", articleValues(csrf, "save", "authors", "Mara Quill\nJo Park"))
			id = createdID(t, res)
			a := mustArticle(t, s, id)
			if a.Status != news.StatusDraft || a.CreatedBy != me.ID || a.Title != "Harbour reopens" {
				t.Errorf("stored status %s, created by %d, title %q", a.Status, a.CreatedBy, a.Title)
			}
			if len(a.Authors) != 2 || a.Authors[0].Name != "Mara Quill" || a.Authors[1].Name != "Jo Park" {
				t.Errorf("authors %+v, want Mara Quill then Jo Park", a.Authors)
			}
			if len(a.Tags) != 2 {
				t.Errorf("tags %+v, want 2", a.Tags)
			}
			page := ed.get(res.location())
			for _, want := range []string{"Created author Mara Quill.", "Created author Jo Park.", `data-clear-drafts="` + strconv.FormatInt(id, 10) + ` new"`} {
				if !strings.Contains(page.body, want) {
					t.Errorf("the page after the save lacks %q", want)
				}
			}
			if again := ed.get(res.location()); strings.Contains(again.body, "Created author") || strings.Contains(again.body, "data-clear-drafts") {
				t.Error("the flash message showed twice")
			}
		})

		path := func() string { return "/admin/articles/" + strconv.FormatInt(id, 10) }
		t.Run("publish now in the same save", func(t *testing.T) {
			res := ed.post(path(), articleValues(csrf, "publish", "title", "Harbour reopens at last"))
			if res.status != http.StatusSeeOther {
				t.Fatalf("status %d\n%s", res.status, res.body)
			}
			a := mustArticle(t, s, id)
			if a.Status != news.StatusPublished || a.Title != "Harbour reopens at last" || !a.PublishedAt.Equal(g.clock.Now()) {
				t.Errorf("status %s, title %q, published %v", a.Status, a.Title, a.PublishedAt)
			}
		})
		t.Run("unpublish", func(t *testing.T) {
			if res := ed.post(path(), articleValues(csrf, "unpublish")); res.status != http.StatusSeeOther {
				t.Fatalf("status %d\n%s", res.status, res.body)
			}
			if a := mustArticle(t, s, id); a.Status != news.StatusDraft {
				t.Errorf("status %s, want draft", a.Status)
			}
		})
		t.Run("schedule in the site's time zone", func(t *testing.T) {
			// 2 June 2025 is summer time in Lisbon, UTC+1.
			res := ed.post(path(), articleValues(csrf, "schedule", "schedule_at", "2025-06-10T09:30"))
			if res.status != http.StatusSeeOther {
				t.Fatalf("status %d\n%s", res.status, res.body)
			}
			a := mustArticle(t, s, id)
			want := time.Date(2025, 6, 10, 8, 30, 0, 0, time.UTC)
			if a.Status != news.StatusScheduled || !a.PublishedAt.Equal(want) {
				t.Errorf("status %s at %v, want scheduled at %v", a.Status, a.PublishedAt, want)
			}
			page := ed.get(res.location())
			if !strings.Contains(page.body, `value="2025-06-10T09:30"`) || !strings.Contains(page.body, `value="unpublish"`) {
				t.Error("the edit page does not show the planned time in the site's zone, or lacks Unpublish")
			}
		})
		t.Run("save keeps a scheduled article scheduled", func(t *testing.T) {
			if res := ed.post(path(), articleValues(csrf, "save", "subtitle", "Fishermen return")); res.status != http.StatusSeeOther {
				t.Fatalf("status %d\n%s", res.status, res.body)
			}
			if a := mustArticle(t, s, id); a.Status != news.StatusScheduled || a.Subtitle != "Fishermen return" {
				t.Errorf("status %s, subtitle %q", a.Status, a.Subtitle)
			}
		})
		t.Run("dashboard links to the editor", func(t *testing.T) {
			res := ed.get("/admin/")
			if !strings.Contains(res.body, `href="`+path()+`/edit"`) || !strings.Contains(res.body, `href="/admin/articles/new"`) {
				t.Error("the dashboard lacks the edit link or the New article button")
			}
		})
	})
}

func TestArticleFormKeepsInputOnError(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newEditorRig(t, s)
		ed, me := g.browsers[news.RoleEditor], g.users[news.RoleEditor]
		csrf := ed.csrfOf()
		mine := storeArticle(t, s, me.ID, "Mine", news.StatusDraft, time.Time{})
		storeArticle(t, s, me.ID, "Taken", news.StatusDraft, time.Time{})
		typed := "A paragraph I must not lose <b>typed</b>"
		tests := []struct {
			name    string
			path    string
			kv      []string
			action  string
			status  int
			field   string
			message string
		}{
			{"no title", "/admin/articles", []string{"title", "  "}, "save", 400, "title", "The title is required."},
			{"slug taken", "/admin/articles/" + strconv.FormatInt(mine.ID, 10), []string{"slug", "taken"}, "save", 409, "slug", `The slug &#34;taken&#34; is already used`},
			{"bad slug", "/admin/articles/" + strconv.FormatInt(mine.ID, 10), []string{"slug", "Not A Slug"}, "save", 400, "slug", "may hold only lower-case"},
			{"schedule in the past", "/admin/articles", []string{"schedule_at", "2025-06-01T10:00"}, "schedule", 400, "schedule_at", "is in the past"},
			{"schedule without a time", "/admin/articles", nil, "schedule", 400, "schedule_at", "Choose the date and time"},
			{"schedule garbage", "/admin/articles", []string{"schedule_at", "next tuesday"}, "schedule", 400, "schedule_at", "is not a date and time"},
			{"bad source URL", "/admin/articles", []string{"source_url", "javascript:alert(1)"}, "save", 400, "source_url", "must be an absolute http or https URL"},
			{"bad language", "/admin/articles", []string{"language", "not a language!"}, "save", 400, "language", "is not a language tag"},
			{"bad format", "/admin/articles", []string{"format", "docx"}, "save", 400, "format", "neither markdown nor html"},
			{"unpublish a new article", "/admin/articles", nil, "unpublish", 400, "", "nothing to unpublish"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				before, mineRevs := articleCount(t, s), revisionCount(t, s, mine.ID)
				kv := append([]string{"body", typed, "subtitle", "Kept subtitle"}, tc.kv...)
				res := ed.post(tc.path, articleValues(csrf, tc.action, kv...))
				if res.status != tc.status {
					t.Fatalf("status %d, want %d\n%s", res.status, tc.status, res.body)
				}
				if !strings.Contains(res.body, tc.message) {
					t.Errorf("the page lacks the message %q\n%s", tc.message, res.body)
				}
				if tc.field != "" && !strings.Contains(res.body, `id="`+tc.field+`-problem"`) {
					t.Errorf("the message is not next to the field %s", tc.field)
				}
				for _, kept := range []string{"A paragraph I must not lose &lt;b&gt;typed&lt;/b&gt;", `value="Kept subtitle"`} {
					if !strings.Contains(res.body, kept) {
						t.Errorf("the form lost the user's input %q", kept)
					}
				}
				if after := articleCount(t, s); after != before {
					t.Errorf("%d articles after a failed save, %d before", after, before)
				}
				if n := revisionCount(t, s, mine.ID); n != mineRevs {
					t.Errorf("the failed save wrote a revision (%d, was %d)", n, mineRevs)
				}
			})
		}
		if got := mustArticle(t, s, mine.ID); got.Slug != "mine" || got.Subtitle != "" {
			t.Errorf("the failed saves changed the article: slug %q, subtitle %q", got.Slug, got.Subtitle)
		}
	})
}

func TestArticleEditorRoleMatrix(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newEditorRig(t, s)
		type setup struct {
			own, others news.Article
		}
		const ok, no = http.StatusSeeOther, http.StatusForbidden
		tests := []struct {
			name string
			// do runs the action as role and returns the answer and the
			// article it targeted (0 for a create).
			do   func(t *testing.T, b *browser, csrf string, st setup) (response, int64)
			want map[news.Role]int
		}{
			{"create a draft", func(t *testing.T, b *browser, csrf string, st setup) (response, int64) {
				return b.post("/admin/articles", articleValues(csrf, "save")), 0
			}, map[news.Role]int{news.RoleContributor: ok, news.RoleAuthor: ok, news.RoleEditor: ok}},
			{"create and publish", func(t *testing.T, b *browser, csrf string, st setup) (response, int64) {
				return b.post("/admin/articles", articleValues(csrf, "publish")), 0
			}, map[news.Role]int{news.RoleContributor: no, news.RoleAuthor: ok, news.RoleEditor: ok}},
			{"edit own draft", func(t *testing.T, b *browser, csrf string, st setup) (response, int64) {
				return b.post(fmt.Sprintf("/admin/articles/%d", st.own.ID), articleValues(csrf, "save")), st.own.ID
			}, map[news.Role]int{news.RoleContributor: ok, news.RoleAuthor: ok, news.RoleEditor: ok}},
			{"edit another's draft", func(t *testing.T, b *browser, csrf string, st setup) (response, int64) {
				return b.post(fmt.Sprintf("/admin/articles/%d", st.others.ID), articleValues(csrf, "save")), st.others.ID
			}, map[news.Role]int{news.RoleContributor: no, news.RoleAuthor: no, news.RoleEditor: ok}},
			{"publish own", func(t *testing.T, b *browser, csrf string, st setup) (response, int64) {
				return b.post(fmt.Sprintf("/admin/articles/%d", st.own.ID), articleValues(csrf, "publish")), st.own.ID
			}, map[news.Role]int{news.RoleContributor: no, news.RoleAuthor: ok, news.RoleEditor: ok}},
			{"schedule own", func(t *testing.T, b *browser, csrf string, st setup) (response, int64) {
				return b.post(fmt.Sprintf("/admin/articles/%d", st.own.ID), articleValues(csrf, "schedule", "schedule_at", "2025-07-01T10:00")), st.own.ID
			}, map[news.Role]int{news.RoleContributor: no, news.RoleAuthor: ok, news.RoleEditor: ok}},
			{"publish another's", func(t *testing.T, b *browser, csrf string, st setup) (response, int64) {
				return b.post(fmt.Sprintf("/admin/articles/%d", st.others.ID), articleValues(csrf, "publish")), st.others.ID
			}, map[news.Role]int{news.RoleContributor: no, news.RoleAuthor: no, news.RoleEditor: ok}},
			{"delete another's", func(t *testing.T, b *browser, csrf string, st setup) (response, int64) {
				return b.post(fmt.Sprintf("/admin/articles/%d/delete", st.others.ID), url.Values{"csrf_token": {csrf}, "confirm": {"yes"}}), st.others.ID
			}, map[news.Role]int{news.RoleContributor: no, news.RoleAuthor: no, news.RoleEditor: ok}},
			{"delete own", func(t *testing.T, b *browser, csrf string, st setup) (response, int64) {
				return b.post(fmt.Sprintf("/admin/articles/%d/delete", st.own.ID), url.Values{"csrf_token": {csrf}, "confirm": {"yes"}}), st.own.ID
			}, map[news.Role]int{news.RoleContributor: no, news.RoleAuthor: no, news.RoleEditor: ok}},
		}
		for _, tc := range tests {
			for _, role := range []news.Role{news.RoleContributor, news.RoleAuthor, news.RoleEditor} {
				t.Run(tc.name+"/"+string(role), func(t *testing.T) {
					b, u := g.browsers[role], g.users[role]
					st := setup{
						own:    storeArticle(t, s, u.ID, "Own "+tc.name+" "+string(role), news.StatusDraft, time.Time{}),
						others: storeArticle(t, s, g.other.ID, "Others "+tc.name+" "+string(role), news.StatusDraft, time.Time{}),
					}
					before := articleCount(t, s)
					revs := map[int64]int{st.own.ID: revisionCount(t, s, st.own.ID), st.others.ID: revisionCount(t, s, st.others.ID)}
					res, target := tc.do(t, b, b.csrfOf(), st)
					if res.status != tc.want[role] {
						t.Fatalf("status %d, want %d\n%s", res.status, tc.want[role], res.body)
					}
					if res.status != no {
						return
					}
					if after := articleCount(t, s); after != before {
						t.Errorf("a refused action changed the number of articles from %d to %d", before, after)
					}
					if target != 0 {
						a := mustArticle(t, s, target)
						if a.Status != news.StatusDraft || revisionCount(t, s, target) != revs[target] {
							t.Errorf("a refused action wrote: status %s, revisions %d (were %d)", a.Status, revisionCount(t, s, target), revs[target])
						}
					}
				})
			}
		}

		t.Run("contributor sees no publish buttons and may not open others' articles", func(t *testing.T) {
			b, u := g.browsers[news.RoleContributor], g.users[news.RoleContributor]
			own := storeArticle(t, s, u.ID, "Contributor's own", news.StatusDraft, time.Time{})
			res := b.get(fmt.Sprintf("/admin/articles/%d/edit", own.ID))
			if res.status != http.StatusOK {
				t.Fatalf("status %d", res.status)
			}
			for _, button := range []string{`value="publish"`, `value="schedule"`, `value="unpublish"`, "/delete"} {
				if strings.Contains(res.body, button) {
					t.Errorf("a contributor's form shows %s", button)
				}
			}
			if !strings.Contains(res.body, `id="newsletter" name="newsletter" value="1" disabled`) {
				t.Error("the newsletter box is not disabled for a contributor")
			}
			others := storeArticle(t, s, g.other.ID, "Not the contributor's", news.StatusDraft, time.Time{})
			if res := b.get(fmt.Sprintf("/admin/articles/%d/edit", others.ID)); res.status != http.StatusForbidden {
				t.Errorf("another's article: status %d, want 403", res.status)
			}
		})
		t.Run("only editors select for the newsletter", func(t *testing.T) {
			for role, want := range map[news.Role]bool{news.RoleAuthor: false, news.RoleEditor: true} {
				b := g.browsers[role]
				id := createdID(t, b.post("/admin/articles", articleValues(b.csrfOf(), "save", "newsletter", "1")))
				if got := mustArticle(t, s, id).Newsletter; got != want {
					t.Errorf("%s: newsletter %v, want %v", role, got, want)
				}
			}
		})
	})
}

func TestArticlePostsNeedCSRF(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newEditorRig(t, s)
		ed, me := g.browsers[news.RoleEditor], g.users[news.RoleEditor]
		a := storeArticle(t, s, me.ID, "Guarded", news.StatusDraft, time.Time{})
		revs := revisionCount(t, s, a.ID)
		first, err := s.Revisions(t.Context(), a.ID)
		if err != nil || len(first) == 0 {
			t.Fatalf("revisions: %v", err)
		}
		id := strconv.FormatInt(a.ID, 10)
		paths := []string{
			"/admin/articles", "/admin/articles/" + id, "/admin/articles/" + id + "/delete",
			"/admin/articles/" + id + "/revisions/" + strconv.FormatInt(first[0].ID, 10) + "/restore", "/admin/preview",
		}
		for _, token := range []string{"", "forged-token"} {
			for _, p := range paths {
				t.Run(p+"/token="+token, func(t *testing.T) {
					before := articleCount(t, s)
					res := ed.post(p, articleValues(token, "publish", "confirm", "yes"))
					if res.status != http.StatusForbidden {
						t.Fatalf("status %d, want 403", res.status)
					}
					if articleCount(t, s) != before || revisionCount(t, s, a.ID) != revs {
						t.Error("a POST without a good token wrote")
					}
				})
			}
		}
	})
}

func TestArticlePreview(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newEditorRig(t, s)
		b := g.browsers[news.RoleContributor]
		csrf := b.csrfOf()
		t.Run("live preview is sanitized HTML", func(t *testing.T) {
			res := b.post("/admin/preview", url.Values{"csrf_token": {csrf}, "format": {"markdown"},
				"body": {"**bold** <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))"}})
			if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "text/html") {
				t.Fatalf("status %d, type %q", res.status, res.header.Get("Content-Type"))
			}
			if !strings.Contains(res.body, "<strong>bold</strong>") {
				t.Errorf("not rendered: %s", res.body)
			}
			for _, bad := range []string{"<script", "onerror", "javascript:"} {
				if strings.Contains(res.body, bad) {
					t.Errorf("the preview kept %q: %s", bad, res.body)
				}
			}
		})
		t.Run("html format", func(t *testing.T) {
			res := b.post("/admin/preview", url.Values{"csrf_token": {csrf}, "format": {"html"}, "body": {"<p onclick=x()>Hi</p>"}})
			if res.status != http.StatusOK || res.body != "<p>Hi</p>" {
				t.Errorf("status %d, body %q", res.status, res.body)
			}
		})
		t.Run("preview button saves nothing", func(t *testing.T) {
			own := storeArticle(t, s, g.users[news.RoleContributor].ID, "Previewed", news.StatusDraft, time.Time{})
			revs := revisionCount(t, s, own.ID)
			res := b.post(fmt.Sprintf("/admin/articles/%d", own.ID), articleValues(csrf, "preview", "body", "# Heading\n\n<script>x()</script>"))
			if res.status != http.StatusOK {
				t.Fatalf("status %d\n%s", res.status, res.body)
			}
			if !strings.Contains(res.body, `<h1 id="heading">Heading</h1>`) || strings.Contains(res.body, "<script>x()") {
				t.Errorf("the preview is missing or unsafe:\n%s", res.body)
			}
			if a := mustArticle(t, s, own.ID); a.Title != "Previewed" || revisionCount(t, s, own.ID) != revs {
				t.Error("the preview saved the article")
			}
		})
	})
}

func TestArticleEditorEscapesXSS(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newEditorRig(t, s)
		ed := g.browsers[news.RoleEditor]
		const payload = `"><script>alert(1)</script><img src=x onerror=alert(1)>`
		fields := []string{"title", "subtitle", "image_caption", "image_credit", "image_alt", "note_before", "note_after", "source_name", "summary", "tags", "authors"}
		kv := []string{"image_url", "/media/x.jpg"}
		for _, f := range fields {
			kv = append(kv, f, f+" "+payload)
		}
		id := createdID(t, ed.post("/admin/articles", articleValues(ed.csrfOf(), "save", kv...)))
		for _, p := range []string{"/edit", "/revisions"} {
			res := ed.get(fmt.Sprintf("/admin/articles/%d%s", id, p))
			if res.status != http.StatusOK {
				t.Fatalf("%s: status %d", p, res.status)
			}
			for _, bad := range []string{"<script>alert", "<img src=x"} {
				if strings.Contains(res.body, bad) {
					t.Errorf("%s shows %q unescaped", p, bad)
				}
			}
		}
		if res := ed.get(fmt.Sprintf("/admin/articles/%d/edit", id)); !strings.Contains(res.body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Error("the payload is not shown as text on the edit page")
		}
		a := mustArticle(t, s, id)
		for name, html := range map[string]string{"note before": a.NoteBeforeHTML, "note after": a.NoteAfterHTML, "body": a.BodyHTML} {
			if strings.Contains(html, "<script") || strings.Contains(html, "onerror") {
				t.Errorf("the stored %s HTML is not sanitized: %s", name, html)
			}
		}
	})
}

func TestArticleRevisionsDiffAndRestore(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newEditorRig(t, s)
		ed := g.browsers[news.RoleEditor]
		csrf := ed.csrfOf()
		id := createdID(t, ed.post("/admin/articles", articleValues(csrf, "publish", "body", "One\nTwo\nThree")))
		g.clock.Advance(time.Minute)
		if res := ed.post(fmt.Sprintf("/admin/articles/%d", id), articleValues(csrf, "save", "body", "One\nTwo changed\nThree\nFour", "title", "Retitled")); res.status != http.StatusSeeOther {
			t.Fatalf("status %d\n%s", res.status, res.body)
		}
		revs, err := s.Revisions(t.Context(), id)
		if err != nil || len(revs) != 2 {
			t.Fatalf("revisions %d, err %v", len(revs), err)
		}
		first := revs[len(revs)-1] // newest first
		if first.Snapshot.Body != "One\nTwo\nThree" {
			t.Fatalf("the first revision is %q", first.Snapshot.Body)
		}
		list := ed.get(fmt.Sprintf("/admin/articles/%d/revisions", id))
		if list.status != http.StatusOK || strings.Count(list.body, "Compare with now") != 2 || !strings.Contains(list.body, "editor@news.example") {
			t.Fatalf("revision list: status %d\n%s", list.status, list.body)
		}
		show := ed.get(fmt.Sprintf("/admin/articles/%d/revisions/%d", id, first.ID))
		if show.status != http.StatusOK {
			t.Fatalf("status %d", show.status)
		}
		for _, want := range []string{
			`class="diff-removed"><td>2</td><td></td><td><span aria-hidden="true">-</span> <span class="visually-hidden">removed</span></td><td><code>Two</code>`,
			`class="diff-added"><td></td><td>2</td><td><span aria-hidden="true">&#43;</span> <span class="visually-hidden">added</span></td><td><code>Two changed</code>`,
			`class="diff-added"><td></td><td>4</td>`, `<code>Four</code>`,
			`<th scope="row">Title</th><td>Harbour reopens</td><td>Retitled</td>`,
		} {
			if !strings.Contains(show.body, want) {
				t.Errorf("the diff lacks %q\n%s", want, show.body)
			}
		}
		if res := ed.get(fmt.Sprintf("/admin/articles/%d/revisions/999999", id)); res.status != http.StatusNotFound {
			t.Errorf("unknown revision: status %d", res.status)
		}

		res := ed.post(fmt.Sprintf("/admin/articles/%d/revisions/%d/restore", id, first.ID), url.Values{"csrf_token": {csrf}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("restore: status %d\n%s", res.status, res.body)
		}
		a := mustArticle(t, s, id)
		if a.Body != "One\nTwo\nThree" || a.Title != "Harbour reopens" || a.Status != news.StatusPublished {
			t.Errorf("after restore: body %q, title %q, status %s", a.Body, a.Title, a.Status)
		}
		if n := revisionCount(t, s, id); n != 3 {
			t.Errorf("%d revisions after the restore, want 3", n)
		}

		t.Run("others' revisions are closed to an author", func(t *testing.T) {
			au := g.browsers[news.RoleAuthor]
			if res := au.get(fmt.Sprintf("/admin/articles/%d/revisions", id)); res.status != http.StatusForbidden {
				t.Errorf("list: status %d", res.status)
			}
			res := au.post(fmt.Sprintf("/admin/articles/%d/revisions/%d/restore", id, first.ID), url.Values{"csrf_token": {au.csrfOf()}})
			if res.status != http.StatusForbidden || revisionCount(t, s, id) != 3 {
				t.Errorf("restore: status %d", res.status)
			}
		})
	})
}

func TestArticleDeleteNeedsConfirmation(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newEditorRig(t, s)
		ed := g.browsers[news.RoleEditor]
		a := storeArticle(t, s, g.other.ID, "Doomed", news.StatusPublished, g.clock.Now().Add(-time.Hour))
		path := fmt.Sprintf("/admin/articles/%d/delete", a.ID)
		if res := ed.get(path); res.status != http.StatusOK || !strings.Contains(res.body, "unpublish it instead") {
			t.Fatalf("confirmation page: status %d\n%s", res.status, res.body)
		}
		csrf := ed.csrfOf()
		if res := ed.post(path, url.Values{"csrf_token": {csrf}}); res.status != http.StatusBadRequest {
			t.Errorf("unconfirmed: status %d, want 400", res.status)
		}
		mustArticle(t, s, a.ID)
		if res := ed.post(path, url.Values{"csrf_token": {csrf}, "confirm": {"yes"}}); res.status != http.StatusSeeOther || res.location() != "/admin/" {
			t.Fatalf("confirmed: status %d to %q", res.status, res.location())
		}
		if res := ed.get("/admin/"); !strings.Contains(res.body, "Deleted the article “Doomed”.") {
			t.Error("the dashboard does not confirm the deletion")
		}
		if _, err := s.Article(t.Context(), a.ID); !news.IsNotFound(err) {
			t.Errorf("the article is still there: %v", err)
		}
	})
}

func TestEditorScriptIsServed(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	res := g.browser(t).get("/admin/assets/editor.js")
	if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("status %d, type %q", res.status, res.header.Get("Content-Type"))
	}
	// The script must find what the template gives it.
	for _, hook := range []string{"data-storage-key", "data-clear-drafts", "article-form", "autosave-offer", "/admin/preview", "localStorage"} {
		if !strings.Contains(res.body, hook) {
			t.Errorf("editor.js does not use %q", hook)
		}
	}
	if csp := res.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
}

func TestNewArticlePreviewKeepsTheForm(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "c@news.example", "C", news.RoleContributor)
	b := g.browser(t)
	b.mustSignIn("c@news.example")
	res := b.post("/admin/articles", articleValues(b.csrfOf(), "preview", "title", "Unsaved title", "body", "*emphasis*"))
	if res.status != http.StatusOK || !strings.Contains(res.body, "<em>emphasis</em>") || !strings.Contains(res.body, `value="Unsaved title"`) {
		t.Fatalf("status %d\n%s", res.status, res.body)
	}
	if n := articleCount(t, g.store); n != 0 {
		t.Errorf("the preview stored %d articles", n)
	}
	for _, hook := range []string{`data-storage-key="new"`, `id="article-form"`, `id="autosave-offer"`, `id="preview"`} {
		if !strings.Contains(res.body, hook) {
			t.Errorf("the page lacks the script's hook %s", hook)
		}
	}
}

// TestStaleTokenKeepsTheTyping: a form posted with an expired token is
// not saved, and comes back with everything typed and a fresh token.
func TestStaleTokenKeepsTheTyping(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newEditorRig(t, s)
		ed, me := g.browsers[news.RoleEditor], g.users[news.RoleEditor]
		a := storeArticle(t, s, me.ID, "Kept", news.StatusDraft, time.Time{})
		fresh := ed.csrfOf()
		for _, p := range []string{"/admin/articles", "/admin/articles/" + strconv.FormatInt(a.ID, 10)} {
			t.Run(p, func(t *testing.T) {
				before, revs := articleCount(t, s), revisionCount(t, s, a.ID)
				typed := "A long paragraph the editor must not lose & <b>its</b> markup."
				res := ed.post(p, articleValues("stale-token", "save", "title", "Typed title", "body", typed))
				if res.status != http.StatusForbidden {
					t.Fatalf("status %d, want 403", res.status)
				}
				if !strings.Contains(res.body, "security token had expired") {
					t.Error("no message about the expired token")
				}
				if !strings.Contains(res.body, html.EscapeString(typed)) || !strings.Contains(res.body, "Typed title") {
					t.Error("the typed text is not in the form shown again")
				}
				if !strings.Contains(res.body, fresh) {
					t.Error("the form shown again does not carry the session's token")
				}
				if articleCount(t, s) != before || revisionCount(t, s, a.ID) != revs {
					t.Error("a stale form wrote")
				}
			})
		}
	})
}
