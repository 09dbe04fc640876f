package site

import (
	"encoding/xml"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestFeedsCarryPublicArticlesWithAttribution(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		tests := []struct {
			path, contentType, feedType string
		}{
			{"/feed.xml", "application/rss+xml; charset=utf-8", "rss"},
			{"/atom.xml", "application/atom+xml; charset=utf-8", "atom"},
			{"/feed.json", "application/feed+json; charset=utf-8", "json"},
		}
		for _, tt := range tests {
			t.Run(tt.feedType, func(t *testing.T) {
				rec := fx.get(tt.path)
				if rec.Code != 200 || rec.Header().Get("Content-Type") != tt.contentType {
					t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
				}
				f, err := gofeed.NewParser().ParseString(rec.Body.String())
				if err != nil {
					t.Fatalf("gofeed cannot parse: %v", err)
				}
				if f.FeedType != tt.feedType || f.Title != "The Daily Bugle" {
					t.Errorf("feed type %q title %q", f.FeedType, f.Title)
				}
				byLink := map[string]*gofeed.Item{}
				for _, it := range f.Items {
					byLink[it.Link] = it
				}
				if len(f.Items) != 3 {
					t.Errorf("%d items, want the 3 public articles", len(f.Items))
				}
				for _, slug := range []string{"secret-draft", "tomorrow-scheduled", "future-dated"} {
					if byLink[testBase+"/articles/"+slug] != nil {
						t.Errorf("feed carries unpublished %s", slug)
					}
				}
				rep := byLink[testBase+"/articles/ceasefire-holds"]
				if rep == nil {
					t.Fatal("the republished article is missing")
				}
				if !strings.Contains(rep.Content, `First published by <a href="https://morningstar.example/ceasefire">Morning Star</a>`) {
					t.Errorf("no attribution in %q", rep.Content)
				}
				if !strings.Contains(rep.Content, "The ceasefire <strong>holds</strong>") {
					t.Error("the full body is missing")
				}
				orig := byLink[testBase+"/articles/talks-resume"]
				if orig == nil {
					t.Fatal("the original article is missing")
				}
				if !strings.Contains(orig.Content, "Community sites may cross-post") {
					t.Error("the licence is not in the content")
				}
				if strings.Contains(orig.Content, "First published by") {
					t.Error("an original article carries a republication credit")
				}
				// gofeed keeps one of RSS's dc:creator elements.
				if len(orig.Authors) == 0 || orig.Authors[0].Name != "Jane Doe" ||
					(tt.feedType != "rss" && len(orig.Authors) != 2) {
					t.Errorf("authors %+v", orig.Authors)
				}
				if rec.Header().Get("ETag") == "" || rec.Header().Get("Last-Modified") == "" {
					t.Error("no validators")
				}
				again := fx.get(tt.path, "If-None-Match", rec.Header().Get("ETag"))
				if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
					t.Errorf("conditional GET: %d with %d bytes", again.Code, again.Body.Len())
				}
				since := fx.get(tt.path, "If-Modified-Since", rec.Header().Get("Last-Modified"))
				if since.Code != http.StatusNotModified {
					t.Errorf("If-Modified-Since: %d", since.Code)
				}
			})
		}
	})
}

