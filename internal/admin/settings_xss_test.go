package admin_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/site"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/urls"
	"golang.org/x/net/html"
)

// xss is typed into every free-text field. Neither part may come out as
// markup anywhere.
const xss = `<script>alert(1)</script><img src=x onerror=alert(2)>`

// assertInert parses the page as a browser would and fails when the
// payload became markup that runs: a script that alerts, an event-handler
// attribute, or a javascript: link. Strict also refuses the payload's img
// element, which sanitized Markdown may keep (without its handler) but
// the admin, which shows everything as text, must not.
func assertInert(t *testing.T, where string, body string, strict bool) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		// JSON-LD is data, and its JSON escapes < as \u003c.
		if n.Data == "script" && !hasAttr(n, "type", "application/ld+json") &&
			n.FirstChild != nil && strings.Contains(n.FirstChild.Data, "alert") {
			t.Errorf("%s has a script element: %q", where, n.FirstChild.Data)
		}
		for _, a := range n.Attr {
			key, val := strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))
			switch {
			case strings.HasPrefix(key, "on"):
				t.Errorf("%s has an event handler on <%s>: %s=%q", where, n.Data, a.Key, a.Val)
			case (key == "href" || key == "src") && strings.HasPrefix(val, "javascript:"):
				t.Errorf("%s has a javascript: URL on <%s>", where, n.Data)
			case strict && n.Data == "img" && key == "src" && val == "x":
				t.Errorf("%s has the payload's img element", where)
			}
		}
	}
}

func hasAttr(n *html.Node, key, val string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Val == val {
			return true
		}
	}
	return false
}

func TestXSSInManagedFieldsIsShownAsText(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		b := g.as(t, news.RoleOwner)

		b.follow(b.submit("/admin/authors/new", url.Values{"name": {"Mara " + xss}, "slug": {"mara"}, "kind": {"person"},
			"bio": {"Bio " + xss + "\n\n[link](javascript:alert(3))"}, "social_network_1": {"<script>alert(4)</script>"}, "social_url_1": {"https://x.example/"}}))
		b.follow(b.submit("/admin/tags", url.Values{"name": {"Tag " + xss}, "slug": {"tag"}}))
		form := settingsForm()
		for _, field := range []string{"name", "tagline", "disclaimer", "fair_use", "note_before", "note_after", "licence"} {
			form.Set(field, field+" "+xss)
		}
		b.follow(b.submit("/admin/settings", form))
		b.follow(b.submit("/admin/users", url.Values{"name": {"User " + xss}, "email": {"u@news.example"},
			"role": {"contributor"}, "password": {password}, "password_again": {password}}))
		// Refused forms show the input again: it must be escaped there too.
		refused := b.submit("/admin/settings", with(form, "time_zone", xss))
		if refused.status != http.StatusBadRequest {
			t.Errorf("a time zone of markup: status %d", refused.status)
		}
		assertInert(t, "the refused settings form", refused.body, true)
		if !strings.Contains(refused.body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Error("the refused settings form does not show the typed text escaped")
		}
		assertInert(t, "the refused author form", b.submit("/admin/authors/new", url.Values{"name": {xss}, "kind": {"robot"}}).body, true)

		au, err := s.AuthorBySlug(t.Context(), "mara")
		if err != nil {
			t.Fatal(err)
		}
		tag, err := s.TagBySlug(t.Context(), "tag")
		if err != nil {
			t.Fatal(err)
		}
		nu, err := s.UserByEmail(t.Context(), "u@news.example")
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{
			"/admin/authors", idPath("/admin/authors/%d", au.ID), "/admin/tags", idPath("/admin/tags/%d", tag.ID),
			idPath("/admin/tags/%d/delete", tag.ID), "/admin/settings", "/admin/users", idPath("/admin/users/%d", nu.ID),
			"/admin/audit",
		} {
			res := b.get(path)
			if res.status != http.StatusOK {
				t.Errorf("%s: status %d", path, res.status)
			}
			assertInert(t, path, res.body, true)
			if !strings.Contains(res.body, "&lt;script&gt;") {
				t.Errorf("%s does not show the payload as text", path)
			}
		}

		// The public site renders the stored Markdown sanitized.
		ub, err := urls.New(baseURL, "en")
		if err != nil {
			t.Fatal(err)
		}
		pub, err := site.New(site.Config{URLs: ub, Logger: testutil.Logger(t), Now: g.clock.Now, CacheBytes: -1}, s, render.New())
		if err != nil {
			t.Fatal(err)
		}
		addArticle(t, s, "story", "Story", news.StatusPublished, g.clock.Now().Add(-3600e9), g.clock.Now().Add(-7200e9), au)
		for _, path := range []string{"/", "/authors/mara", "/articles/story"} {
			rec := httptest.NewRecorder()
			pub.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, baseURL+path, nil))
			if rec.Code != http.StatusOK {
				t.Errorf("public %s: status %d", path, rec.Code)
				continue
			}
			assertInert(t, "public "+path, rec.Body.String(), false)
			// Else the check above proved nothing.
			if !strings.Contains(rec.Body.String(), "alert(1)") {
				t.Errorf("public %s does not show the saved payload at all", path)
			}
		}
	})
}
