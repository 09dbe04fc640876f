package feed

import (
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/atom"
)

func TestAtomRoundTrip(t *testing.T) {
	ch, items := testChannel(), testItems()
	out, err := Atom(ch, items)
	if err != nil {
		t.Fatal(err)
	}
	assertWellFormedXML(t, out)
	f := parseFeed(t, out)
	raw := f.OriginalFeed().(*atom.Feed)

	t.Run("feed", func(t *testing.T) {
		if raw.ID != ch.FeedURL {
			t.Errorf("id = %q, want the feed URL %q", raw.ID, ch.FeedURL)
		}
		if f.Title != ch.Title || f.Description != ch.Description || f.Language != ch.Language {
			t.Errorf("title/subtitle/lang = %q %q %q, want %q %q %q", f.Title, f.Description, f.Language, ch.Title, ch.Description, ch.Language)
		}
		if f.Link != ch.SiteURL || f.FeedLink != ch.FeedURL {
			t.Errorf("alternate, self = %q, %q; want %q, %q", f.Link, f.FeedLink, ch.SiteURL, ch.FeedURL)
		}
		assertTime(t, "updated", f.UpdatedParsed, items[0].Updated)
		if raw.Generator == nil || raw.Generator.Value != ch.Generator {
			t.Errorf("generator = %+v, want %q", raw.Generator, ch.Generator)
		}
		// Item 1 has no author, so the site must stand in at feed level.
		if len(raw.Authors) != 1 || raw.Authors[0].Name != ch.Title || raw.Authors[0].URI != ch.SiteURL {
			t.Errorf("feed authors = %+v, want the site", raw.Authors)
		}
		if len(f.Items) != len(items) {
			t.Fatalf("got %d entries, want %d", len(f.Items), len(items))
		}
	})

	ids := map[string]bool{raw.ID: true}
	for i, it := range items {
		got, e := f.Items[i], raw.Entries[i]
		t.Run(it.URL, func(t *testing.T) {
			wantID := it.ID
			if wantID == "" {
				wantID = it.URL
			}
			if e.ID != wantID {
				t.Errorf("id = %q, want %q", e.ID, wantID)
			}
			if ids[e.ID] {
				t.Errorf("id %q is not unique in the feed", e.ID)
			}
			ids[e.ID] = true
			if want := wantText(it.Title); got.Title != want {
				t.Errorf("title = %q, want %q", got.Title, want)
			}
			if got.Link != it.URL {
				t.Errorf("alternate link = %q, want %q", got.Link, it.URL)
			}
			if want := wantText(it.Summary); got.Description != want {
				t.Errorf("summary = %q, want %q", got.Description, want)
			}
			if want := wantText(it.ContentHTML); got.Content != want {
				t.Errorf("content = %q, want %q", got.Content, want)
			}
			if it.ContentHTML != "" && (e.Content == nil || e.Content.Type != "html") {
				t.Errorf("content = %+v, want type html", e.Content)
			}
			if it.ContentHTML == "" && e.Content != nil {
				t.Errorf("content = %+v, want none for an empty body", e.Content)
			}
			assertTime(t, "published", e.PublishedParsed, it.Published)
			wantUpdated := it.Updated
			if !it.Updated.After(it.Published) {
				wantUpdated = it.Published
			}
			assertTime(t, "updated", e.UpdatedParsed, wantUpdated)
			var names, uris, wantNames, wantURIs []string
			for _, p := range e.Authors {
				names, uris = append(names, p.Name), append(uris, p.URI)
			}
			for _, a := range it.Authors {
				if n := wantText(a.Name); n != "" {
					wantNames = append(wantNames, n)
					uri := "" // the fixture's only bad author URL is "not a URL"
					if strings.HasPrefix(a.URL, "https://") {
						uri = a.URL
					}
					wantURIs = append(wantURIs, uri)
				}
			}
			assertStrings(t, "author names", names, wantNames)
			assertStrings(t, "author URIs", uris, wantURIs)
			rels := map[string]*atom.Link{}
			for _, l := range e.Links {
				rels[l.Rel] = l
			}
			if it.ExternalURL != "" && (rels["via"] == nil || rels["via"].Href != it.ExternalURL) {
				t.Errorf("via link = %+v, want %q", rels["via"], it.ExternalURL)
			}
			if it.ImageURL != "" && (rels["enclosure"] == nil || rels["enclosure"].Href != it.ImageURL || rels["enclosure"].Type != it.ImageType) {
				t.Errorf("enclosure link = %+v, want %q (%q)", rels["enclosure"], it.ImageURL, it.ImageType)
			}
		})
	}
}

func TestAtomFeedAuthor(t *testing.T) {
	withAuthor := Item{URL: "https://news.example/a", Title: "A", Published: t0, Authors: []Author{{Name: "Jo"}}}
	without := Item{URL: "https://news.example/b", Title: "B", Published: t0}
	tests := []struct {
		name  string
		items []Item
		want  int
	}{
		{"every entry has an author", []Item{withAuthor}, 0},
		{"one entry has none", []Item{withAuthor, without}, 1},
		{"no entries", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Atom(testChannel(), tt.items)
			if err != nil {
				t.Fatal(err)
			}
			raw := parseFeed(t, out).OriginalFeed().(*atom.Feed)
			if len(raw.Authors) != tt.want {
				t.Errorf("feed has %d authors, want %d", len(raw.Authors), tt.want)
			}
		})
	}
}

func TestAtomUpdated(t *testing.T) {
	item := Item{URL: "https://news.example/a", Title: "A", Published: t0, Updated: t0.Add(time.Hour)}
	tests := []struct {
		name    string
		channel time.Time
		items   []Item
		want    time.Time
	}{
		{"newest item wins over an older channel time", t0.Add(-time.Hour), []Item{item}, t0.Add(time.Hour)},
		{"a later channel time wins", t0.Add(5 * time.Hour), []Item{item}, t0.Add(5 * time.Hour)},
		{"no items uses the channel time", t0, nil, t0},
		{"nothing at all says the epoch", time.Time{}, nil, time.Unix(0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := testChannel()
			ch.Updated = tt.channel
			out, err := Atom(ch, tt.items)
			if err != nil {
				t.Fatal(err)
			}
			assertTime(t, "updated", parseFeed(t, out).UpdatedParsed, tt.want)
		})
	}
}
