package admin_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// addArticle stores an article by the author, created at created.
func addArticle(t *testing.T, s *store.Store, slug, title string, status news.Status, published, created time.Time, by news.Author) {
	t.Helper()
	a := news.Article{
		Slug: slug, Title: title, Language: "en", Format: news.FormatMarkdown,
		Body: "Body", BodyHTML: "<p>Body</p>", Status: status, PublishedAt: published,
		CreatedAt: created, Authors: []news.Author{by},
	}
	if err := s.CreateArticle(t.Context(), &a, "test"); err != nil {
		t.Fatalf("create article %s: %v", slug, err)
	}
}

var rowTitle = regexp.MustCompile(`<th scope="row">(?:<a href="([^"]*)">)?([^<]*)`)

// rows returns the title of each listed article and its public link.
func rows(body string) (titles, links []string) {
	for _, m := range rowTitle.FindAllStringSubmatch(body, -1) {
		titles = append(titles, m[2])
		links = append(links, m[1])
	}
	return titles, links
}

func TestDashboardListsEveryArticleNewestFirstByPage(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "ed@news.example", "Ed", news.RoleContributor)
		now := g.clock.Now()
		mara := news.Author{Slug: "mara", Name: "Mara Quill", Kind: news.KindPerson}
		if err := s.CreateAuthor(t.Context(), &mara); err != nil {
			t.Fatal(err)
		}
		// 30 articles, article 29 the newest; every third a draft, every
		// third scheduled for tomorrow, the rest published yesterday.
		for i := range 30 {
			status, published := news.StatusPublished, now.Add(-24*time.Hour)
			switch i % 3 {
			case 1:
				status, published = news.StatusDraft, time.Time{}
			case 2:
				status, published = news.StatusScheduled, now.Add(24*time.Hour)
			}
			addArticle(t, s, fmt.Sprintf("story-%02d", i), fmt.Sprintf("Story %02d", i), status, published,
				now.Add(time.Duration(i-100)*time.Hour), mara)
		}

		b := g.browser(t)
		b.mustSignIn("ed@news.example")
		first := b.get("/admin/")
		titles, links := rows(first.body)
		if len(titles) != 25 || titles[0] != "Story 29" || titles[24] != "Story 05" {
			t.Fatalf("page 1 lists %d: %v", len(titles), titles)
		}
		for i, title := range titles {
			var n int
			fmt.Sscanf(title, "Story %d", &n)
			wantLink := ""
			if n%3 == 0 {
				wantLink = fmt.Sprintf("https://news.example/articles/story-%02d", n)
			}
			if links[i] != wantLink {
				t.Errorf("%s links to %q, want %q", title, links[i], wantLink)
			}
		}
		for _, want := range []string{
			"30 articles, newest first: page 1 of 2.",
			"Mara Quill",
			`<span class="status status-draft">draft</span>`,
			`<span class="status status-scheduled">scheduled</span>`,
			`<time datetime="2025-06-03T08:00:00Z">3 Jun 2025, 08:00</time>`, // the scheduled time
			`href="/admin/?page=2" rel="next"`,
		} {
			if !strings.Contains(first.body, want) {
				t.Errorf("page 1 lacks %q", want)
			}
		}

		second := b.get("/admin/?page=2")
		if titles, _ := rows(second.body); len(titles) != 5 || titles[0] != "Story 04" || titles[4] != "Story 00" {
			t.Errorf("page 2 lists %v", titles)
		}
		if !strings.Contains(second.body, `href="/admin/" rel="prev"`) || strings.Contains(second.body, `rel="next"`) {
			t.Error("page 2 should link back to page 1 and nowhere further")
		}

		for page, status := range map[string]int{"0": 400, "-1": 400, "two": 400, "99999999999999999999": 400, "3": 404} {
			if res := b.get("/admin/?page=" + page); res.status != status {
				t.Errorf("page %q: status %d, want %d", page, res.status, status)
			}
		}
	})
}

func TestDashboardOfAnEmptySite(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "ed@news.example", "Ed", news.RoleOwner)
	b := g.browser(t)
	b.mustSignIn("ed@news.example")
	res := b.get("/admin/")
	if res.status != http.StatusOK || !strings.Contains(res.body, "No articles yet.") || strings.Contains(res.body, "<table") {
		t.Errorf("status %d\n%s", res.status, res.body)
	}
}

