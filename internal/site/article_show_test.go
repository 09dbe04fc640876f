package site

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// TestArticlePageShowsEveryReferenceElement checks the article page
// against the reference page of DESIGN.md, element by element.
func TestArticlePageShowsEveryReferenceElement(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		body, doc := fx.page("/articles/talks-resume", 200)
		own := testBase + "/articles/talks-resume"
		paris, err := time.LoadLocation("Europe/Paris")
		if err != nil {
			t.Fatal(err)
		}

		checks := []struct {
			name  string
			check func(t *testing.T)
		}{
			{"language menu lists every language by native name, current marked", func(t *testing.T) {
				menu := one(t, "language nav", elements(doc, "nav", "aria-label", "Languages"))
				one(t, "details disclosure", elements(menu, "details"))
				one(t, "summary", elements(menu, "summary"))
				links := elements(menu, "a")
				all := i18n.Default().All()
				if len(links) != len(all) || len(all) != 52 {
					t.Fatalf("menu has %d links, the set %d languages; want 52", len(links), len(all))
				}
				for i, l := range all {
					a := links[i]
					name := one(t, "name of "+l.Code, elements(a, "span"))
					if textOf(a) != l.NativeName || attr(name, "lang") != l.Code || attr(name, "dir") != l.Dir {
						t.Errorf("entry %d = %q lang %q, want %q lang %q", i, textOf(a), attr(name, "lang"), l.NativeName, l.Code)
					}
					if _, ok := attrOf(a, "lang"); ok {
						t.Errorf("entry %d: the link is marked lang, so its title would be too", i)
					}
					if attr(a, "title") != i18n.Builtin().Localizer("en").LanguageName(l.Code) {
						t.Errorf("entry %d title %q, want the English name of %s", i, attr(a, "title"), l.Code)
					}
					want := "/" + l.Code + "/articles/talks-resume"
					if l.Code == "en" {
						want = "/articles/talks-resume"
					}
					if attr(a, "href") != want {
						t.Errorf("%s links to %q, want %q", l.Code, attr(a, "href"), want)
					}
				}
				current := findAll(menu, func(n *html.Node) bool { _, ok := attrOf(n, "aria-current"); return ok })
				if len(current) != 1 || attr(current[0], "hreflang") != "en" {
					t.Errorf("aria-current on %d entries, want only English", len(current))
				}
			}},
			{"site name, logo and tagline", func(t *testing.T) {
				brand := one(t, "brand", withClass(doc, "brand"))
				if !strings.Contains(textOf(brand), "The Daily Bugle") {
					t.Errorf("brand text %q", textOf(brand))
				}
				logo := one(t, "logo", withClass(brand, "logo"))
				if attr(logo, "src") != "/media/logo.png" {
					t.Errorf("logo src %q", attr(logo, "src"))
				}
				if textOf(one(t, "tagline", withClass(doc, "tagline"))) != "News without fear" {
					t.Error("tagline missing")
				}
			}},
			{"newsletter call to action links to /newsletter", func(t *testing.T) {
				cta := one(t, "cta", withClass(doc, "cta"))
				a := one(t, "cta link", elements(cta, "a"))
				if attr(a, "href") != "/newsletter" || !strings.Contains(textOf(a), "Daily Newsletter") || !strings.Contains(textOf(a), "subscribe") {
					t.Errorf("cta = %q → %q", textOf(a), attr(a, "href"))
				}
			}},
			{"follow links with icons and labels", func(t *testing.T) {
				follow := one(t, "follow", withClass(doc, "follow"))
				links := elements(follow, "a")
				want := map[string]string{
					"https://instagram.example/bugle": "Follow us on Instagram",
					"https://x.example/bugle":         "Follow us on X",
					"https://facebook.example/bugle":  "Follow us on Facebook",
				}
				if len(links) != len(want) {
					t.Fatalf("%d follow links, want %d", len(links), len(want))
				}
				for _, a := range links {
					if want[attr(a, "href")] != attr(a, "aria-label") {
						t.Errorf("follow link %q labelled %q", attr(a, "href"), attr(a, "aria-label"))
					}
					if len(elements(a, "svg", "aria-hidden", "true")) != 1 {
						t.Errorf("follow link %q has no hidden inline icon", attr(a, "href"))
					}
				}
			}},
			{"share buttons above and below the article", func(t *testing.T) {
				bars := withClass(doc, "share")
				if len(bars) != 2 {
					t.Fatalf("%d share bars, want 2", len(bars))
				}
				prose := one(t, "body", withClass(doc, "prose"))
				if !before(doc, bars[0], prose) || !before(doc, prose, bars[1]) {
					t.Error("share bars are not above and below the body")
				}
				prefixes := map[string]string{
					"facebook": "https://www.facebook.com/sharer/sharer.php?u=",
					"x":        "https://x.com/intent/post?url=",
					"bluesky":  "https://bsky.app/intent/compose?text=",
					"telegram": "https://t.me/share/url?url=",
					"whatsapp": "https://wa.me/?text=",
					"reddit":   "https://www.reddit.com/submit?url=",
					"linkedin": "https://www.linkedin.com/sharing/share-offsite/?url=",
					"email":    "mailto:?subject=",
				}
				for _, bar := range bars {
					links := elements(bar, "a")
					if len(links) != len(prefixes) {
						t.Fatalf("%d share links, want %d", len(links), len(prefixes))
					}
					for _, a := range links {
						href := attr(a, "href")
						network := strings.TrimPrefix(attr(a, "class"), "share-")
						if !strings.HasPrefix(href, prefixes[network]) {
							t.Errorf("%s share link %q", network, href)
						}
						if attr(a, "aria-label") == "" || len(elements(a, "svg")) != 1 {
							t.Errorf("%s share link lacks a label or icon", network)
						}
						if !strings.Contains(href, url.QueryEscape(own)) && !strings.Contains(href, strings.ReplaceAll(url.QueryEscape(own), "+", "%20")) {
							t.Errorf("%s share link does not carry the encoded URL: %q", network, href)
						}
					}
				}
				titled := findAll(bars[0], func(n *html.Node) bool {
					return n.Data == "a" && (strings.Contains(attr(n, "href"), "text=Talks+resume+in+Geneva") ||
						strings.Contains(attr(n, "href"), "title=Talks+resume+in+Geneva"))
				})
				if len(titled) < 2 {
					t.Error("the encoded title is not in the share links")
				}
				if strings.Contains(body, "<script src=\"http") {
					t.Error("a third-party script is loaded")
				}
			}},
			{"title, subtitle and one h1", func(t *testing.T) {
				h1 := one(t, "h1", elements(doc, "h1"))
				if textOf(h1) != "Talks resume in Geneva" {
					t.Errorf("h1 %q", textOf(h1))
				}
				if textOf(one(t, "subtitle", withClass(doc, "article-subtitle"))) != "Delegations meet again" {
					t.Error("subtitle missing")
				}
			}},
			{"byline links a person and an organization", func(t *testing.T) {
				by := one(t, "byline", withClass(doc, "byline"))
				if textOf(by) != "By Jane Doe and Morning Star" {
					t.Errorf("byline %q", textOf(by))
				}
				links := elements(by, "a")
				if len(links) != 2 || attr(links[0], "href") != "/authors/jane-doe" || attr(links[1], "href") != "/authors/morning-star" {
					t.Errorf("byline links %v", links)
				}
			}},
			{"published and updated dates in the site time zone", func(t *testing.T) {
				times := elements(one(t, "dates", withClass(doc, "dates")), "time")
				if len(times) != 2 {
					t.Fatalf("%d times, want published and updated", len(times))
				}
				for i, want := range []time.Time{fx.original.PublishedAt, fx.original.UpdatedAt} {
					local := want.In(paris)
					if attr(times[i], "datetime") != local.Format(time.RFC3339) {
						t.Errorf("datetime %q, want %q", attr(times[i], "datetime"), local.Format(time.RFC3339))
					}
					if !strings.Contains(textOf(times[i]), local.Format("15:04")) || !strings.Contains(textOf(times[i]), local.Format("January 2006")) {
						t.Errorf("shown date %q is not %v in Paris", textOf(times[i]), local)
					}
				}
			}},
			{"featured image with caption and credit", func(t *testing.T) {
				fig := one(t, "figure", withClass(doc, "featured-image"))
				img := one(t, "img", elements(fig, "img"))
				if attr(img, "src") != "/media/geneva.jpg" || attr(img, "alt") != "The palace of nations" || attr(img, "width") != "1600" {
					t.Errorf("img %v", img.Attr)
				}
				if got := textOf(one(t, "figcaption", elements(fig, "figcaption"))); got != "Featured image: the palace of nations. Photo: Mil.ru" {
					t.Errorf("caption %q", got)
				}
			}},
			{"site notes around the body, rendered from Markdown", func(t *testing.T) {
				notes := withClass(doc, "note-site")
				if len(notes) != 2 {
					t.Fatalf("%d site notes, want 2", len(notes))
				}
				body := one(t, "body", withClass(doc, "prose"))
				if !strings.HasPrefix(textOf(notes[0]), "Note to readers") || !before(doc, notes[0], body) {
					t.Errorf("note before: %q", textOf(notes[0]))
				}
				if textOf(notes[1]) != "Support independent journalism." || !before(doc, body, notes[1]) {
					t.Errorf("note after: %q", textOf(notes[1]))
				}
			}},
			{"body is the stored HTML", func(t *testing.T) {
				body := one(t, "body", withClass(doc, "prose"))
				if len(elements(body, "strong")) != 1 || len(elements(body, "blockquote")) != 1 {
					t.Errorf("body HTML not kept: %q", textOf(body))
				}
			}},
			{"licence box with copyright and republish snippet", func(t *testing.T) {
				lic := one(t, "licence", withClass(doc, "licence"))
				if !strings.Contains(textOf(lic), "Community sites may cross-post") || len(elements(lic, "strong")) != 1 {
					t.Errorf("licence text %q", textOf(lic))
				}
				year := fx.original.PublishedAt.In(paris).Year()
				want := "© " + strconv.Itoa(year) + " Jane Doe and Morning Star"
				if got := textOf(one(t, "copyright", withClass(lic, "copyright"))); got != want {
					t.Errorf("copyright %q, want %q", got, want)
				}
				if !strings.Contains(textOf(lic), "Republish this article") {
					t.Error("no republish hint")
				}
				area := one(t, "snippet", elements(lic, "textarea"))
				id := attr(area, "id")
				one(t, "snippet label", elements(lic, "label", "for", id))
				snippet := textOf(area)
				for _, part := range []string{`<a href="` + own + `">Talks resume in Geneva</a>`, "Jane Doe and Morning Star", want} {
					if !strings.Contains(snippet, part) {
						t.Errorf("snippet %q lacks %q", snippet, part)
					}
				}
			}},
			{"tags", func(t *testing.T) {
				tags := one(t, "tags", withClass(doc, "tags"))
				links := elements(tags, "a")
				if len(links) != 2 || attr(links[0], "href") != "/tags/war" || textOf(links[1]) != "Peace" {
					t.Errorf("tags %q", textOf(tags))
				}
			}},
			{"footer notices, contacts and links", func(t *testing.T) {
				footer := one(t, "footer", elements(doc, "footer"))
				text := textOf(footer)
				for _, want := range []string{"The views expressed are the authors’ own.", "fair use", "Media inquiries", "Permissions", "General"} {
					if !strings.Contains(text, want) {
						t.Errorf("footer lacks %q", want)
					}
				}
				if len(elements(footer, "strong")) != 1 || len(elements(footer, "em")) != 1 {
					t.Error("footer notices are not rendered from Markdown")
				}
				if n := len(withClass(footer, "protected-email")); n != 3 {
					t.Errorf("%d protected addresses in the footer, want 3", n)
				}
				nav := one(t, "footer nav", elements(footer, "nav"))
				for _, href := range []string{"/feed.xml", "/atom.xml", "/feed.json", "/archive", "/sitemap.xml", "/contact", "/newsletter"} {
					if len(elements(nav, "a", "href", href)) != 1 {
						t.Errorf("footer has no link to %s", href)
					}
				}
			}},
			{"canonical, hreflang alternates, feeds and Open Graph in the head", func(t *testing.T) {
				head := one(t, "head", elements(doc, "head"))
				if attr(one(t, "canonical", elements(head, "link", "rel", "canonical")), "href") != own {
					t.Error("canonical is not the article's own URL")
				}
				alts := findAll(head, func(n *html.Node) bool { _, ok := attrOf(n, "hreflang"); return n.Data == "link" && ok })
				// Not translated yet: the original and x-default only.
				if len(alts) != 2 {
					t.Errorf("%d hreflang links, want the original's and x-default", len(alts))
				}
				for _, a := range alts {
					if attr(a, "hreflang") == "ar" && attr(a, "href") != testBase+"/ar/articles/talks-resume" {
						t.Errorf("ar alternate %q", attr(a, "href"))
					}
					if attr(a, "hreflang") == "x-default" && attr(a, "href") != own {
						t.Errorf("x-default %q", attr(a, "href"))
					}
				}
				for _, typ := range []string{"application/rss+xml", "application/atom+xml", "application/feed+json"} {
					one(t, typ, elements(head, "link", "rel", "alternate", "type", typ))
				}
				og := map[string]string{}
				for _, m := range elements(head, "meta") {
					if p := attr(m, "property"); p != "" {
						og[p] = attr(m, "content")
					}
					if n := attr(m, "name"); strings.HasPrefix(n, "twitter:") {
						og[n] = attr(m, "content")
					}
				}
				want := map[string]string{
					"og:type": "article", "og:title": "Talks resume in Geneva", "og:url": own,
					"og:image": testBase + "/media/geneva.jpg", "og:site_name": "The Daily Bugle",
					"og:description": "The delegations met again on Monday.", "twitter:card": "summary_large_image",
				}
				for k, v := range want {
					if og[k] != v {
						t.Errorf("%s = %q, want %q", k, og[k], v)
					}
				}
			}},
			{"schema.org NewsArticle with a person and an organization", func(t *testing.T) {
				block := one(t, "JSON-LD", elements(doc, "script", "type", "application/ld+json"))
				var data struct {
					Type     string `json:"@type"`
					Headline string `json:"headline"`
					URL      string `json:"url"`
					Author   []struct {
						Type string `json:"@type"`
						Name string `json:"name"`
					} `json:"author"`
				}
				if err := json.Unmarshal([]byte(textOf(block)), &data); err != nil {
					t.Fatal(err)
				}
				if data.Type != "NewsArticle" || data.Headline != "Talks resume in Geneva" || data.URL != own ||
					len(data.Author) != 2 || data.Author[0].Type != "Person" || data.Author[1].Type != "Organization" {
					t.Errorf("structured data %+v", data)
				}
			}},
			{"landmarks and skip link", func(t *testing.T) {
				for _, tag := range []string{"header", "main", "footer"} {
					if len(elements(doc, tag)) == 0 {
						t.Errorf("no <%s>", tag)
					}
				}
				one(t, "main", elements(doc, "main", "id", "main"))
				one(t, "skip link", elements(doc, "a", "href", "#main"))
			}},
		}
		for _, c := range checks {
			t.Run(c.name, c.check)
		}
	})
}

