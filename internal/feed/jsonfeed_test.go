package feed

import (
	"encoding/json"
	"regexp"
	"testing"

	jsonfeed "github.com/mmcdole/gofeed/json"
)

func TestJSONFeedRoundTrip(t *testing.T) {
	ch, items := testChannel(), testItems()
	out, err := JSONFeed(ch, items)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(out) {
		t.Fatalf("not valid JSON:\n%s", out)
	}
	f := parseFeed(t, out)
	raw := f.OriginalFeed().(*jsonfeed.Feed)

	t.Run("feed", func(t *testing.T) {
		if raw.Version != "https://jsonfeed.org/version/1.1" {
			t.Errorf("version = %q", raw.Version)
		}
		if raw.Title != ch.Title || raw.HomePageURL != ch.SiteURL || raw.FeedURL != ch.FeedURL || raw.Language != ch.Language || raw.Description != ch.Description {
			t.Errorf("feed = %q %q %q %q %q", raw.Title, raw.HomePageURL, raw.FeedURL, raw.Language, raw.Description)
		}
		if len(raw.Items) != len(items) {
			t.Fatalf("got %d items, want %d", len(raw.Items), len(items))
		}
	})

	for i, it := range items {
		got, ri := f.Items[i], raw.Items[i]
		t.Run(it.URL, func(t *testing.T) {
			wantID := it.ID
			if wantID == "" {
				wantID = it.URL
			}
			if ri.ID != wantID || ri.URL != it.URL || ri.ExternalURL != it.ExternalURL || ri.Image != it.ImageURL {
				t.Errorf("id, url, external_url, image = %q %q %q %q; want %q %q %q %q", ri.ID, ri.URL, ri.ExternalURL, ri.Image, wantID, it.URL, it.ExternalURL, it.ImageURL)
			}
			if want := wantText(it.Title); ri.Title != want {
				t.Errorf("title = %q, want %q", ri.Title, want)
			}
			if want := wantText(it.Summary); ri.Summary != want {
				t.Errorf("summary = %q, want %q", ri.Summary, want)
			}
			if want := wantText(it.ContentHTML); ri.ContentHTML != want {
				t.Errorf("content_html = %q, want %q", ri.ContentHTML, want)
			}
			assertTime(t, "date_published", got.PublishedParsed, it.Published)
			if it.Updated.After(it.Published) {
				assertTime(t, "date_modified", got.UpdatedParsed, it.Updated)
			} else if ri.DateModified != "" {
				t.Errorf("date_modified = %q for an item never updated after publication", ri.DateModified)
			}
			if ri.Author != nil {
				t.Errorf("deprecated author object is present: %+v", ri.Author)
			}
			var names, wantNames []string
			for _, a := range ri.Authors {
				names = append(names, a.Name)
			}
			for _, a := range it.Authors {
				if n := wantText(a.Name); n != "" {
					wantNames = append(wantNames, n)
				}
			}
			assertStrings(t, "authors", names, wantNames)
		})
	}
}

// Every item must carry content_html or content_text, even when empty.
func TestJSONFeedContentTextWithoutHTML(t *testing.T) {
	tests := []struct {
		name, summary, html string
		wantKey, wantValue  string
	}{
		{"HTML body", "S", "<p>B</p>", "content_html", "<p>B</p>"},
		{"summary only", "Just a summary", "", "content_text", "Just a summary"},
		{"nothing at all", "", "", "content_text", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := JSONFeed(testChannel(), []Item{{URL: "https://news.example/a", Title: "A", Summary: tt.summary, ContentHTML: tt.html, Published: t0}})
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Items []map[string]any `json:"items"`
			}
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			v, ok := doc.Items[0][tt.wantKey]
			if !ok || v != tt.wantValue {
				t.Errorf("%s = %v (present %v), want %q", tt.wantKey, v, ok, tt.wantValue)
			}
			if _, both := doc.Items[0]["content_html"]; both && tt.wantKey == "content_text" {
				t.Errorf("content_html is present with content_text")
			}
		})
	}
}

func TestJSONFeedHasNoControlEscapes(t *testing.T) {
	out, err := JSONFeed(testChannel(), testItems())
	if err != nil {
		t.Fatal(err)
	}
	// encoding/json writes a C0 control as \u00XX and DEL, C1 and U+FFFE
	// as they are; none should survive cleaning (tab, LF and CR inside text
	// are written as \t, \n and \r).
	if m := regexp.MustCompile(`(?i)\\u00[01][0-9a-f]`).Find(out); m != nil {
		t.Errorf("document contains the escape %s", m)
	}
	for i, r := range string(out) {
		if r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f || r == 0xfffe || r == 0xffff {
			t.Errorf("document has %U at byte %d", r, i)
		}
	}
}