func TestUserTextIsEscapedNotRun(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		const (
			evilName   = `<script>alert("name")</script>`
			evilTitle  = `<img src=x onerror=alert(1)>"quoted"`
			evilAuthor = `Ann</td><td onmouseover=alert(2)>`
		)
		g.user(t, "ed@news.example", evilName, news.RoleEditor)
		author := news.Author{Slug: "ann", Name: evilAuthor, Kind: news.KindPerson}
		if err := s.CreateAuthor(t.Context(), &author); err != nil {
			t.Fatal(err)
		}
		addArticle(t, s, "evil", evilTitle, news.StatusPublished, g.clock.Now().Add(-time.Hour), time.Time{}, author)

		b := g.browser(t)
		b.mustSignIn("ed@news.example")
		res := b.get("/admin/")
		for _, raw := range []string{"<script>", "<img", "onerror=alert(1)>", "<td onmouseover"} {
			if strings.Contains(res.body, raw) {
				t.Errorf("page contains raw %q", raw)
			}
		}
		for _, escaped := range []string{
			"&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;",
			"&lt;img src=x onerror=alert(1)&gt;&#34;quoted&#34;",
			"Ann&lt;/td&gt;&lt;td onmouseover=alert(2)&gt;",
		} {
			if !strings.Contains(res.body, escaped) {
				t.Errorf("page lacks the escaped text %q", escaped)
			}
		}
	})
}

func TestPagesFollowTheAdminsRules(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "ed@news.example", "Ed", news.RoleEditor)
	b := g.browser(t)
	pages := map[string]response{
		"sign-in form":      b.get("/admin/login"),
		"failed sign-in":    b.signIn("ed@news.example", "wrong"),
		"not found":         b.get("/admin/no-such-page"),
		"method not served": b.get("/admin/logout"),
	}
	b.mustSignIn("ed@news.example")
	pages["dashboard"] = b.get("/admin/")

	for name, res := range pages {
		t.Run(name, func(t *testing.T) {
			h := res.header
			if h.Get("Cache-Control") != "no-store" || !strings.Contains(h.Get("X-Robots-Tag"), "noindex") {
				t.Errorf("headers %v", h)
			}
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
			body := res.body
			for _, want := range []string{"<!doctype html>", `<html lang="en">`, `<meta name="robots" content="noindex">`,
				`<main id="main"`, "<h1>", `<link rel="stylesheet" href="/admin/assets/admin.css?v=`} {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			// Nothing the CSP would block: no inline scripts, styles or
			// event handlers.
			for _, banned := range []string{"<script", "<style", " style=", " onclick=", "javascript:"} {
				if strings.Contains(body, banned) {
					t.Errorf("page has %q", banned)
				}
			}
			// Every visible input has a label.
			for _, m := range regexp.MustCompile(`<input id="([^"]+)"`).FindAllStringSubmatch(body, -1) {
				if !strings.Contains(body, `<label for="`+m[1]+`">`) {
					t.Errorf("input %s has no label", m[1])
				}
			}
		})
	}
	if res := pages["not found"]; res.status != http.StatusNotFound {
		t.Errorf("unknown page: status %d", res.status)
	}
	if res := pages["method not served"]; res.status != http.StatusMethodNotAllowed || res.header.Get("Allow") != "POST" {
		t.Errorf("GET /admin/logout: status %d, Allow %q", res.status, res.header.Get("Allow"))
	}
}

func TestStylesheetIsServedAndCached(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	b := g.browser(t)
	href := regexp.MustCompile(`href="(/admin/assets/admin\.css\?v=[0-9a-f]+)"`).FindStringSubmatch(b.get("/admin/login").body)
	if href == nil {
		t.Fatal("no stylesheet link")
	}
	res := b.get(href[1])
	if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "text/css") ||
		!strings.Contains(res.body, ".masthead") {
		t.Fatalf("stylesheet: status %d, type %q", res.status, res.header.Get("Content-Type"))
	}
	if cc := res.header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("versioned stylesheet Cache-Control = %q", cc)
	}
	if cc := b.get("/admin/assets/admin.css").header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("unversioned stylesheet Cache-Control = %q", cc)
	}
	req := httptestRequest(href[1])
	req.Header.Set("If-None-Match", res.header.Get("ETag"))
	if res := b.do(req); res.status != http.StatusNotModified {
		t.Errorf("revalidation: status %d, want 304", res.status)
	}
	if res := b.get("/admin/assets/other.css"); res.status != http.StatusNotFound {
		t.Errorf("unknown asset: status %d", res.status)
	}
}
