package view

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"github.com/byline-news/byline/internal/i18n"
)

// words splits text into its words of three letters or more, lower-cased.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 3 {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// dataWords collects the words of every string in v: what the site put
// in the page, as opposed to what the templates write.
func dataWords(v reflect.Value, into map[string]bool) {
	switch v.Kind() {
	case reflect.String:
		for _, w := range words(v.String()) {
			into[w] = true
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			dataWords(v.Elem(), into)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				dataWords(v.Field(i), into)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			dataWords(v.Index(i), into)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			dataWords(v.MapIndex(k), into)
		}
	}
}

// shownText returns the text a reader sees or hears: text nodes outside
// scripts, and the attributes read out or shown.
func shownText(n *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			out = append(out, n.Data)
		case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "textarea"):
			return
		case n.Type == html.ElementNode:
			for _, a := range n.Attr {
				switch a.Key {
				case "aria-label", "title", "placeholder", "alt":
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// TestTemplatesWriteNoTextOfTheirOwn renders every page kind in French
// and requires every word shown to come from the page data or the French
// catalog: an English word written into a template fails it.
func TestTemplatesWriteNoTextOfTheirOwn(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cat := i18n.Builtin()
	fr := cat.Localizer("fr")
	if fr.TextLanguage() != "fr" {
		t.Fatal("no French catalog")
	}
	catalog := map[string]bool{}
	for _, id := range cat.IDs() {
		for _, n := range []int{0, 1, 2, 5, 1000000} {
			for _, w := range words(fr.N(id, n)) {
				catalog[w] = true
			}
		}
	}
	for _, kind := range pageKinds {
		t.Run(kind, func(t *testing.T) {
			p := samplePage(kind)
			p.Lang, p.L = "fr", fr
			data := map[string]bool{}
			dataWords(reflect.ValueOf(p).Elem(), data)
			for _, l := range p.Languages {
				for _, w := range words(fr.LanguageName(l.Code)) {
					data[w] = true
				}
			}
			var buf bytes.Buffer
			if err := v.Render(&buf, kind, p); err != nil {
				t.Fatal(err)
			}
			doc, err := html.Parse(&buf)
			if err != nil {
				t.Fatal(err)
			}
			for _, text := range shownText(doc) {
				for _, w := range words(text) {
					if !data[w] && !catalog[w] {
						t.Errorf("%q in %q is neither page data nor French interface text", w, strings.TrimSpace(text))
					}
				}
			}
		})
	}
}

func TestUILangFollowsTheLocalizer(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p := samplePage(PageHome)
	p.Lang, p.Dir, p.L = "ar", "rtl", i18n.Builtin().Localizer("ar")
	var buf bytes.Buffer
	if err := v.Render(&buf, PageHome, p); err != nil {
		t.Fatal(err)
	}
	if p.UILang != "ar" {
		t.Errorf("UILang = %q, want ar", p.UILang)
	}
	if strings.Contains(buf.String(), `<main id="main" tabindex="-1" lang=`) {
		t.Error("<main> marks a language although the interface is in the page's")
	}
	if !strings.Contains(buf.String(), ">"+i18n.Builtin().Localizer("ar").T("nav.home")+"<") {
		t.Error("the navigation is not in Arabic")
	}

	// Without a localizer the page falls back to English, marked so.
	p = samplePage(PageHome)
	p.Lang = "xx"
	buf.Reset()
	if err := v.Render(&buf, PageHome, p); err != nil {
		t.Fatal(err)
	}
	if p.UILang != "en" || !strings.Contains(buf.String(), `<main id="main" tabindex="-1" lang="en">`) {
		t.Errorf("a page without interface text in its language: UILang %q\n%.600s", p.UILang, buf.String())
	}
}
