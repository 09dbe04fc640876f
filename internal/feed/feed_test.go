package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"github.com/byline-news/byline/internal/news"
)

// Hostile text that articles may carry: markup, CDATA terminators, entity
// look-alikes, control characters, invalid UTF-8, emoji and right-to-left
// scripts with a bidi override.
const (
	textScript   = `<script>alert("x")</script> & 'quotes'`
	textCDATA    = `before ]]> middle <![CDATA[ after ]]>`
	textEntities = `Tom &amp; Jerry &copy; &#60;b&#62; &nbsp;`
	textControl  = "A\x00B\x01C\x08D\x0bE\x1fF\x7fG\u0085H\u009fI\ufffeJ\uffffK"
	textInvalid  = "bad \xff\xfe bytes \xc3"
	textEmoji    = "🗞️ Breaking 👩🏽‍💻 news"
	textRTL      = "مرحبا بالعالم \u202Eevil\u202C שלום"
	textPadded   = " \n\t padded\ttitle \r\n "
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain ASCII is unchanged", "Hello, world", "Hello, world"},
		{"markup is kept for the encoder to escape", textScript, textScript},
		{"C0, DEL, C1 and non-characters are dropped", textControl, "ABCDEFGHIJK"},
		{"tab, LF and CR inside are kept", "a\tb\nc\rd", "a\tb\nc\rd"},
		{"invalid UTF-8 becomes U+FFFD per byte", textInvalid, "bad \ufffd\ufffd bytes \ufffd"},
		{"emoji survive", textEmoji, textEmoji},
		{"RTL text and bidi controls survive", textRTL, textRTL},
		{"ends are trimmed", textPadded, "padded\ttitle"},
		{"a control-only string is empty", "\x00\x01\x02", ""},
		{"a control next to the edge space is trimmed too", "\x01 x \x02", "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanText(tt.in); got != tt.want {
				t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// wantText is the test's own statement of what a text becomes in a feed,
// written independently of cleanText: XML 1.0 characters minus controls,
// invalid bytes replaced, ends trimmed.
func wantText(s string) string {
	var b strings.Builder
	for _, r := range s { // an invalid byte ranges as one utf8.RuneError
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20, r >= 0x7f && r <= 0x9f, r == 0xfffe, r == 0xffff:
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

var (
	paris = time.FixedZone("CET", 3600)
	// Sub-second parts and a non-UTC zone: feeds write whole seconds in UTC.
	t0 = time.Date(2024, 3, 5, 14, 30, 15, 123456789, paris)
)

func testChannel() Channel {
	return Channel{
		Title:       "Le Journal & Co",
		Description: "Independent news <in> French",
		SiteURL:     "https://news.example/fr/",
		FeedURL:     "https://news.example/fr/feed.xml",
		Language:    "fr",
		Generator:   "Byline",
	}
}

// testItems covers a complete article, a hostile one with a tag: ID and no
// authors, and one whose Updated precedes Published.
func testItems() []Item {
	return []Item{
		{
			ID:          "https://news.example/fr/articles/budget",
			URL:         "https://news.example/fr/articles/budget",
			Title:       "Le budget adopté",
			Summary:     "Le parlement a voté.",
			ContentHTML: `<p>Le parlement a <em>voté</em>.</p><footer>Licence CC BY</footer>`,
			Authors: []Author{
				{Name: "Jeanne Dupont", URL: "https://news.example/fr/authors/jeanne"},
				{Name: "Ali Ben"},
			},
			Tags:        []string{"politique", "économie"},
			Published:   t0,
			Updated:     t0.Add(26 * time.Hour),
			ImageURL:    "https://news.example/media/budget.jpg",
			ImageType:   "image/jpeg",
			ExternalURL: "https://original.example/budget?a=1&b=2",
		},
		{
			ID:          "tag:news.example,2024:article-42",
			URL:         "https://news.example/fr/articles/hostile?x=1&y=<2>",
			Title:       textScript + " " + textCDATA + " " + textControl + " " + textEmoji + " " + textRTL,
			Summary:     textPadded + textScript + textEntities,
			ContentHTML: "<p>" + textCDATA + "</p>\n<p>" + textRTL + " " + textEmoji + "</p><script>alert(1)</script>" + textControl + textInvalid,
			Tags:        []string{textRTL, "", textEmoji, textRTL},
			Published:   t0.Add(-48 * time.Hour),
			ImageURL:    "https://news.example/media/x.bin",
		},
		{
			URL:       "https://news.example/fr/articles/brief",
			Title:     textPadded,
			Authors:   []Author{{Name: "  "}, {Name: textRTL, URL: "not a URL"}},
			Published: t0.Add(-72 * time.Hour),
			Updated:   t0.Add(-96 * time.Hour),
		},
	}
}

// parseFeed parses b with gofeed, keeping the format-specific original.
func parseFeed(t testing.TB, b []byte) *gofeed.Feed {
	t.Helper()
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	f, err := p.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gofeed cannot parse the document: %v\n%s", err, b)
	}
	return f
}

// assertWellFormedXML decodes every token with encoding/xml, which, unlike
// gofeed, rejects characters XML 1.0 forbids, and checks the bytes carry no
// control characters and only valid UTF-8.
func assertWellFormedXML(t testing.TB, b []byte) {
	t.Helper()
	if !utf8.Valid(b) {
		t.Fatalf("document is not valid UTF-8")
	}
	for i, r := range string(b) {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f {
			t.Fatalf("document has control character %U at byte %d", r, i)
		}
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("document is not well-formed XML: %v\n%s", err, b)
		}
	}
}

func assertCode(t testing.TB, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want code %q", code)
	}
	if got := news.ErrorCode(err); got != code {
		t.Fatalf("error code = %q, want %q (error: %v)", got, code, err)
	}
}

func assertTime(t testing.TB, what string, got *time.Time, want time.Time) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: not parsed, want %s", what, want)
		return
	}
	if w := want.Truncate(time.Second); !got.Equal(w) {
		t.Errorf("%s = %s, want %s", what, got, w)
	}
}