func TestSitemapListsPublicPagesWithEveryLanguage(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		rec := fx.get("/sitemap.xml")
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/xml") {
			t.Fatalf("status %d type %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		var doc struct {
			URLs []struct {
				Loc     string `xml:"loc"`
				LastMod string `xml:"lastmod"`
				Links   []struct {
					Rel      string `xml:"rel,attr"`
					Hreflang string `xml:"hreflang,attr"`
					Href     string `xml:"href,attr"`
				} `xml:"http://www.w3.org/1999/xhtml link"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		locs := map[string]int{}
		for i, u := range doc.URLs {
			locs[u.Loc] = i
		}
		for _, p := range []string{"/", "/archive", "/articles/talks-resume", "/articles/ceasefire-holds", "/articles/with-notes",
			"/authors/jane-doe", "/authors/morning-star", "/tags/war", "/tags/peace",
			fx.original.PublishedAt.UTC().Format("/archive/2006/01")} {
			if _, ok := locs[testBase+p]; !ok {
				t.Errorf("sitemap lacks %s", p)
			}
		}
		for _, p := range []string{"/articles/secret-draft", "/articles/tomorrow-scheduled", "/articles/future-dated"} {
			if _, ok := locs[testBase+p]; ok {
				t.Errorf("sitemap lists unpublished %s", p)
			}
		}
		langs := i18n.Default().All()
		art := doc.URLs[locs[testBase+"/tags/war"]]
		if art.LastMod == "" {
			t.Error("no lastmod")
		}
		if len(art.Links) != len(langs)+1 {
			t.Fatalf("%d alternates, want %d languages + x-default", len(art.Links), len(langs))
		}
		hrefs := map[string]string{}
		for _, l := range art.Links {
			hrefs[l.Hreflang] = l.Href
		}
		for _, l := range langs {
			want := testBase + "/" + l.Code + "/tags/war"
			if l.Code == "en" {
				want = testBase + "/tags/war"
			}
			if hrefs[l.Code] != want {
				t.Errorf("alternate %s = %q, want %q", l.Code, hrefs[l.Code], want)
			}
		}
		if hrefs["x-default"] != testBase+"/tags/war" {
			t.Errorf("x-default %q", hrefs["x-default"])
		}
		// An article lists the languages it exists in: untranslated, its
		// own and x-default.
		talks := doc.URLs[locs[testBase+"/articles/talks-resume"]]
		if len(talks.Links) != 2 {
			t.Errorf("an untranslated article has %d alternates, want 2", len(talks.Links))
		}
	})
}

func TestLargeSiteGetsASitemapIndex(t *testing.T) {
	fx := newFixture(t, testutil.NewSQLiteStore(t))
	fx.site.sitemapChunk = 2 // the fixture has three public articles
	rec := fx.get("/sitemap.xml")
	var index struct {
		XMLName  xml.Name
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(rec.Body.Bytes(), &index); err != nil {
		t.Fatal(err)
	}
	var locs []string
	for _, sm := range index.Sitemaps {
		locs = append(locs, sm.Loc)
	}
	want := []string{testBase + "/sitemaps/pages.xml", testBase + "/sitemaps/articles-1.xml", testBase + "/sitemaps/articles-2.xml"}
	if index.XMLName.Local != "sitemapindex" || strings.Join(locs, " ") != strings.Join(want, " ") {
		t.Fatalf("index %s lists %q, want %q", index.XMLName.Local, locs, want)
	}
	seen := map[string]bool{}
	for _, loc := range want {
		rec := fx.get(strings.TrimPrefix(loc, testBase))
		if rec.Code != 200 {
			t.Fatalf("%s: %d", loc, rec.Code)
		}
		for _, m := range regexpLoc.FindAllStringSubmatch(rec.Body.String(), -1) {
			if seen[m[1]] {
				t.Errorf("%s is listed twice", m[1])
			}
			seen[m[1]] = true
		}
	}
	for _, p := range []string{"/", "/authors/jane-doe", "/articles/talks-resume", "/articles/ceasefire-holds", "/articles/with-notes"} {
		if !seen[testBase+p] {
			t.Errorf("no part lists %s", p)
		}
	}
	for _, p := range []string{"/sitemaps/articles-3.xml", "/sitemaps/articles-0.xml", "/sitemaps/articles-01.xml", "/sitemaps/other.xml"} {
		if rec := fx.get(p); rec.Code != 404 {
			t.Errorf("%s: %d, want 404", p, rec.Code)
		}
	}
}

var regexpLoc = regexp.MustCompile(`<loc>([^<]+)</loc>`)

func TestNewsletterPagePointsToTheFeeds(t *testing.T) {
	fx := newFixture(t, testutil.NewSQLiteStore(t))
	_, doc := fx.page("/newsletter", 200)
	if textOf(one(t, "h1", elements(doc, "h1"))) != "Daily Newsletter" {
		t.Error("heading")
	}
	list := one(t, "feed list", withClass(doc, "feed-list"))
	for _, href := range []string{"/feed.xml", "/atom.xml", "/feed.json"} {
		one(t, href, elements(list, "a", "href", href))
	}
}

func TestRobotsPointsAtTheSitemap(t *testing.T) {
	fx := newFixture(t, testutil.NewSQLiteStore(t))
	rec := fx.get("/robots.txt")
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, "User-agent: *\nAllow: /") || !strings.Contains(body, "Sitemap: "+testBase+"/sitemap.xml") {
		t.Errorf("robots.txt: %d %q", rec.Code, body)
	}
}
