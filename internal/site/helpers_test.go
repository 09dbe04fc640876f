package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/urls"
)

const testBase = "https://bugle.example"

// fixture is a site over a seeded store: a person and an organization,
// two tags, settings with every notice, and articles in every state.
type fixture struct {
	t      *testing.T
	store  *store.Store
	render *render.Renderer
	site   *Site
	now    time.Time

	person, org           news.Author
	war, peace            news.Tag
	original, republished news.Article
	withNotes             news.Article
	draft, scheduled      news.Article
	futurePublished       news.Article
}

// testSettings fills every setting the pages show.
func testSettings() news.Settings {
	return news.Settings{
		Name:             "The Daily Bugle",
		Tagline:          "News without fear",
		LogoURL:          "/media/logo.png",
		TimeZone:         "Europe/Paris",
		Disclaimer:       "The views expressed are **the authors’ own**.",
		FairUse:          "This site contains copyrighted material used under *fair use*.",
		NoteBefore:       "Note to readers: please click the share buttons.",
		NoteAfter:        "Support independent journalism.",
		Follow:           []news.Link{{Network: "instagram", URL: "https://instagram.example/bugle"}, {Network: "twitter", URL: "https://x.example/bugle"}, {Network: "facebook", URL: "https://facebook.example/bugle"}},
		ContactEmail:     "desk@bugle.example",
		MediaEmail:       "press@bugle.example",
		PermissionsEmail: "rights@bugle.example",
		Licence:          "Community sites may cross-post this article with a **hyperlink to the original**.",
	}
}

func newFixture(t *testing.T, st *store.Store) *fixture {
	t.Helper()
	fx := &fixture{t: t, store: st, render: render.New(), now: time.Now().UTC().Truncate(time.Second)}
	ctx := t.Context()
	if err := st.SaveSettings(ctx, testSettings()); err != nil {
		t.Fatal(err)
	}
	fx.person = fx.createAuthor(news.Author{
		Slug: "jane-doe", Name: "Jane Doe", Kind: news.KindPerson,
		Bio:      "Jane covers diplomacy.\n\nShe lives in Geneva.",
		ImageURL: "https://img.example/jane.jpg", Website: "https://jane.example/",
		Social: []news.Link{{Network: "mastodon", URL: "https://social.example/@jane"}},
	})
	fx.org = fx.createAuthor(news.Author{Slug: "morning-star", Name: "Morning Star", Kind: news.KindOrganization, Bio: "A daily paper."})
	fx.war = fx.createTag("war", "War")
	fx.peace = fx.createTag("peace", "Peace")

	fx.original = fx.createArticle(news.Article{
		Slug: "talks-resume", Title: "Talks resume in Geneva", Subtitle: "Delegations meet again",
		Summary: "The delegations met again on Monday.",
		Body:    "The delegations **met again**.\n\n> “We are here to talk,” said the envoy.",
		Status:  news.StatusPublished, PublishedAt: fx.now.Add(-48 * time.Hour),
		UpdatedAt: fx.now.Add(-24 * time.Hour),
		Featured:  true,
		Image: news.Image{URL: "/media/geneva.jpg", Alt: "The palace of nations", Caption: "Featured image: the palace of nations.",
			Credit: "Mil.ru", Width: 1600, Height: 900},
		Authors: []news.Author{{ID: fx.person.ID}, {ID: fx.org.ID}},
		Tags:    []news.Tag{{ID: fx.war.ID}, {ID: fx.peace.ID}},
	})
	fx.republished = fx.createArticle(news.Article{
		Slug: "ceasefire-holds", Title: "Ceasefire holds", Body: "The ceasefire **holds**.",
		Status: news.StatusPublished, PublishedAt: fx.now.Add(-72 * time.Hour),
		SourceName: "Morning Star", SourceURL: "https://morningstar.example/ceasefire",
		CanonicalURL: "https://morningstar.example/ceasefire",
		Authors:      []news.Author{{ID: fx.org.ID}},
		Tags:         []news.Tag{{ID: fx.peace.ID}},
	})
	fx.withNotes = fx.createArticle(news.Article{
		Slug: "with-notes", Title: "An article with notes", Body: "Body with notes.",
		Status: news.StatusPublished, PublishedAt: fx.now.Add(-96 * time.Hour),
		NoteBefore: "Editor's note: *before*.", NoteAfter: "Editor's note: *after*.",
		Authors: []news.Author{{ID: fx.person.ID}},
	})
	fx.draft = fx.createArticle(news.Article{
		Slug: "secret-draft", Title: "Secret draft", Body: "Not yet.", Status: news.StatusDraft,
		Authors: []news.Author{{ID: fx.person.ID}}, Tags: []news.Tag{{ID: fx.war.ID}},
	})
	fx.scheduled = fx.createArticle(news.Article{
		Slug: "tomorrow-scheduled", Title: "Scheduled for tomorrow", Body: "Later.",
		Status: news.StatusScheduled, PublishedAt: fx.now.Add(48 * time.Hour),
		Authors: []news.Author{{ID: fx.person.ID}}, Tags: []news.Tag{{ID: fx.war.ID}},
	})
	fx.futurePublished = fx.createArticle(news.Article{
		Slug: "future-dated", Title: "Dated in the future", Body: "Later still.",
		Status: news.StatusPublished, PublishedAt: fx.now.Add(72 * time.Hour),
		Authors: []news.Author{{ID: fx.person.ID}}, Tags: []news.Tag{{ID: fx.war.ID}},
	})
	fx.site = fx.newSite()
	return fx
}

