package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// base is the smallest valid document, to which cases add fields.
func base(t *testing.T, fields string) Document {
	t.Helper()
	return Document{
		Path: "a.md", Title: "T", Body: "Body.", Status: news.StatusPublished, Format: news.FormatMarkdown,
		BodyLine: 4 + strings.Count(fields, "\n"),
	}
}

func TestParseMarkdownFields(t *testing.T) {
	utc := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UTC()
	}
	tests := []struct {
		name   string
		fields string // front matter lines after "title: T"
		want   func(d *Document)
	}{
		{"defaults", "", func(d *Document) {}},
		{"subtitle slug summary", "subtitle: The  sub\nslug: my-story\nsummary: >\n  Two\n  lines\n",
			func(d *Document) { d.Subtitle, d.Slug, d.Summary = "The sub", "my-story", "Two lines" }},
		{"authors as one name", "authors: Jane Doe\n",
			func(d *Document) { d.Authors = []AuthorRef{{Name: "Jane Doe"}} }},
		{"authors as a list of names", "authors:\n  - Jane Doe\n  - John Roe\n",
			func(d *Document) { d.Authors = []AuthorRef{{Name: "Jane Doe"}, {Name: "John Roe"}} }},
		{"authors with kinds", "authors:\n  - name: Morning Star\n    kind: organization\n  - {name: Jane, kind: Person}\n  - Ann\n",
			func(d *Document) {
				d.Authors = []AuthorRef{{"Morning Star", news.KindOrganization}, {"Jane", news.KindPerson}, {"Ann", ""}}
			}},
		{"author as one map", "authors: {name: Reuters, kind: organization}\n",
			func(d *Document) { d.Authors = []AuthorRef{{"Reuters", news.KindOrganization}} }},
		{"tags comma separated", "tags: Politics, world news ,, politics\n",
			func(d *Document) { d.Tags = []string{"Politics", "world news"} }},
		{"tags as a list", "tags:\n  - Europe\n  - 2024\n  - Europe\n",
			func(d *Document) { d.Tags = []string{"Europe", "2024"} }},
		{"tags as a flow list", "tags: [a, b]\n", func(d *Document) { d.Tags = []string{"a", "b"} }},
		{"date only", "date: 2024-05-01\n", func(d *Document) { d.Date = utc("2024-05-01T00:00:00Z") }},
		{"date with minutes", "date: 2024-05-01 09:30\n", func(d *Document) { d.Date = utc("2024-05-01T09:30:00Z") }},
		{"date without zone", "date: 2024-05-01T09:30:15\n", func(d *Document) { d.Date = utc("2024-05-01T09:30:15Z") }},
		{"date RFC 3339 to UTC", "date: 2024-05-01T09:30:00+02:00\n", func(d *Document) { d.Date = utc("2024-05-01T07:30:00Z") }},
		{"date quoted", "date: \"2024-12-31T23:59:59Z\"\n", func(d *Document) { d.Date = utc("2024-12-31T23:59:59Z") }},
		{"date leap day", "date: 2024-02-29\n", func(d *Document) { d.Date = utc("2024-02-29T00:00:00Z") }},
		{"status draft", "status: draft\n", func(d *Document) { d.Status = news.StatusDraft }},
		{"status any case", "status: Published\n", func(d *Document) { d.Status = news.StatusPublished }},
		{"format html", "format: html\n", func(d *Document) { d.Format = news.FormatHTML }},
		{"language canonical", "language: pt-br\n", func(d *Document) { d.Language = "pt-BR" }},
		{"language script", "language: zh-Hant\n", func(d *Document) { d.Language = "zh-Hant" }},
		{"image fields", "image: images/war.jpg\nimage_alt: Ruins\nimage_caption: A town.\nimage_credit: \"Photo: Mil.ru\"\n",
			func(d *Document) {
				d.Image = news.Image{URL: "images/war.jpg", Alt: "Ruins", Caption: "A town.", Credit: "Photo: Mil.ru"}
			}},
		{"remote image", "image: https://cdn.example.com/a.jpg\n",
			func(d *Document) { d.Image.URL = "https://cdn.example.com/a.jpg" }},
		{"republished", "source_name: Morning Star\nsource_url: https://morningstaronline.co.uk/a/b\ncanonical_url: http://example.org/x?y=1\n",
			func(d *Document) {
				d.SourceName, d.SourceURL, d.CanonicalURL = "Morning Star", "https://morningstaronline.co.uk/a/b", "http://example.org/x?y=1"
			}},
		{"notes as text", "notes: \"Note to readers: **share**.\"\n",
			func(d *Document) { d.NoteBefore = "Note to readers: **share**." }},
		{"notes block keeps lines", "notes: |\n  Line one\n  line two\n",
			func(d *Document) { d.NoteBefore = "Line one\nline two" }},
		{"notes before and after", "notes:\n  before: Before.\n  after: After.\n",
			func(d *Document) { d.NoteBefore, d.NoteAfter = "Before.", "After." }},
		{"notes after only", "notes: {after: Bye}\n", func(d *Document) { d.NoteAfter = "Bye" }},
		{"booleans", "newsletter: true\nfeatured: yes\n", func(d *Document) { d.Newsletter, d.Featured = true, true }},
		{"booleans no", "newsletter: false\nfeatured: No\n", func(d *Document) {}},
		{"quoted booleans", "newsletter: \"true\"\nfeatured: 'false'\n", func(d *Document) { d.Newsletter = true }},
		{"empty values are unset", "subtitle:\nauthors:\ndate:\nnewsletter:\ntags: \"\"\n", func(d *Document) {}},
		{"anchor and alias", "source_url: &u https://example.com/a\ncanonical_url: *u\n",
			func(d *Document) { d.SourceURL, d.CanonicalURL = "https://example.com/a", "https://example.com/a" }},
		{"comments", "# the byline\nauthors: Jane # staff\n", func(d *Document) { d.Authors = []AuthorRef{{Name: "Jane"}} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: T\n" + tt.fields + "---\nBody.\n"
			got, err := ParseMarkdown("a.md", []byte(src))
			if err != nil {
				t.Fatalf("ParseMarkdown: %v\n%s", err, src)
			}
			want := base(t, tt.fields)
			tt.want(&want)
			got.imageLine = 0
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestParseMarkdownLayout(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		title    string
		body     string
		bodyLine int
	}{
		{"body right after", "---\ntitle: A\n---\n# Head\n\nText.\n", "A", "# Head\n\nText.", 4},
		{"blank lines before body", "---\ntitle: A\n---\n\n\n  \nText.\n\n\n", "A", "Text.", 7},
		{"indented code kept", "---\ntitle: A\n---\n\n    code\n", "A", "    code", 5},
		{"byte order mark and CRLF", "\uFEFF---\r\ntitle: A\r\n---\r\nOne\r\nTwo\r\n", "A", "One\nTwo", 4},
		{"closed by dots", "---\ntitle: A\n...\nText", "A", "Text", 4},
		{"delimiters with trailing blanks", "--- \ntitle: A\n---\t\nText", "A", "Text", 4},
		{"dashes later in body", "---\ntitle: A\n---\nOne\n\n---\n\nTwo", "A", "One\n\n---\n\nTwo", 4},
		{"title as a number", "---\ntitle: 1984\n---\nText", "1984", "Text", 4},
		{"title quoted with colon", "---\ntitle: \"Breaking: news\"\n---\nText", "Breaking: news", "Text", 4},
		{"title with unicode", "---\ntitle: Переговоры в Стамбуле\n---\nТекст", "Переговоры в Стамбуле", "Текст", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseMarkdown("a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != tt.title || d.Body != tt.body || d.BodyLine != tt.bodyLine {
				t.Errorf("got title %q body %q line %d; want %q %q %d", d.Title, d.Body, d.BodyLine, tt.title, tt.body, tt.bodyLine)
			}
		})
	}
}

func TestParseMarkdownErrors(t *testing.T) {
	big := "---\ntitle: T\n---\n\n" + strings.Repeat("word ", MaxBodyBytes/5+1)
	tests := []struct {
		name string
		src  string
		line int
		code string
		msg  string // a part of the message
	}{
		{"empty file", "", 1, news.EINVALID, "empty"},
		{"no front matter", "# Title\n\nText\n", 1, news.EINVALID, "must start with a line of three hyphens"},
		{"unterminated front matter", "---\ntitle: T\n\nText\n", 1, news.EINVALID, "never closed"},
		{"unterminated huge front matter", "---\n" + strings.Repeat("x: y\n", maxFrontMatterBytes/4), 1, news.ETOOLARGE, "not closed"},
		{"bad YAML", "---\ntitle: T\ntags: [a, b\n---\nx", 3, news.EINVALID, "invalid YAML"},
		{"unquoted colon", "---\ntitle: T\nsubtitle: Breaking: news\n---\nx", 3, news.EINVALID, "quotes"},
		{"duplicate field", "---\ntitle: T\nsubtitle: a\nsubtitle: b\n---\nx", 4, news.EINVALID, "already defined at line 3"},
		{"unknown field", "---\ntitle: T\nautors: Jane\n---\nx", 3, news.EINVALID, `"autors" (did you mean "authors"?)`},
		{"unknown field lists allowed", "---\ntitle: T\nweather: sunny\n---\nx", 3, news.EINVALID, "the fields are title, subtitle"},
		{"title as list", "---\ntitle: [a, b]\n---\nx", 2, news.EINVALID, "title must be text, not a list"},
		{"title as map", "---\ntitle:\n  a: b\n---\nx", 3, news.EINVALID, "title must be text, not a map"},
		{"newsletter maybe", "---\ntitle: T\nnewsletter: \"maybe\"\n---\nx", 3, news.EINVALID, "newsletter must be true or false"},
		{"featured number", "---\ntitle: T\nfeatured: 1\n---\nx", 3, news.EINVALID, "featured must be true or false, not a number"},
		{"date number", "---\ntitle: T\ndate: 12\n---\nx", 3, news.EINVALID, "date must be a date"},
		{"date invalid day", "---\ntitle: T\nlanguage: en\ndate: 2024-02-30\n---\nx", 4, news.EINVALID, "not a real date: day out of range"},
		{"date not leap", "---\ntitle: T\ndate: 2023-02-29\n---\nx", 3, news.EINVALID, "not a real date"},
		{"date misspelt", "---\ntitle: T\ndate: 1 May 2024\n---\nx", 3, news.EINVALID, "write it as 2024-05-01"},
		{"missing title", "---\nauthors: Jane\n---\nx", 1, news.EINVALID, "no title"},
		{"blank title", "---\ntitle: \"  \"\n---\nx", 1, news.EINVALID, "no title"},
		{"empty front matter", "---\n---\nx", 1, news.EINVALID, "no title"},
		{"empty body", "---\ntitle: T\n---\n", 4, news.EINVALID, "no body"},
		{"blank body", "---\ntitle: T\nsubtitle: S\n---\n\n  \n\n", 5, news.EINVALID, "no body"},
		{"oversized body", big, 5, news.ETOOLARGE, "larger than the 10 MB limit"},
		{"image javascript", "---\ntitle: T\nimage: javascript:alert(1)\n---\nx", 3, news.EINVALID, "javascript: scheme"},
		{"image data", "---\ntitle: T\nimage: \"data:image/png;base64,AAAA\"\n---\nx", 3, news.EINVALID, "data: scheme"},
		{"image file", "---\ntitle: T\nimage: file:///etc/passwd\n---\nx", 3, news.EINVALID, "file: scheme"},
		{"image protocol relative", "---\ntitle: T\nimage: //cdn.example.com/a.jpg\n---\nx", 3, news.EINVALID, "https://"},
		{"source url relative", "---\ntitle: T\nsource_url: /news/a\n---\nx", 3, news.EINVALID, "source_url \"/news/a\" must be a full web address"},
		{"canonical url ftp", "---\ntitle: T\ncanonical_url: ftp://example.com/a\n---\nx", 3, news.EINVALID, "canonical_url"},
		{"canonical url without host", "---\ntitle: T\ncanonical_url: https:///a\n---\nx", 3, news.EINVALID, "full web address"},
		{"language word", "---\ntitle: T\nlanguage: english\n---\nx", 3, news.EINVALID, "not a BCP 47 language tag"},
		{"language garbage", "---\ntitle: T\nlanguage: e1\n---\nx", 3, news.EINVALID, "not a BCP 47 language tag"},
		{"status unknown", "---\ntitle: T\nstatus: archived\n---\nx", 3, news.EINVALID, "status must be draft or published"},
		{"format unknown", "---\ntitle: T\nformat: rst\n---\nx", 3, news.EINVALID, "format must be markdown or html"},
		{"slug not a slug", "---\ntitle: T\nslug: My Story\n---\nx", 3, news.EINVALID, `try "my-story"`},
		{"author kind unknown", "---\ntitle: T\nauthors:\n  - name: X\n    kind: robot\n---\nx", 5, news.EINVALID, "person or organization"},
		{"author without name", "---\ntitle: T\nauthors:\n  - Jane\n  - kind: person\n---\nx", 5, news.EINVALID, "needs a name"},
		{"author unknown field", "---\ntitle: T\nauthors:\n  - name: X\n    email: x@y\n---\nx", 5, news.EINVALID, "unknown author field \"email\""},
		{"author as list", "---\ntitle: T\nauthors:\n  - [a, b]\n---\nx", 4, news.EINVALID, "an author must be a name"},
		{"author twice", "---\ntitle: T\nauthors:\n  - Jane\n  - jane\n---\nx", 5, news.EINVALID, "already listed on line 4"},
		{"tags as map", "---\ntitle: T\ntags: {a: b}\n---\nx", 3, news.EINVALID, "tags must be a list"},
		{"tag as list", "---\ntitle: T\ntags:\n  - ok\n  - [no]\n---\nx", 5, news.EINVALID, "a tag must be text"},
		{"notes unknown field", "---\ntitle: T\nnotes:\n  before: a\n  during: b\n---\nx", 5, news.EINVALID, "unknown notes field"},
		{"notes as list", "---\ntitle: T\nnotes: [a]\n---\nx", 3, news.EINVALID, "notes must be text"},
		{"front matter is a list", "---\n- title\n---\nx", 2, news.EINVALID, "\"field: value\" lines"},
		{"front matter is text", "---\njust words\n---\nx", 2, news.EINVALID, "\"field: value\" lines"},
		{"alias without anchor", "---\ntitle: *nothing\n---\nx", 2, news.EINVALID, "refers to no anchor"},
		{"title too long", "---\ntitle: " + strings.Repeat("a", 301) + "\n---\nx", 2, news.EINVALID, "limit is 300"},
		{"deep nesting", "---\ntitle: T\ntags: " + strings.Repeat("[", 100) + "\n---\nx", 3, news.EINVALID, "nests"},
		{"invalid UTF-8", "---\ntitle: T\nsubtitle: \xff\n---\nx", 3, news.EINVALID, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMarkdown("dir/a.md", []byte(tt.src))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got error %v (%T), want a *ParseError", err, err)
			}
			if pe.Line != tt.line {
				t.Errorf("line %d, want %d: %v", pe.Line, tt.line, err)
			}
			if pe.Path != "dir/a.md" {
				t.Errorf("path %q", pe.Path)
			}
			if !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", pe.Msg, tt.msg)
			}
			if got := news.ErrorCode(err); got != tt.code {
				t.Errorf("code %q, want %q", got, tt.code)
			}
		})
	}
}