// TestRepublishedArticleCreditsTheSource checks the source box, the
// canonical URL pointing at the original, and the copyright holders.
func TestRepublishedArticleCreditsTheSource(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		_, doc := fx.page("/articles/ceasefire-holds", 200)
		box := one(t, "source box", withClass(doc, "source-box"))
		if textOf(box) != "This article was originally published on Morning Star." {
			t.Errorf("source box %q", textOf(box))
		}
		if a := one(t, "source link", elements(box, "a")); attr(a, "href") != "https://morningstar.example/ceasefire" {
			t.Errorf("source link %q", attr(a, "href"))
		}
		if c := one(t, "canonical", elements(doc, "link", "rel", "canonical")); attr(c, "href") != "https://morningstar.example/ceasefire" {
			t.Errorf("canonical %q", attr(c, "href"))
		}
		// The organization is both author and source: named once.
		if got := textOf(one(t, "copyright", withClass(doc, "copyright"))); !strings.HasSuffix(got, " Morning Star") || strings.Count(got, "Morning Star") != 1 {
			t.Errorf("copyright %q", got)
		}
		snippet := textOf(one(t, "snippet", elements(doc, "textarea")))
		if !strings.Contains(snippet, `first published by <a href="https://morningstar.example/ceasefire">Morning Star</a>`) {
			t.Errorf("snippet does not link the original: %q", snippet)
		}
		// An original article has no source box.
		_, doc = fx.page("/articles/talks-resume", 200)
		if n := len(withClass(doc, "source-box")); n != 0 {
			t.Errorf("original article has %d source boxes", n)
		}
	})
}

