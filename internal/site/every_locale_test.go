package site

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/testutil"
)

// TestEveryPageTypeInEveryLocale serves every public page type in all 52
// locales and checks the frame: <html lang dir>, the interface written in
// the locale (the skip link's text from its catalog), a self and an
// x-default hreflang alternate, and the language menu marking the
// current language.
func TestEveryPageTypeInEveryLocale(t *testing.T) {
	fx := newFixture(t, testutil.NewSQLiteStore(t))
	month := fx.original.PublishedAt.UTC().Format("/archive/2006/01")
	pages := []string{"/", "/articles/talks-resume", "/authors/jane-doe", "/tags/war", "/archive", month,
		"/search?q=geneva", "/contact", "/newsletter"}
	cat := i18n.Builtin()
	for _, l := range i18n.Default().All() {
		t.Run(l.Code, func(t *testing.T) {
			loc := cat.Localizer(l.Code)
			for _, p := range pages {
				path := p
				if l.Code != "en" {
					path = "/" + l.Code + p
				}
				body, doc := fx.page(path, 200)
				root := one(t, "html", elements(doc, "html"))
				if attr(root, "lang") != l.Code || attr(root, "dir") != l.Dir {
					t.Errorf("%s: <html lang=%q dir=%q>, want %q %q", path, attr(root, "lang"), attr(root, "dir"), l.Code, l.Dir)
				}
				if skip := loc.T("layout.skip_to_content"); !strings.Contains(body, ">"+html.EscapeString(skip)+"</a>") {
					t.Errorf("%s: the skip link is not %q", path, skip)
				}
				head := one(t, "head", elements(doc, "head"))
				alts := map[string]string{}
				for _, n := range findAll(head, func(n *html.Node) bool { _, ok := attrOf(n, "hreflang"); return n.Data == "link" && ok }) {
					alts[attr(n, "hreflang")] = attr(n, "href")
				}
				bare, _, _ := strings.Cut(p, "?")
				self := fx.site.urls.Abs(fx.site.urls.Localize(l.Code, bare))
				if alts["x-default"] == "" || (!strings.Contains(p, "?") && p != "/articles/talks-resume" && alts[l.Code] != self) {
					t.Errorf("%s: alternates %v lack x-default or %s → %s", path, alts, l.Code, self)
				}
				current := findAll(doc, func(n *html.Node) bool { v, _ := attrOf(n, "aria-current"); return n.Data == "a" && v == "page" })
				if len(current) != 1 || attr(current[0], "hreflang") != l.Code {
					t.Errorf("%s: the language menu does not mark %s as current", path, l.Code)
				}
			}
			for _, feed := range []string{"/feed.xml", "/atom.xml", "/feed.json"} {
				path := feed
				if l.Code != "en" {
					path = "/" + l.Code + feed
				}
				if rec := fx.get(path); rec.Code != 200 {
					t.Errorf("%s: status %d", path, rec.Code)
				}
			}
		})
	}
}
