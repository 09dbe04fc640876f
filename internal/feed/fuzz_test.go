package feed

import (
	"encoding/xml"
	"html"
	"testing"

	"github.com/mmcdole/gofeed/atom"
)

// fuzzSeeds are the hostile texts plus a few shapes that have tripped feed
// parsers: entity look-alikes, CDATA markers, lone surrogate bytes.
func addFuzzSeeds(f *testing.F) {
	for _, s := range []string{
		"", "Plain title", textScript, textCDATA, textEntities, textControl,
		textInvalid, textEmoji, textRTL, textPadded,
		"&", "&amp;", "&#0;", "&#xD800;", "<![CDATA[x]]>", "]]>", "\xed\xa0\x80",
		"a\r\nb", "\u2028\u2029", "\ufeffBOM", "&copy=2;",
	} {
		f.Add(s, s, "<p>"+s+"</p>", s, s)
	}
}

// fuzzItem builds a one-item feed from fuzzed text; the channel title is
// fuzzed too.
func fuzzItem(title, summary, content, author, tag string) (Channel, []Item) {
	ch := testChannel()
	ch.Title = title
	return ch, []Item{{
		URL:         "https://news.example/articles/fuzz",
		Title:       title,
		Summary:     summary,
		ContentHTML: content,
		Authors:     []Author{{Name: author, URL: "https://news.example/authors/a"}},
		Tags:        []string{tag},
		Published:   t0,
	}}
}

func FuzzRSS(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, title, summary, content, author, tag string) {
		ch, items := fuzzItem(title, summary, content, author, tag)
		out, err := RSS(ch, items)
		if err != nil {
			t.Fatalf("RSS: %v", err)
		}
		assertWellFormedXML(t, out)
		f := parseFeed(t, out)
		if len(f.Items) != 1 {
			t.Fatalf("got %d items, want 1", len(f.Items))
		}
		it := f.Items[0]
		if want := wantText(title); f.Title != want || it.Title != want {
			t.Errorf("titles = %q, %q; want %q", f.Title, it.Title, want)
		}
		if want := wantText(summary); html.UnescapeString(it.Description) != want {
			t.Errorf("description = %q, want %q", html.UnescapeString(it.Description), want)
		}
		if want := wantText(content); it.Content != want {
			t.Errorf("content = %q, want %q", it.Content, want)
		}
		if want := wantText(author); want != "" {
			if it.DublinCoreExt == nil || len(it.DublinCoreExt.Creator) != 1 || it.DublinCoreExt.Creator[0] != want {
				t.Errorf("dc:creator = %+v, want %q", it.DublinCoreExt, want)
			}
		}
		if want := wantText(tag); want != "" && (len(it.Categories) != 1 || it.Categories[0] != want) {
			t.Errorf("categories = %q, want [%q]", it.Categories, want)
		}
	})
}

func FuzzAtom(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, title, summary, content, author, tag string) {
		ch, items := fuzzItem(title, summary, content, author, tag)
		out, err := Atom(ch, items)
		if err != nil {
			t.Fatalf("Atom: %v", err)
		}
		assertWellFormedXML(t, out)
		f := parseFeed(t, out)
		if len(f.Items) != 1 {
			t.Fatalf("got %d entries, want 1", len(f.Items))
		}
		it := f.Items[0]
		if want := wantText(title); f.Title != want || it.Title != want {
			t.Errorf("titles = %q, %q; want %q", f.Title, it.Title, want)
		}
		if want := wantText(summary); it.Description != want {
			t.Errorf("summary = %q, want %q", it.Description, want)
		}
		if want := wantText(content); it.Content != want {
			t.Errorf("content = %q, want %q", it.Content, want)
		}
		e := f.OriginalFeed().(*atom.Feed).Entries[0]
		if want := wantText(author); want != "" && (len(e.Authors) != 1 || e.Authors[0].Name != want) {
			t.Errorf("authors = %+v, want %q", e.Authors, want)
		}
		// gofeed prefers a category's label, so read the term directly.
		if want := wantText(tag); want != "" && (len(e.Categories) != 1 || e.Categories[0].Term != want) {
			t.Errorf("categories = %+v, want term %q", e.Categories, want)
		}
	})
}

func FuzzJSONFeed(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, title, summary, content, author, tag string) {
		ch, items := fuzzItem(title, summary, content, author, tag)
		out, err := JSONFeed(ch, items)
		if err != nil {
			t.Fatalf("JSONFeed: %v", err)
		}
		f := parseFeed(t, out)
		if len(f.Items) != 1 {
			t.Fatalf("got %d items, want 1", len(f.Items))
		}
		it := f.Items[0]
		if want := wantText(title); f.Title != want || it.Title != want {
			t.Errorf("titles = %q, %q; want %q", f.Title, it.Title, want)
		}
		if want := wantText(summary); it.Description != want {
			t.Errorf("summary = %q, want %q", it.Description, want)
		}
		// Without HTML the summary stands in as content_text.
		want := wantText(content)
		if want == "" {
			want = wantText(summary)
		}
		if it.Content != want {
			t.Errorf("content = %q, want %q", it.Content, want)
		}
	})
}

// FuzzSitemap feeds arbitrary locations and hreflangs: the builder must
// either refuse them with an error or write a document that decodes back to
// the cleaned values.
func FuzzSitemap(f *testing.F) {
	f.Add("https://news.example/a", "fr", "https://news.example/fr/a")
	f.Add("https://news.example/a?x=1&y=<2>", "x-default", "https://news.example/\x01a")
	f.Add("/relative", "en US", "")
	f.Add("https://news.example/\u202Eevil", "pt-BR", "http://[::1]:80/")
	f.Fuzz(func(t *testing.T, loc, lang, href string) {
		out, err := Sitemap([]URL{{Loc: loc, LastMod: t0, Alternates: []Alternate{{lang, href}}}})
		if err != nil {
			return
		}
		assertWellFormedXML(t, out)
		var got decodedURLSet
		if err := xml.Unmarshal(out, &got); err != nil {
			t.Fatalf("decoding: %v", err)
		}
		if len(got.URLs) != 1 || len(got.URLs[0].Links) != 1 {
			t.Fatalf("decoded %+v, want one URL with one alternate", got)
		}
		u := got.URLs[0]
		if u.Loc != wantText(loc) || u.Links[0].Hreflang != wantText(lang) || u.Links[0].Href != wantText(href) {
			t.Errorf("decoded %q %q %q, want %q %q %q", u.Loc, u.Links[0].Hreflang, u.Links[0].Href, wantText(loc), wantText(lang), wantText(href))
		}
	})
}
