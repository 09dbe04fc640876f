package demo

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/byline-news/byline/internal/ingest"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/render"
)

// shortMarker is the comment that marks the two short articles that the
// demo translates; it is how the lead's seeding and these tests find them.
const shortMarker = "# A SHORT ARTICLE"

type parsed struct {
	file  ArticleFile
	doc   ingest.Document
	short bool
}

// loadParsed loads the demo and parses every article with the importer's
// parser, exactly as seeding does.
func loadParsed(t *testing.T) (Content, []parsed) {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	var out []parsed
	for _, f := range c.Articles {
		doc, err := ingest.ParseMarkdown(f.Name, f.Data)
		if err != nil {
			t.Fatalf("ParseMarkdown(%s): %v", f.Name, err)
		}
		out = append(out, parsed{file: f, doc: doc, short: strings.Contains(string(f.Data), shortMarker)})
	}
	return c, out
}

func TestLoadShipsTheDemoContent(t *testing.T) {
	c, docs := loadParsed(t)

	if len(c.Articles) < 10 {
		t.Errorf("Load returned %d articles, want at least 10", len(c.Articles))
	}
	if !slices.IsSortedFunc(c.Articles, func(a, b ArticleFile) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("articles are not in a stable, sorted order")
	}
	if len(c.Authors) < 4 {
		t.Errorf("Load returned %d authors, want at least 4", len(c.Authors))
	}
	if !slices.ContainsFunc(c.Authors, func(a news.Author) bool { return a.Kind == news.KindOrganization }) {
		t.Error("no author is an organization")
	}

	var republished, withCanonical, featured, newsletter, notes, subtitles, twoAuthors, shorts int
	for _, p := range docs {
		d := p.doc
		if d.SourceName != "" && d.SourceURL != "" {
			republished++
		}
		if d.CanonicalURL != "" {
			withCanonical++
			if d.SourceURL == "" {
				t.Errorf("%s has a canonical URL but no source", p.file.Name)
			}
		}
		if d.Featured {
			featured++
		}
		if d.Newsletter {
			newsletter++
		}
		if d.NoteBefore != "" || d.NoteAfter != "" {
			notes++
		}
		if d.Subtitle != "" {
			subtitles++
		}
		if len(d.Authors) >= 2 {
			twoAuthors++
		}
		if p.short {
			shorts++
		}
	}
	for _, check := range []struct {
		what     string
		got, min int
		max      int
	}{
		{"republished articles with source name and URL", republished, 3, 10},
		{"articles with a canonical URL", withCanonical, 1, 3},
		{"featured articles", featured, 2, 2},
		{"newsletter articles", newsletter, 4, 6},
		{"articles with reader notes", notes, 2, 10},
		{"articles with a subtitle", subtitles, 7, 10},
		{"articles with two or more authors", twoAuthors, 1, 3},
		{"short articles marked for translation", shorts, 2, 2},
	} {
		if check.got < check.min || check.got > check.max {
			t.Errorf("%d %s, want %d to %d", check.got, check.what, check.min, check.max)
		}
	}
}

