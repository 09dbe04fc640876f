package site

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// cardTitles returns the titles of the article cards in doc, in order.
func cardTitles(doc *html.Node) []string {
	var out []string
	for _, c := range withClass(doc, "card-title") {
		out = append(out, textOf(c))
	}
	return out
}

func hasTitle(titles []string, title string) bool {
	for _, t := range titles {
		if t == title {
			return true
		}
	}
	return false
}

// unpublishedTitles are the fixture's articles readers must not see.
var unpublishedTitles = []string{"Secret draft", "Scheduled for tomorrow", "Dated in the future"}

func TestHomeLeadsWithFeaturedThenLatest(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		_, doc := fx.page("/", 200)
		leads := cardTitles(one(t, "leads", withClass(doc, "leads")))
		if strings.Join(leads, "|") != "Talks resume in Geneva" {
			t.Errorf("leads = %q, want the featured article", leads)
		}
		latest := cardTitles(one(t, "latest", withClass(doc, "latest")))
		want := []string{"Ceasefire holds", "An article with notes"}
		if strings.Join(latest, "|") != strings.Join(want, "|") {
			t.Errorf("latest = %q, want %q (newest first, lead not repeated)", latest, want)
		}
		for _, title := range unpublishedTitles {
			if hasTitle(append(leads, latest...), title) {
				t.Errorf("home lists unpublished %q", title)
			}
		}
		if textOf(one(t, "h1", elements(doc, "h1"))) != "The Daily Bugle" {
			t.Error("home h1 is not the site name")
		}
		// A republished card names its source.
		for _, c := range withClass(doc, "card") {
			if strings.Contains(textOf(c), "Ceasefire holds") && !strings.Contains(textOf(c), "first published by Morning Star") {
				t.Errorf("republished card %q does not name the source", textOf(c))
			}
		}
		fx.page("/?page=2", 404)
		fx.page("/?page=zero", 404)
	})
}

func TestAuthorPagePaginates(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		// Jane already has two public articles; 23 more make 25.
		for i := range 23 {
			fx.createArticle(news.Article{
				Slug: fmt.Sprintf("dispatch-%02d", i), Title: fmt.Sprintf("Dispatch %02d", i), Body: "Text.",
				Status: news.StatusPublished, PublishedAt: fx.now.Add(-time.Duration(100+i) * time.Hour),
				Authors: []news.Author{{ID: fx.person.ID}},
			})
		}
		_, doc := fx.page("/authors/jane-doe", 200)
		if got := textOf(one(t, "h1", elements(doc, "h1"))); got != "Articles by: Jane Doe" {
			t.Errorf("h1 %q", got)
		}
		if got := textOf(one(t, "title", elements(doc, "title"))); got != "Articles by: Jane Doe – The Daily Bugle" {
			t.Errorf("title %q", got)
		}
		profile := one(t, "profile", withClass(doc, "profile"))
		if ps := elements(profile, "p"); len(ps) != 2 || textOf(ps[1]) != "She lives in Geneva." {
			t.Errorf("bio paragraphs %d", len(ps))
		}
		if len(elements(profile, "img", "src", "https://img.example/jane.jpg")) != 1 {
			t.Error("no author image")
		}
		if len(elements(profile, "a", "href", "https://jane.example/")) != 1 || len(elements(profile, "a", "href", "https://social.example/@jane")) != 1 {
			t.Error("website or social link missing")
		}
		first := cardTitles(doc)
		if len(first) != perPage {
			t.Fatalf("page 1 lists %d, want %d", len(first), perPage)
		}
		if len(elements(doc, "link", "rel", "next", "href", "/authors/jane-doe?page=2")) != 1 {
			t.Error("no rel=next in the head")
		}
		if len(elements(doc, "link", "rel", "prev")) != 0 {
			t.Error("page 1 has rel=prev")
		}
		one(t, "next link", elements(one(t, "pagination", withClass(doc, "pagination")), "a", "rel", "next"))

		_, doc = fx.page("/authors/jane-doe?page=2", 200)
		second := cardTitles(doc)
		if len(second) != 5 {
			t.Errorf("page 2 lists %d, want 5", len(second))
		}
		for _, title := range second {
			if hasTitle(first, title) {
				t.Errorf("%q is on both pages", title)
			}
		}
		for _, title := range unpublishedTitles {
			if hasTitle(append(first, second...), title) {
				t.Errorf("author page lists unpublished %q", title)
			}
		}
		if len(elements(doc, "link", "rel", "prev", "href", "/authors/jane-doe")) != 1 || len(elements(doc, "link", "rel", "next")) != 0 {
			t.Error("page 2 prev/next links are wrong")
		}
		if c := one(t, "canonical", elements(doc, "link", "rel", "canonical")); attr(c, "href") != testBase+"/authors/jane-doe?page=2" {
			t.Errorf("canonical %q", attr(c, "href"))
		}
		fx.page("/authors/jane-doe?page=3", 404)
		fx.page("/authors/nobody", 404)

		// An organization's page works the same way.
		_, doc = fx.page("/authors/morning-star", 200)
		if textOf(one(t, "h1", elements(doc, "h1"))) != "Articles by: Morning Star" {
			t.Error("organization heading")
		}
	})
}