func assertStrings(t testing.TB, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// builders lets one test run against all three formats.
var builders = []struct {
	name  string
	build func(Channel, []Item) ([]byte, error)
}{
	{"RSS", RSS},
	{"Atom", Atom},
	{"JSONFeed", JSONFeed},
}

func TestBuildersRejectBadInput(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(*Channel, []Item)
		mentions string
	}{
		{"relative site URL", func(c *Channel, _ []Item) { c.SiteURL = "/fr/" }, "site URL"},
		{"missing feed URL", func(c *Channel, _ []Item) { c.FeedURL = "" }, "feed URL"},
		{"feed URL with another scheme", func(c *Channel, _ []Item) { c.FeedURL = "ftp://news.example/feed" }, "feed URL"},
		{"relative item URL", func(_ *Channel, it []Item) { it[1].URL = "/articles/x" }, "item 1"},
		{"ID that is not a URI", func(_ *Channel, it []Item) { it[0].ID = "42" }, `ID "42"`},
		{"unpublished item", func(_ *Channel, it []Item) { it[2].Published = time.Time{} }, "published time is not set"},
		{"year beyond RFC 3339", func(_ *Channel, it []Item) { it[0].Updated = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "outside years"},
		{"channel year beyond RFC 3339", func(c *Channel, _ []Item) { c.Updated = time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC) }, "outside years"},
	}
	for _, b := range builders {
		for _, tt := range tests {
			t.Run(b.name+"/"+tt.name, func(t *testing.T) {
				ch, items := testChannel(), testItems()
				tt.edit(&ch, items)
				out, err := b.build(ch, items)
				assertCode(t, err, news.EINVALID)
				if out != nil {
					t.Errorf("got %d bytes with the error, want none", len(out))
				}
				if msg := news.ErrorMessage(err); !strings.Contains(msg, tt.mentions) {
					t.Errorf("message %q does not mention %q", msg, tt.mentions)
				}
			})
		}
	}
}

func TestBuildersAcceptEmptyFeed(t *testing.T) {
	for _, b := range builders {
		t.Run(b.name, func(t *testing.T) {
			out, err := b.build(testChannel(), nil)
			if err != nil {
				t.Fatal(err)
			}
			f := parseFeed(t, out)
			if len(f.Items) != 0 {
				t.Errorf("got %d items, want 0", len(f.Items))
			}
			if f.Title != testChannel().Title {
				t.Errorf("title = %q, want %q", f.Title, testChannel().Title)
			}
		})
	}
}

// Optional links come from what editors typed; a bad one is dropped so the
// feed still serves.
func TestBuildersDropBadOptionalLinks(t *testing.T) {
	items := []Item{{
		URL:         "https://news.example/a",
		Title:       "A",
		Published:   t0,
		ImageURL:    "javascript:alert(1)",
		ImageType:   "image/png",
		ExternalURL: "not a url",
		Authors:     []Author{{Name: "Jo", URL: "data:text/html,<script>"}},
	}}
	for _, b := range builders {
		t.Run(b.name, func(t *testing.T) {
			out, err := b.build(testChannel(), items)
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []string{"javascript", "not a url", "data:text"} {
				if bytes.Contains(out, []byte(bad)) {
					t.Errorf("document contains %q:\n%s", bad, out)
				}
			}
			if f := parseFeed(t, out); len(f.Items) != 1 || len(f.Items[0].Authors) != 1 || f.Items[0].Authors[0].Name != "Jo" {
				t.Errorf("the author without a good URL was not kept by name: %+v", f.Items)
			}
		})
	}
}

// Every format must tell a reader the same thing about the same items.
func TestFormatsAgree(t *testing.T) {
	ch, items := testChannel(), testItems()
	var feeds []*gofeed.Feed
	for _, b := range builders {
		out, err := b.build(ch, items)
		if err != nil {
			t.Fatalf("%s: %v", b.name, err)
		}
		feeds = append(feeds, parseFeed(t, out))
	}
	for i := range items {
		for j, f := range feeds[1:] {
			a, b := feeds[0].Items[i], f.Items[i]
			name := builders[j+1].name
			if a.Title != b.Title || a.Link != b.Link || a.GUID != b.GUID || a.Content != b.Content {
				t.Errorf("item %d: RSS and %s differ:\nRSS: %q %q %q\n%s: %q %q %q", i, name, a.Title, a.Link, a.GUID, name, b.Title, b.Link, b.GUID)
			}
			assertStrings(t, "categories of "+name, b.Categories, a.Categories)
			if !a.PublishedParsed.Equal(*b.PublishedParsed) {
				t.Errorf("item %d: published differs: RSS %s, %s %s", i, a.PublishedParsed, name, b.PublishedParsed)
			}
		}
	}
}