// TestDemoArticles checks each article on its own: what seeding relies on
// (image path, authors with profiles) and what the brief promises readers.
func TestDemoArticles(t *testing.T) {
	c, docs := loadParsed(t)
	profiles := map[string]news.Author{}
	for _, a := range c.Authors {
		profiles[a.Name] = a
	}
	first := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	slugs := map[string]bool{}
	for _, p := range docs {
		d := p.doc
		t.Run(path.Base(p.file.Name), func(t *testing.T) {
			if want := strings.TrimSuffix(path.Base(p.file.Name), ".md"); d.Slug != want {
				t.Errorf("slug %q, want the file name %q", d.Slug, want)
			}
			if slugs[d.Slug] {
				t.Errorf("slug %q used twice", d.Slug)
			}
			slugs[d.Slug] = true
			if want := "images/" + d.Slug + ".jpg"; d.Image.URL != want {
				t.Errorf("image %q, want %q (seeding generates it from the slug)", d.Image.URL, want)
			}
			if ImageSlug(d.Image.URL) != d.Slug {
				t.Errorf("ImageSlug(%q) = %q, want %q", d.Image.URL, ImageSlug(d.Image.URL), d.Slug)
			}
			if d.Image.Caption == "" || d.Image.Credit == "" || d.Image.Alt == "" {
				t.Errorf("image caption %q, credit %q, alt %q: all three are required", d.Image.Caption, d.Image.Credit, d.Image.Alt)
			}
			// The alt text describes the picture readers actually get.
			if name := planFor(d.Slug).comp.name; !strings.Contains(strings.ToLower(d.Image.Alt), name) {
				t.Errorf("alt text %q does not mention %q, the composition drawn for this slug", d.Image.Alt, name)
			}
			if len(d.Authors) == 0 {
				t.Error("no authors")
			}
			for _, a := range d.Authors {
				prof, ok := profiles[a.Name]
				if !ok {
					t.Errorf("author %q has no profile in authors.yaml", a.Name)
					continue
				}
				if a.Kind != "" && a.Kind != prof.Kind {
					t.Errorf("author %q is a %s here but a %s in authors.yaml", a.Name, a.Kind, prof.Kind)
				}
			}
			if d.Language != "en" || d.Status != news.StatusPublished {
				t.Errorf("language %q, status %q; want en, published", d.Language, d.Status)
			}
			if d.Date.Before(first) || !d.Date.Before(last) {
				t.Errorf("date %s is outside September 1 to November 24, 2026", d.Date)
			}
			if d.Title == "" || d.Summary == "" {
				t.Errorf("title %q, summary %q: both are required", d.Title, d.Summary)
			}
			if n := len(d.Tags); n < 2 || n > 4 {
				t.Errorf("%d tags %v, want 2 to 4", n, d.Tags)
			}
			lo, hi := 300, 700
			if p.short {
				lo, hi = 100, 200
			}
			if n := len(strings.Fields(d.Body)); n < lo || n > hi {
				t.Errorf("body has %d words, want %d to %d", n, lo, hi)
			}
		})
	}
}

func TestDemoAuthorsAreAllUsed(t *testing.T) {
	c, docs := loadParsed(t)
	used := map[string]int{}
	for _, p := range docs {
		for _, a := range p.doc.Authors {
			used[a.Name]++
		}
	}
	for _, a := range c.Authors {
		if used[a.Name] == 0 {
			t.Errorf("author %q has a profile but no article", a.Name)
		}
		// Articles name authors; publishing derives the slug of an author
		// it creates from the name, so both routes must agree.
		if want := render.Slugify(a.Name); a.Slug != want {
			t.Errorf("author %q has slug %q, want %q", a.Name, a.Slug, want)
		}
		if a.Bio == "" || a.Website == "" || len(a.Social) == 0 {
			t.Errorf("author %q lacks a bio, website or social links", a.Name)
		}
	}
}

// TestDemoMarkdownFeatures checks that the articles, together, show every
// Markdown feature the renderer supports, so the demo exercises them.
func TestDemoMarkdownFeatures(t *testing.T) {
	_, docs := loadParsed(t)
	features := []struct {
		name string
		re   *regexp.Regexp
	}{
		{"heading", regexp.MustCompile(`(?m)^## \S`)},
		{"blockquote", regexp.MustCompile(`(?m)^> "`)},
		{"bulleted list", regexp.MustCompile(`(?m)^- \S`)},
		{"numbered list", regexp.MustCompile(`(?m)^1\. \S`)},
		{"table", regexp.MustCompile(`(?m)^\| :?-+`)},
		{"link", regexp.MustCompile(`\]\(https://`)},
		{"emphasis", regexp.MustCompile(`(^|\s)\*[^*\s][^*]*\*`)},
		{"strong", regexp.MustCompile(`\*\*[^*]+\*\*`)},
		{"footnote", regexp.MustCompile(`(?m)^\[\^\w+\]:`)},
	}
	for _, f := range features {
		n := 0
		for _, p := range docs {
			if f.re.MatchString(p.doc.Body) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no article uses a %s", f.name)
		}
	}
}

