package site

import (
	"encoding/base64"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// emailPattern matches anything shaped like an address.
var emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)

func TestContactPageHidesAddressesFromHarvesters(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		for _, p := range []string{"/contact", "/", "/articles/talks-resume", "/ar/contact"} {
			body, _ := fx.page(p, 200)
			if m := emailPattern.FindString(body); m != "" {
				t.Errorf("%s shows the address %q as plain text", p, m)
			}
		}
		_, doc := fx.page("/contact", 200)
		var decoded []string
		for _, a := range withClass(doc, "protected-email") {
			raw, err := base64.StdEncoding.DecodeString(attr(a, "data-email"))
			if err != nil {
				t.Fatalf("data-email %q: %v", attr(a, "data-email"), err)
			}
			r := []rune(string(raw))
			slices.Reverse(r)
			decoded = append(decoded, string(r))
			if attr(a, "href") != "/contact" || textOf(a) == "" {
				t.Errorf("the no-script fallback is missing: %q → %q", textOf(a), attr(a, "href"))
			}
		}
		// The footer repeats the three; the page lists them by topic.
		want := "press@bugle.example|rights@bugle.example|desk@bugle.example"
		if got := strings.Join(decoded[:3], "|"); got != want {
			t.Errorf("decoded %q, want %q", got, want)
		}
		main := textOf(one(t, "main", elements(doc, "main")))
		for _, topic := range []string{"Media inquiries", "Permission to republish", "General inquiries", "commercial internet sites"} {
			if !strings.Contains(main, topic) {
				t.Errorf("contact page lacks %q", topic)
			}
		}
		// The decoding script is an asset, not inline.
		for _, s := range elements(doc, "script") {
			if attr(s, "src") == "" || !strings.HasPrefix(attr(s, "src"), "/assets/") {
				t.Errorf("script %v is not a site asset", s.Attr)
			}
		}
		footer := textOf(one(t, "footer", elements(doc, "footer")))
		if !strings.Contains(footer, "email us via the contact page") {
			t.Error("the footer has no no-script wording")
		}
	})
}

// TestHostileContentIsRenderedInert stores an article whose every plain
// text field holds markup and whose URLs are javascript: URLs, and checks
// every page that shows it.
func TestHostileContentIsRenderedInert(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		const evil = `<script>alert(1)</script>`
		const jsURL = "javascript:alert(1)"
		bad := fx.createAuthor(news.Author{
			Slug: "mallory", Name: "Mallory " + evil, Kind: news.KindPerson,
			Bio: "Bio " + evil, Website: jsURL, ImageURL: jsURL,
			Social: []news.Link{{Network: "x" + evil, URL: jsURL}},
		})
		tag := fx.createTag("evil", "Tag "+evil)
		fx.createArticle(news.Article{
			Slug: "hostile", Title: "Title " + evil, Subtitle: "Subtitle " + evil, Summary: "Summary " + evil,
			Body:   "Body <script>alert(1)</script> [link](javascript:alert(1)) <a href=\"javascript:alert(1)\">x</a>",
			Status: news.StatusPublished, PublishedAt: fx.now.Add(-time.Hour),
			Image:      news.Image{URL: jsURL, Alt: "Alt " + evil, Caption: "Caption " + evil, Credit: "Credit " + evil},
			SourceName: "Source " + evil, SourceURL: jsURL, CanonicalURL: jsURL,
			NoteBefore: "Note " + evil,
			Authors:    []news.Author{{ID: bad.ID}},
			Tags:       []news.Tag{{ID: tag.ID}},
		})
		fx.createArticle(news.Article{
			Slug: "hostile-image", Title: "Hostile image", Body: "Text.",
			Status: news.StatusPublished, PublishedAt: fx.now.Add(-2 * time.Hour),
			Image: news.Image{URL: "https://img.example/a.jpg\" onerror=\"alert(1)", Alt: "Alt \" onload=\"alert(1)",
				Caption: "Caption " + evil, Credit: "Credit " + evil},
		})
		settings := testSettings()
		settings.Name = "Site " + evil
		settings.Follow = append(settings.Follow, news.Link{Network: "facebook", URL: jsURL})
		settings.LogoURL = jsURL
		settings.Disclaimer = "Disclaimer " + evil
		if err := st.SaveSettings(t.Context(), settings); err != nil {
			t.Fatal(err)
		}
		jsHref := regexp.MustCompile(`(?i)(href|src|action)\s*=\s*["']?\s*javascript:`)
		for _, p := range []string{"/articles/hostile", "/articles/hostile-image", "/ar/articles/hostile", "/", "/authors/mallory", "/tags/evil", "/search?q=title", "/feed.xml", "/atom.xml", "/feed.json"} {
			t.Run(p, func(t *testing.T) {
				rec := fx.get(p)
				if rec.Code != 200 {
					t.Fatalf("status %d", rec.Code)
				}
				body := rec.Body.String()
				if strings.Contains(body, "<script>alert") {
					t.Error("a script from the content is in the page")
				}
				if m := jsHref.FindString(body); m != "" {
					t.Errorf("a javascript: URL is in the page: %q", m)
				}
				if strings.Contains(body, "ZgotmplZ") {
					t.Error("a bad URL reached the template instead of being dropped")
				}
			})
		}
		_, doc := fx.page("/articles/hostile", 200)
		if got := textOf(one(t, "h1", elements(doc, "h1"))); got != "Title "+evil {
			t.Errorf("title text %q: markup must show as text", got)
		}
		if n := len(elements(doc, "figure")); n != 0 {
			t.Errorf("%d figures shown for a javascript: image URL", n)
		}
		if got := textOf(one(t, "source", withClass(doc, "source-box"))); got != "This article was originally published on Source "+evil+"." {
			t.Errorf("source box %q", got)
		}
		if c := attr(one(t, "canonical", elements(doc, "link", "rel", "canonical")), "href"); c != testBase+"/articles/hostile" {
			t.Errorf("canonical %q: a javascript: canonical must fall back to our URL", c)
		}

		_, doc = fx.page("/articles/hostile-image", 200)
		if got := textOf(one(t, "figcaption", elements(doc, "figcaption"))); got != "Caption "+evil+" Photo: Credit "+evil {
			t.Errorf("caption %q: markup must show as text", got)
		}
		img := one(t, "img", elements(one(t, "figure", elements(doc, "figure")), "img"))
		for _, a := range img.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("the image gained an event handler %s=%q", a.Key, a.Val)
			}
		}
	})
}
