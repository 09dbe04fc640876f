package site

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestTranslationPrefixShowsTheOriginalInTheLanguageFrame(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		tests := []struct {
			path, lang, dir string
		}{
			{"/ar/articles/talks-resume", "ar", "rtl"},
			{"/he/articles/talks-resume", "he", "rtl"},
			{"/zh-Hans/articles/talks-resume", "zh-Hans", "ltr"},
			{"/fr/articles/talks-resume", "fr", "ltr"},
		}
		for _, tt := range tests {
			t.Run(tt.lang, func(t *testing.T) {
				body, doc := fx.page(tt.path, 200)
				root := one(t, "html", elements(doc, "html"))
				if attr(root, "lang") != tt.lang || attr(root, "dir") != tt.dir {
					t.Errorf(`<html lang=%q dir=%q>, want %q %q`, attr(root, "lang"), attr(root, "dir"), tt.lang, tt.dir)
				}
				if !strings.Contains(body, `<meta name="robots" content="noindex">`) {
					t.Error("untranslated page may be indexed")
				}
				// The notice is in the reader's language, which the
				// frame already declares.
				loc := i18n.Builtin().Localizer(tt.lang)
				notice := one(t, "notice", withClass(doc, "notice-untranslated"))
				want := strings.Join(strings.Fields(loc.T("notice.untranslated")), " ")
				if !strings.HasPrefix(textOf(notice), want) {
					t.Errorf("notice %q, want %q", textOf(notice), want)
				}
				if lang, ok := attrOf(notice, "lang"); ok && lang != loc.TextLanguage() {
					t.Errorf("notice marked lang=%q on a %s page", lang, tt.lang)
				}
				if one(t, "original link", elements(notice, "a")) == nil || attr(elements(notice, "a")[0], "href") != "/articles/talks-resume" {
					t.Error("the notice does not link the original")
				}
				art := one(t, "article", withClass(doc, "article"))
				if attr(art, "lang") != "en" || attr(art, "dir") != "ltr" {
					t.Errorf("the English content is marked lang=%q dir=%q", attr(art, "lang"), attr(art, "dir"))
				}
				if textOf(one(t, "h1", elements(doc, "h1"))) != "Talks resume in Geneva" {
					t.Error("the original is not shown")
				}
				// Links stay in the language.
				for _, href := range []string{"/" + tt.lang + "/authors/jane-doe", "/" + tt.lang + "/tags/war", "/" + tt.lang + "/archive", "/" + tt.lang + "/newsletter", "/" + tt.lang + "/"} {
					if len(elements(doc, "a", "href", href)) == 0 {
						t.Errorf("no link to %s", href)
					}
				}
				if len(elements(doc, "form", "action", "/"+tt.lang+"/search")) == 0 {
					t.Error("the search form leaves the language")
				}
				current := findAll(one(t, "menu", elements(doc, "nav", "aria-label", loc.T("langmenu.label"))), func(n *html.Node) bool {
					_, ok := attrOf(n, "aria-current")
					return ok
				})
				if len(current) != 1 || attr(current[0], "hreflang") != tt.lang {
					t.Error("the menu does not mark the current language")
				}
				// The canonical page is the original.
				if attr(one(t, "canonical", elements(doc, "link", "rel", "canonical")), "href") != testBase+"/articles/talks-resume" {
					t.Error("canonical is not the original")
				}
			})
		}

		t.Run("the interface text is in the frame's language", func(t *testing.T) {
			_, doc := fx.page("/ar/archive", 200)
			for _, tag := range []string{"header", "main", "footer"} {
				if el := elements(doc, tag); len(el) == 0 {
					t.Errorf("no <%s>", tag)
				} else if lang, ok := attrOf(el[0], "lang"); ok {
					t.Errorf("<%s lang=%q> inside the Arabic frame", tag, lang)
				}
			}
			_, doc = fx.page("/archive", 200)
			if _, ok := attrOf(one(t, "main", elements(doc, "main")), "lang"); ok {
				t.Error("the source page repeats its language on <main>")
			}
		})

		t.Run("the source page has no notice and may be indexed", func(t *testing.T) {
			body, doc := fx.page("/articles/talks-resume", 200)
			if len(withClass(doc, "notice-untranslated")) != 0 || strings.Contains(body, "noindex") {
				t.Error("the original is marked untranslated")
			}
			if root := one(t, "html", elements(doc, "html")); attr(root, "lang") != "en" || attr(root, "dir") != "ltr" {
				t.Error("the original is not lang=en dir=ltr")
			}
		})

		t.Run("other pages take the prefix too", func(t *testing.T) {
			for _, p := range []string{"/ar/", "/ar/authors/jane-doe", "/ar/tags/war", "/ar/archive", "/ar/search?q=geneva", "/ar/contact", "/ar/newsletter"} {
				_, doc := fx.page(p, 200)
				if attr(one(t, "html", elements(doc, "html")), "dir") != "rtl" {
					t.Errorf("%s is not right-to-left", p)
				}
			}
			_, doc := fx.page("/ar/articles/secret-draft", 404)
			if attr(one(t, "html", elements(doc, "html")), "lang") != "ar" {
				t.Error("the 404 page leaves the language frame")
			}
		})

		t.Run("unknown prefixes and the source code are not languages", func(t *testing.T) {
			for _, p := range []string{"/xx/", "/xx/articles/talks-resume", "/AR/articles/talks-resume"} {
				_, doc := fx.page(p, 404)
				if attr(one(t, "html", elements(doc, "html")), "lang") != "en" {
					t.Errorf("%s: 404 not in the source frame", p)
				}
			}
			// An unknown language lists the site's, leading to the page.
			body, _ := fx.page("/xx/articles/talks-resume", 404)
			if !strings.Contains(body, "There is no such language on this site") || !strings.Contains(body, `href="/fr/articles/talks-resume"`) {
				t.Error("the unknown-language 404 does not list the languages with the page's address")
			}
			// The source language has no prefix: its prefix redirects.
			rec := fx.get("/en/articles/talks-resume")
			if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/articles/talks-resume" {
				t.Errorf("GET /en/articles/talks-resume: %d → %q", rec.Code, rec.Header().Get("Location"))
			}
		})

		t.Run("the bare prefix redirects to the language home", func(t *testing.T) {
			rec := fx.get("/ar")
			if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/ar/" {
				t.Errorf("GET /ar: %d → %q", rec.Code, rec.Header().Get("Location"))
			}
		})

		t.Run("documents exist once, unprefixed; feeds per language", func(t *testing.T) {
			for _, p := range []string{"/ar/sitemap.xml", "/ar/healthz"} {
				fx.page(p, 404)
			}
			rec := fx.get("/ar/feed.xml")
			if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "<language>ar</language>") ||
				!strings.Contains(rec.Body.String(), testBase+"/ar/") {
				t.Errorf("GET /ar/feed.xml: %d\n%.600s", rec.Code, rec.Body.String())
			}
		})
	})
}