// TestArticleNotesSurroundTheBody checks the article's own notes, inside
// the site-wide ones.
func TestArticleNotesSurroundTheBody(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		_, doc := fx.page("/articles/with-notes", 200)
		notes := withClass(doc, "note")
		var texts []string
		for _, n := range notes {
			texts = append(texts, textOf(n))
		}
		want := []string{
			"Note to readers: please click the share buttons.",
			"Editor’s note: before.", // typographic apostrophes from Markdown
			"Editor’s note: after.",
			"Support independent journalism.",
		}
		if strings.Join(texts, "|") != strings.Join(want, "|") {
			t.Errorf("notes in order = %q, want %q", texts, want)
		}
		body := one(t, "body", withClass(doc, "prose"))
		if !before(doc, notes[1], body) || !before(doc, body, notes[2]) {
			t.Error("article notes are not before and after the body")
		}
		if len(elements(notes[1], "em")) != 1 {
			t.Error("article note lost its Markdown emphasis")
		}
	})
}

// TestUnpublishedArticlesAreNotFound covers drafts, scheduled articles
// and published articles dated in the future.
func TestUnpublishedArticlesAreNotFound(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		for _, slug := range []string{"secret-draft", "tomorrow-scheduled", "future-dated", "no-such-article"} {
			t.Run(slug, func(t *testing.T) {
				body, doc := fx.page("/articles/"+slug, 404)
				if strings.Contains(body, "Not yet.") || strings.Contains(body, "Later.") {
					t.Error("the 404 page shows the unpublished body")
				}
				one(t, "search box", elements(doc, "input", "id", "notfound-q"))
				one(t, "home link", findAll(doc, func(n *html.Node) bool {
					return n.Data == "a" && attr(n, "href") == "/" && textOf(n) == "Go to the home page"
				}))
				if !strings.Contains(body, `<meta name="robots" content="noindex">`) {
					t.Error("the 404 page may be indexed")
				}
			})
		}
	})
}

// before reports whether a comes before b in document order.
func before(doc, a, b *html.Node) bool {
	seenA := false
	found := false
	findAll(doc, func(n *html.Node) bool {
		if found {
			return false
		}
		if n == a {
			seenA = true
		}
		if n == b {
			found = true
			return false
		}
		return false
	})
	return seenA && found
}
