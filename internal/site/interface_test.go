package site

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// norm is text as textOf returns it: runs of white space, the no-break
// ones included, as one space.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// navTexts returns the link texts of the main navigation.
func navTexts(t *testing.T, doc *html.Node) []string {
	t.Helper()
	nav := one(t, "main navigation", withClass(doc, "mainnav"))
	var out []string
	for _, a := range elements(nav, "a") {
		out = append(out, textOf(a))
	}
	return out
}

func TestInterfaceIsInThePagesLanguage(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		paris, err := time.LoadLocation("Europe/Paris")
		if err != nil {
			t.Fatal(err)
		}
		published := fx.original.PublishedAt.In(paris)
		en := i18n.Builtin().Localizer("en")

		for _, tt := range []struct{ code, home, dir string }{
			{"en", "/", "ltr"},
			{"fr", "/fr/", "ltr"},
			{"ar", "/ar/", "rtl"},
		} {
			t.Run(tt.code, func(t *testing.T) {
				loc := i18n.Builtin().Localizer(tt.code)
				_, doc := fx.page(tt.home, 200)
				root := one(t, "html", elements(doc, "html"))
				if attr(root, "lang") != tt.code || attr(root, "dir") != tt.dir {
					t.Errorf("<html lang=%q dir=%q>, want %s %s", attr(root, "lang"), attr(root, "dir"), tt.code, tt.dir)
				}
				var want []string
				for _, id := range []string{"nav.home", "nav.archive", "nav.newsletter", "nav.contact"} {
					want = append(want, loc.T(id))
				}
				got := navTexts(t, doc)
				if strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("navigation %q, want %q", got, want)
				}
				if tt.code != "en" && loc.T("nav.home") == en.T("nav.home") {
					t.Errorf("%s navigation is in English", tt.code)
				}

				// Cards show the date the language's way.
				date := loc.Date(published)
				found := false
				for _, tm := range elements(doc, "time") {
					if textOf(tm) == norm(date) {
						found = true
					}
				}
				if !found {
					t.Errorf("no card dated %q", date)
				}
				english := published.Month().String()
				if strings.Contains(date, english) != (tt.code == "en") {
					t.Errorf("date %q and the English month %q", date, english)
				}

				heading := one(t, "latest heading", elements(doc, "h2", "id", "latest-heading"))
				if textOf(heading) != norm(loc.T("home.latest")) {
					t.Errorf("latest heading %q, want %q", textOf(heading), loc.T("home.latest"))
				}
				if _, ok := attrOf(one(t, "main", elements(doc, "main")), "lang"); ok {
					t.Error("<main> repeats a language although the interface is in the page's")
				}
			})
		}

		t.Run("an article in French keeps English content and a French interface", func(t *testing.T) {
			fr := i18n.Builtin().Localizer("fr")
			_, doc := fx.page("/fr/articles/talks-resume", 200)
			byline := one(t, "byline", withClass(doc, "byline"))
			if attr(byline, "lang") != "fr" || !strings.HasPrefix(textOf(byline), "Par ") {
				t.Errorf("byline %q lang %q, want French", textOf(byline), attr(byline, "lang"))
			}
			if got, want := textOf(byline), norm(fr.T("byline.by", "Names", "Jane Doe"+fr.T("list.last_separator")+"Morning Star")); got != want {
				t.Errorf("byline %q, want %q", got, want)
			}
			dates := one(t, "dates", withClass(doc, "dates"))
			if !strings.Contains(textOf(dates), norm(fr.Date(published))) {
				t.Errorf("dates %q do not hold %q", textOf(dates), fr.Date(published))
			}
			share := withClass(doc, "share-facebook")
			if len(share) == 0 || attr(share[0], "aria-label") != "Partager sur Facebook" {
				t.Errorf("share link not labelled in French")
			}
			if art := one(t, "article", withClass(doc, "article")); attr(art, "lang") != "en" {
				t.Errorf("the English article is marked lang=%q", attr(art, "lang"))
			}
		})

		t.Run("search results count in the language's plural", func(t *testing.T) {
			ar := i18n.Builtin().Localizer("ar")
			_, doc := fx.page("/ar/search?q=geneva", 200)
			h := one(t, "results heading", elements(doc, "h2", "id", "results-heading"))
			if textOf(h) != norm(ar.N("search.found", 1)) {
				t.Errorf("results heading %q, want %q", textOf(h), ar.N("search.found", 1))
			}
			if textOf(h) == norm(ar.N("search.found", 5)) {
				t.Error("one result and five read the same in Arabic")
			}
		})

		t.Run("archive months are named in the language", func(t *testing.T) {
			fr := i18n.Builtin().Localizer("fr")
			_, doc := fx.page("/fr/archive", 200)
			month := fr.Month(fx.original.PublishedAt.UTC().Month())
			found := false
			for _, a := range elements(doc, "a") {
				if textOf(a) == month {
					found = true
				}
			}
			if !found {
				t.Errorf("no archive month named %q", month)
			}
		})
	})
}