func TestTagAndArchivePages(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		_, doc := fx.page("/tags/war", 200)
		if got := cardTitles(doc); strings.Join(got, "|") != "Talks resume in Geneva" {
			t.Errorf("war tag lists %q (drafts and scheduled must not show)", got)
		}
		_, doc = fx.page("/tags/peace", 200)
		if got := cardTitles(doc); strings.Join(got, "|") != "Talks resume in Geneva|Ceasefire holds" {
			t.Errorf("peace tag lists %q", got)
		}
		fx.page("/tags/none", 404)

		_, doc = fx.page("/archive", 200)
		counts := map[string]int{}
		for _, a := range []*news.Article{&fx.original, &fx.republished, &fx.withNotes} {
			counts[a.PublishedAt.UTC().Format("/archive/2006/01")]++
		}
		links := findAll(one(t, "main", elements(doc, "main")), func(n *html.Node) bool {
			return n.Data == "a" && strings.HasPrefix(attr(n, "href"), "/archive/")
		})
		if len(links) != len(counts) {
			t.Fatalf("archive lists %d months, want %d", len(links), len(counts))
		}
		for _, l := range links {
			want, ok := counts[attr(l, "href")]
			if !ok || !strings.Contains(textOf(l.Parent), fmt.Sprintf("(%d)", want)) {
				t.Errorf("month %q: %q, want count %d", attr(l, "href"), textOf(l.Parent), want)
			}
		}

		month := fx.original.PublishedAt.UTC()
		_, doc = fx.page(month.Format("/archive/2006/01"), 200)
		if !hasTitle(cardTitles(doc), "Talks resume in Geneva") {
			t.Error("the month page lacks its article")
		}
		if got := textOf(one(t, "h1", elements(doc, "h1"))); got != "Articles from "+month.Format("January 2006") {
			t.Errorf("month heading %q", got)
		}
		for _, bad := range []string{"/archive/1999/01", "/archive/2026/13", "/archive/2026/1", "/archive/abcd/01", "/archive/"} {
			fx.page(bad, 404)
		}
	})
}

func TestSearchShowsTheQueryEscaped(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		_, doc := fx.page("/search", 200)
		input := one(t, "search input", elements(doc, "input", "id", "search-page-q"))
		one(t, "label", elements(doc, "label", "for", "search-page-q"))
		if attr(input, "value") != "" || len(withClass(doc, "card")) != 0 {
			t.Error("the empty search shows results")
		}

		_, doc = fx.page("/search?q=ceasefire", 200)
		if got := cardTitles(doc); strings.Join(got, "|") != "Ceasefire holds" {
			t.Errorf("results %q", got)
		}
		if attr(one(t, "input", elements(doc, "input", "id", "search-page-q")), "value") != "ceasefire" {
			t.Error("the query is not shown back in the box")
		}

		_, doc = fx.page("/search?q=later", 200)
		if got := cardTitles(doc); len(got) != 0 {
			t.Errorf("search finds unpublished articles: %q", got)
		}

		evil := `<script>alert(1)</script>"><img src=x onerror=alert(2)>`
		body, doc := fx.page("/search?q="+url.QueryEscape(evil), 200)
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Error("the query is echoed unescaped")
		}
		if got := textOf(one(t, "h1", elements(doc, "h1"))); got != "Search results for “"+evil+"”" {
			t.Errorf("heading %q does not show the query as text", got)
		}
		if attr(one(t, "input", elements(doc, "input", "id", "search-page-q")), "value") != evil {
			t.Error("the query is not kept verbatim in the box")
		}
		if !strings.Contains(body, `<meta name="robots" content="noindex">`) {
			t.Error("search results may be indexed")
		}
	})
}