// TestDemoLinksAreFictional keeps every outside address in the demo on the
// reserved example domains, so the demo never points readers at a real site.
func TestDemoLinksAreFictional(t *testing.T) {
	c, docs := loadParsed(t)
	var links []string
	urlRe := regexp.MustCompile(`https?://[^\s)\]>"]+`)
	for _, p := range docs {
		links = append(links, urlRe.FindAllString(string(p.file.Data), -1)...)
	}
	for _, a := range c.Authors {
		links = append(links, a.Website)
		for _, l := range a.Social {
			links = append(links, l.URL)
		}
	}
	for _, l := range c.Settings.Follow {
		if !strings.HasPrefix(l.URL, "/") {
			links = append(links, l.URL)
		}
	}
	if len(links) < 20 {
		t.Fatalf("found only %d links; the pattern is broken", len(links))
	}
	for _, l := range links {
		u, err := url.Parse(l)
		if err != nil {
			t.Errorf("%q: %v", l, err)
			continue
		}
		if !exampleHost(u.Hostname()) {
			t.Errorf("%q is not on example.org or example.net", l)
		}
	}
	emailRe := regexp.MustCompile(`[\w.+-]+@([\w-]+\.)+\w+`)
	for _, p := range docs {
		for _, m := range emailRe.FindAllString(string(p.file.Data), -1) {
			if _, domain, _ := strings.Cut(m, "@"); !exampleHost(domain) {
				t.Errorf("%s: the address %q is not on example.org or example.net", p.file.Name, m)
			}
		}
	}
}

func exampleHost(h string) bool {
	for _, d := range []string{"example.org", "example.net"} {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return false
}

func TestDemoSettings(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	s, def := c.Settings, news.DefaultSettings()
	if s.Name == def.Name || s.Tagline == def.Tagline || s.Licence == def.Licence {
		t.Errorf("name %q, tagline %q or licence left at the defaults", s.Name, s.Tagline)
	}
	if s.NoteBefore == "" || s.NoteAfter == "" || s.Disclaimer == "" || s.FairUse == "" {
		t.Error("a notice or reader note is empty")
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil {
		t.Errorf("time zone %q: %v", s.TimeZone, err)
	}
	var networks []string
	for _, l := range s.Follow {
		networks = append(networks, l.Network)
	}
	for _, want := range []string{"instagram", "x", "facebook", "telegram", "rss"} {
		if !slices.Contains(networks, want) {
			t.Errorf("no %s follow link in %v", want, networks)
		}
	}
	for _, addr := range []string{s.ContactEmail, s.MediaEmail, s.PermissionsEmail} {
		if _, domain, ok := strings.Cut(addr, "@"); !ok || !exampleHost(domain) {
			t.Errorf("address %q is not on example.org", addr)
		}
	}
}

func TestParseSettingsKeepsDefaults(t *testing.T) {
	s, err := parseSettings([]byte("name: Test Gazette\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := news.DefaultSettings()
	want.Name = "Test Gazette"
	if s.Name != want.Name || s.Disclaimer != want.Disclaimer || s.Licence != want.Licence ||
		s.TimeZone != want.TimeZone || s.Tagline != want.Tagline {
		t.Errorf("parseSettings = %+v, want the defaults with the name changed", s)
	}
}

func TestParseErrorsNameTheProblem(t *testing.T) {
	author := func(fields string) string {
		return "authors:\n  - name: Ana Ruiz\n    slug: ana-ruiz\n" + fields
	}
	tests := []struct {
		name  string
		parse func([]byte) error
		input string
		want  string
	}{
		{"authors: not YAML", parseAuthorsErr, "authors: [", "could not be read"},
		{"authors: unknown field", parseAuthorsErr, author("    twitter: x\n"), "twitter"},
		{"authors: none", parseAuthorsErr, "authors: []\n", "lists no authors"},
		{"authors: no name", parseAuthorsErr, "authors:\n  - slug: x\n", "Author 1 has no name"},
		{"authors: bad slug", parseAuthorsErr, "authors:\n  - name: A B\n    slug: A B\n", `slug "A B"`},
		{"authors: bad kind", parseAuthorsErr, author("    kind: robot\n"), `kind "robot"`},
		{"authors: bad website", parseAuthorsErr, author("    website: example.org\n"), "not an absolute http"},
		{"authors: bad social network", parseAuthorsErr, author("    social:\n      - network: X\n        url: https://x.example.net/a\n"), `network "X"`},
		{"authors: bad social URL", parseAuthorsErr, author("    social:\n      - network: x\n        url: ftp://a\n"), "x link"},
		{"authors: twice", parseAuthorsErr, author("  - name: Ana Ruiz\n    slug: ana-ruiz-2\n"), "listed twice"},
		{"authors: slug twice", parseAuthorsErr, author("  - name: Ana Ruíz\n    slug: ana-ruiz\n"), "belongs to two authors"},
		{"site: not YAML", parseSettingsErr, "name: [", "could not be read"},
		{"site: unknown field", parseSettingsErr, "nmae: X\n", "nmae"},
		{"site: bad email", parseSettingsErr, "media_email: media at example.org\n", `media address "media at example.org"`},
		{"site: bad follow URL", parseSettingsErr, "follow:\n  - network: x\n    url: x.example.net\n", "x follow link"},
		{"site: bad follow network", parseSettingsErr, "follow:\n  - network: ''\n    url: /feed.xml\n", "network"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse([]byte(tt.input))
			if err == nil {
				t.Fatalf("no error for %q", tt.input)
			}
			if news.ErrorCode(err) != news.EINVALID {
				t.Errorf("code %q, want %q", news.ErrorCode(err), news.EINVALID)
			}
			if msg := news.ErrorMessage(err); !strings.Contains(msg, tt.want) {
				t.Errorf("message %q does not contain %q", msg, tt.want)
			}
		})
	}
}

func parseAuthorsErr(b []byte) error  { _, err := parseAuthors(b); return err }
func parseSettingsErr(b []byte) error { _, err := parseSettings(b); return err }

func TestLoadBrokenTrees(t *testing.T) {
	good := fstest.MapFS{
		"content/a.md": {Data: []byte("---\ntitle: A\n---\nBody.\n")},
		"authors.yaml": {Data: []byte("authors:\n  - name: Ana Ruiz\n    slug: ana-ruiz\n")},
		"site.yaml":    {Data: []byte("name: Test Gazette\n")},
	}
	if _, err := load(good); err != nil {
		t.Fatalf("a minimal tree: %v", err)
	}
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"no articles", func(f fstest.MapFS) { delete(f, "content/a.md") }, "no articles"},
		{"no authors file", func(f fstest.MapFS) { delete(f, "authors.yaml") }, "authors.yaml"},
		{"broken authors file", func(f fstest.MapFS) { f["authors.yaml"] = &fstest.MapFile{Data: []byte("authors: 3\n")} }, "authors.yaml"},
		{"no site file", func(f fstest.MapFS) { delete(f, "site.yaml") }, "site.yaml"},
		{"broken site file", func(f fstest.MapFS) { f["site.yaml"] = &fstest.MapFile{Data: []byte("follow: 3\n")} }, "site.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range good {
				fsys[k] = v
			}
			tt.change(fsys)
			_, err := load(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("load: %v, want an error naming %q", err, tt.want)
			}
		})
	}
}

func TestImageSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"images/bridge.jpg", "bridge"},
		{"bridge.jpeg", "bridge"},
		{"a/b/c.d.png", "c.d"},
		{"https://cdn.example.org/images/bridge.jpg", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ImageSlug(tt.in); got != tt.want {
				t.Errorf("ImageSlug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzParseAuthors(f *testing.F) {
	seed, err := files.ReadFile("authors.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("authors:\n  - name: A\n    slug: a\n    kind: organization\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		authors, err := parseAuthors(data)
		if err != nil {
			if news.ErrorCode(err) != news.EINVALID {
				t.Fatalf("error %v has code %q, want %q", err, news.ErrorCode(err), news.EINVALID)
			}
			return
		}
		for _, a := range authors {
			if a.Name == "" || !validSlug(a.Slug) || !a.Kind.Valid() {
				t.Fatalf("accepted an invalid author %+v", a)
			}
		}
	})
}

func FuzzParseSettings(f *testing.F) {
	seed, err := files.ReadFile("site.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("name: X\nfollow:\n  - network: rss\n    url: /feed.xml\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parseSettings(data)
		if err != nil {
			if news.ErrorCode(err) != news.EINVALID {
				t.Fatalf("error %v has code %q, want %q", err, news.ErrorCode(err), news.EINVALID)
			}
			return
		}
		if s.Name == "" {
			t.Fatal("accepted settings with no name")
		}
		for _, l := range s.Follow {
			if l.Network == "" || l.URL == "" {
				t.Fatalf("accepted an empty follow link %+v", l)
			}
		}
	})
}