func TestParseErrorFormat(t *testing.T) {
	tests := []struct {
		err  *ParseError
		want string
	}{
		{&ParseError{Path: "a.md", Line: 3, Column: 7, Msg: "bad"}, "a.md:3:7: bad"},
		{&ParseError{Path: "a.md", Line: 3, Msg: "bad"}, "a.md:3: bad"},
		{&ParseError{Line: 1, Msg: "bad"}, "1: bad"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			var ne *news.Error
			if !errors.As(error(tt.err), &ne) {
				t.Fatal("errors.As to *news.Error failed")
			}
			if ne.Code != news.EINVALID || ne.Message != tt.want {
				t.Errorf("news.Error = %q %q", ne.Code, ne.Message)
			}
		})
	}
}

func TestResolveImage(t *testing.T) {
	dir := t.TempDir()
	mdPath := filepath.Join(dir, "posts", "a.md")
	tests := []struct {
		name   string
		image  string
		remote string
		local  string
		line   int // of the error; 0 for success
	}{
		{"none", "", "", "", 0},
		{"https", "https://cdn.example.com/a.jpg?w=1", "https://cdn.example.com/a.jpg?w=1", "", 0},
		{"http upper case", "HTTP://example.com/a.jpg", "HTTP://example.com/a.jpg", "", 0},
		{"relative", "images/a.jpg", "", filepath.Join(dir, "posts", "images", "a.jpg"), 0},
		{"dot relative", "./a.jpg", "", filepath.Join(dir, "posts", "a.jpg"), 0},
		{"parent", "../shared/a.jpg", "", filepath.Join(dir, "shared", "a.jpg"), 0},
		{"absolute", "/srv/pics/a.jpg", "", "/srv/pics/a.jpg", 0},
		{"javascript", "javascript:alert(1)", "", "", 3},
		{"file", "file:///etc/passwd", "", "", 3},
		{"data", "data:image/png;base64,AAAA", "", "", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// ParseMarkdown refuses bad schemes itself, so documents with
			// them are built by hand, as an API caller might.
			doc := Document{Path: mdPath, Image: news.Image{URL: tt.image}, imageLine: 3}
			remote, local, err := ResolveImage(doc)
			if tt.line > 0 {
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Line != tt.line || !strings.Contains(pe.Msg, "image") {
					t.Fatalf("got %v, want a ParseError about the image on line %d", err, tt.line)
				}
				if remote != "" || local != "" {
					t.Errorf("got %q %q with an error", remote, local)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if remote != tt.remote || local != tt.local {
				t.Errorf("got (%q, %q), want (%q, %q)", remote, local, tt.remote, tt.local)
			}
		})
	}
}

func TestResolveImageFromParsedFile(t *testing.T) {
	// The fixture names an image next to it; the line of the image field
	// travels from the parser to ResolveImage.
	path := filepath.Join("testdata", "full.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ParseMarkdown(path, data)
	if err != nil {
		t.Fatal(err)
	}
	_, local, err := ResolveImage(doc)
	if err != nil {
		t.Fatal(err)
	}
	wantDir, _ := filepath.Abs("testdata")
	if local != filepath.Join(wantDir, "images", "harbour.jpg") {
		t.Errorf("local path %q", local)
	}
	if doc.imageLine != 12 {
		t.Errorf("image line %d, want 12", doc.imageLine)
	}
	if len(doc.Authors) != 2 || doc.Authors[1].Kind != news.KindOrganization || len(doc.Tags) != 3 ||
		doc.NoteAfter == "" || !doc.Newsletter || doc.Language != "en" || doc.BodyLine != 26 {
		t.Errorf("fixture parsed as %+v", doc)
	}
}
