package feed

import (
	"bytes"
	"html"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/rss"
)

func TestRSSRoundTrip(t *testing.T) {
	ch, items := testChannel(), testItems()
	out, err := RSS(ch, items)
	if err != nil {
		t.Fatal(err)
	}
	assertWellFormedXML(t, out)
	f := parseFeed(t, out)
	raw := f.OriginalFeed().(*rss.Feed)

	t.Run("channel", func(t *testing.T) {
		if raw.Version != "2.0" {
			t.Errorf("version = %q, want 2.0", raw.Version)
		}
		if f.Title != ch.Title || f.Description != ch.Description || f.Language != ch.Language || f.Generator != ch.Generator {
			t.Errorf("channel = %q %q %q %q, want %q %q %q %q", f.Title, f.Description, f.Language, f.Generator, ch.Title, ch.Description, ch.Language, ch.Generator)
		}
		if f.Link != ch.SiteURL {
			t.Errorf("link = %q, want %q", f.Link, ch.SiteURL)
		}
		if f.FeedLink != ch.FeedURL {
			t.Errorf("atom:link self = %q, want %q", f.FeedLink, ch.FeedURL)
		}
		// The newest change is item 0's update, a day after it was published.
		assertTime(t, "lastBuildDate", f.UpdatedParsed, items[0].Updated)
		if len(f.Items) != len(items) {
			t.Fatalf("got %d items, want %d", len(f.Items), len(items))
		}
	})

	for i, it := range items {
		got, rawItem := f.Items[i], raw.Items[i]
		t.Run(it.URL, func(t *testing.T) {
			if want := wantText(it.Title); got.Title != want {
				t.Errorf("title = %q, want %q", got.Title, want)
			}
			if got.Link != wantText(it.URL) {
				t.Errorf("link = %q, want %q", got.Link, it.URL)
			}
			wantID := it.ID
			if wantID == "" {
				wantID = it.URL
			}
			if got.GUID != wantID {
				t.Errorf("guid = %q, want %q", got.GUID, wantID)
			}
			// description is HTML: the plain summary arrives escaped, so a
			// reader shows "<script>" instead of running it.
			if want := wantText(it.Summary); html.UnescapeString(got.Description) != want {
				t.Errorf("description unescaped = %q, want %q", html.UnescapeString(got.Description), want)
			}
			if want := wantText(it.ContentHTML); got.Content != want {
				t.Errorf("content:encoded = %q, want %q", got.Content, want)
			}
			assertTime(t, "pubDate", got.PublishedParsed, it.Published)
			var creators []string
			if got.DublinCoreExt != nil {
				creators = got.DublinCoreExt.Creator
			}
			var wantCreators []string
			for _, a := range it.Authors {
				if n := wantText(a.Name); n != "" {
					wantCreators = append(wantCreators, n)
				}
			}
			assertStrings(t, "dc:creator", creators, wantCreators)
			var wantTags []string
			seen := map[string]bool{}
			for _, tag := range it.Tags {
				if tag = wantText(tag); tag != "" && !seen[tag] {
					seen[tag] = true
					wantTags = append(wantTags, tag)
				}
			}
			assertStrings(t, "categories", got.Categories, wantTags)
			if rawItem.Author != "" {
				t.Errorf("author = %q; RSS author wants an e-mail, names belong in dc:creator", rawItem.Author)
			}
		})
	}
}

func TestRSSGUIDPermaLink(t *testing.T) {
	tests := []struct {
		name, id, want string
	}{
		{"the article URL is a permalink", "https://news.example/articles/a", "true"},
		{"an empty ID means the URL", "", "true"},
		{"a tag URI is not", "tag:news.example,2024:a", "false"},
		{"a URN is not", "urn:uuid:0d6ce2a6-5b2a-4c0e-b6f2-0b8c3f7a8f11", "false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := RSS(testChannel(), []Item{{ID: tt.id, URL: "https://news.example/articles/a", Title: "A", Published: t0}})
			if err != nil {
				t.Fatal(err)
			}
			raw := parseFeed(t, out).OriginalFeed().(*rss.Feed)
			if g := raw.Items[0].GUID; g == nil || g.IsPermalink != tt.want {
				t.Errorf("guid = %+v, want isPermaLink=%s", g, tt.want)
			}
		})
	}
}

func TestRSSEnclosure(t *testing.T) {
	tests := []struct {
		name, url, typ string
		want           bool
	}{
		{"known type gives an enclosure", "https://news.example/m/a.jpg", "image/jpeg", true},
		{"unknown type gives none", "https://news.example/m/a.jpg", "", false},
		{"no image gives none", "", "image/jpeg", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := RSS(testChannel(), []Item{{URL: "https://news.example/a", Title: "A", Published: t0, ImageURL: tt.url, ImageType: tt.typ}})
			if err != nil {
				t.Fatal(err)
			}
			encs := parseFeed(t, out).Items[0].Enclosures
			if !tt.want {
				if len(encs) != 0 {
					t.Errorf("enclosures = %+v, want none", encs[0])
				}
				return
			}
			if len(encs) != 1 {
				t.Fatalf("got %d enclosures, want 1", len(encs))
			}
			if e := encs[0]; e.URL != tt.url || e.Type != tt.typ || e.Length != "0" {
				t.Errorf("enclosure = %+v, want url %s type %s length 0", e, tt.url, tt.typ)
			}
		})
	}
}

func TestRSSDeclaresNamespaces(t *testing.T) {
	out, err := RSS(testChannel(), testItems())
	if err != nil {
		t.Fatal(err)
	}
	for _, ns := range []string{
		`xmlns:atom="http://www.w3.org/2005/Atom"`,
		`xmlns:content="http://purl.org/rss/1.0/modules/content/"`,
		`xmlns:dc="http://purl.org/dc/elements/1.1/"`,
	} {
		if !bytes.Contains(out, []byte(ns)) {
			t.Errorf("document lacks %s", ns)
		}
	}
	// RFC 1123 with a numeric zone, in UTC.
	want := "<pubDate>" + t0.UTC().Format("Mon, 02 Jan 2006 15:04:05 -0700") + "</pubDate>"
	if !bytes.Contains(out, []byte(want)) || !bytes.Contains(out, []byte("+0000</pubDate>")) {
		t.Errorf("document lacks %s", want)
	}
}

func BenchmarkRSS50(b *testing.B) {
	ch := testChannel()
	base := testItems()[0]
	items := make([]Item, 50)
	for i := range items {
		it := base
		it.URL = base.URL + "-" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		it.ID = it.URL
		it.Published = base.Published.Add(-time.Duration(i) * time.Hour)
		// A typical article body is a few kilobytes.
		it.ContentHTML = string(bytes.Repeat([]byte("<p>Un paragraphe d’article, avec des accents é à ü.</p>\n"), 60))
		items[i] = it
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RSS(ch, items); err != nil {
			b.Fatal(err)
		}
	}
}