func (fx *fixture) newSite() *Site {
	fx.t.Helper()
	return fx.newSiteWith(nil)
}

// newSiteWith builds a site on the fixture's store with the clock now
// (nil for the real one).
func (fx *fixture) newSiteWith(now func() time.Time) *Site {
	fx.t.Helper()
	b, err := urls.New(testBase, "en")
	if err != nil {
		fx.t.Fatal(err)
	}
	s, err := New(Config{URLs: b, Languages: i18n.Default(), MediaDir: fx.t.TempDir(), Logger: testutil.Logger(fx.t), Now: now}, fx.store, fx.render)
	if err != nil {
		fx.t.Fatal(err)
	}
	return s
}

func (fx *fixture) createAuthor(a news.Author) news.Author {
	fx.t.Helper()
	if err := fx.store.CreateAuthor(fx.t.Context(), &a); err != nil {
		fx.t.Fatalf("create author %s: %v", a.Slug, err)
	}
	return a
}

func (fx *fixture) createTag(slug, name string) news.Tag {
	fx.t.Helper()
	tag := news.Tag{Slug: slug, Name: name}
	if err := fx.store.CreateTag(fx.t.Context(), &tag); err != nil {
		fx.t.Fatalf("create tag %s: %v", slug, err)
	}
	return tag
}

// createArticle stores a as the publishing service would: Markdown body
// and notes rendered and sanitized.
func (fx *fixture) createArticle(a news.Article) news.Article {
	fx.t.Helper()
	if a.Language == "" {
		a.Language = "en"
	}
	if a.Format == "" {
		a.Format = news.FormatMarkdown
	}
	var err error
	if a.BodyHTML, err = fx.render.Body(a.Format, a.Body); err != nil {
		fx.t.Fatal(err)
	}
	if a.NoteBeforeHTML, err = fx.render.Markdown(a.NoteBefore); err != nil {
		fx.t.Fatal(err)
	}
	if a.NoteAfterHTML, err = fx.render.Markdown(a.NoteAfter); err != nil {
		fx.t.Fatal(err)
	}
	if err := fx.store.CreateArticle(fx.t.Context(), &a, "test"); err != nil {
		fx.t.Fatalf("create article %s: %v", a.Slug, err)
	}
	return a
}

// get requests path from the site, with header pairs ("Name", "value").
func (fx *fixture) get(path string, header ...string) *httptest.ResponseRecorder {
	fx.t.Helper()
	return serve(fx.t, fx.site.Handler(), http.MethodGet, path, header...)
}

func serve(t *testing.T, h http.Handler, method, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// page requests path, requires status want and returns the body and its
// parsed document.
func (fx *fixture) page(path string, want int) (string, *html.Node) {
	fx.t.Helper()
	rec := fx.get(path)
	if rec.Code != want {
		fx.t.Fatalf("GET %s: status %d, want %d\n%.2000s", path, rec.Code, want, rec.Body.String())
	}
	body := rec.Body.String()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		fx.t.Fatalf("GET %s: parse: %v", path, err)
	}
	return body, doc
}

// findAll returns the elements under n that satisfy match, in order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// elements returns the elements named tag with every attribute pair given
// ("class", "x") present and equal.
func elements(n *html.Node, tag string, attrs ...string) []*html.Node {
	return findAll(n, func(e *html.Node) bool {
		if e.Data != tag {
			return false
		}
		for i := 0; i+1 < len(attrs); i += 2 {
			if v, ok := attrOf(e, attrs[i]); !ok || v != attrs[i+1] {
				return false
			}
		}
		return true
	})
}

// withClass returns the elements whose class list holds class.
func withClass(n *html.Node, class string) []*html.Node {
	return findAll(n, func(e *html.Node) bool {
		v, _ := attrOf(e, "class")
		for _, c := range strings.Fields(v) {
			if c == class {
				return true
			}
		}
		return false
	})
}

func attrOf(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func attr(n *html.Node, name string) string {
	v, _ := attrOf(n, name)
	return v
}

// textOf returns the text under n with white space collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// one requires exactly one node and returns it.
func one(t *testing.T, what string, nodes []*html.Node) *html.Node {
	t.Helper()
	if len(nodes) != 1 {
		t.Fatalf("%s: found %d, want 1", what, len(nodes))
	}
	return nodes[0]
}

func readAll(t *testing.T, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
