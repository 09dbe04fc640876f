package feed

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// Decoding targets written for the test, independent of the builder's
// types; they name the namespaces so a wrong one fails to decode.
type decodedURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

type decodedIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
}

func alternatesFor(path string) []Alternate {
	return []Alternate{
		{"en", "https://news.example" + path},
		{"fr", "https://news.example/fr" + path},
		{"pt-BR", "https://news.example/pt-BR" + path},
		{"x-default", "https://news.example" + path},
	}
}

func TestSitemapRoundTrip(t *testing.T) {
	urls := []URL{
		{Loc: "https://news.example/", LastMod: t0, Alternates: alternatesFor("/")},
		{Loc: "https://news.example/fr/articles/a?x=1&y=2", Alternates: alternatesFor("/articles/a?x=1&y=2")},
		{Loc: " https://news.example/tags/\x01caf\u00e9 ", LastMod: t0.Add(time.Hour)},
	}
	out, err := Sitemap(urls)
	if err != nil {
		t.Fatal(err)
	}
	assertWellFormedXML(t, out)
	var got decodedURLSet
	if err := xml.Unmarshal(out, &got); err != nil {
		t.Fatalf("decoding: %v\n%s", err, out)
	}
	if len(got.URLs) != len(urls) {
		t.Fatalf("got %d URLs, want %d", len(got.URLs), len(urls))
	}
	wantLocs := []string{"https://news.example/", "https://news.example/fr/articles/a?x=1&y=2", "https://news.example/tags/café"}
	wantMods := []string{"2024-03-05T13:30:15Z", "", "2024-03-05T14:30:15Z"}
	for i, u := range urls {
		g := got.URLs[i]
		t.Run(wantLocs[i], func(t *testing.T) {
			if g.Loc != wantLocs[i] {
				t.Errorf("loc = %q, want %q", g.Loc, wantLocs[i])
			}
			if g.LastMod != wantMods[i] {
				t.Errorf("lastmod = %q, want %q", g.LastMod, wantMods[i])
			}
			if len(g.Links) != len(u.Alternates) {
				t.Fatalf("got %d alternates, want %d", len(g.Links), len(u.Alternates))
			}
			for j, a := range u.Alternates {
				l := g.Links[j]
				if l.Rel != "alternate" || l.Hreflang != a.Hreflang || l.Href != a.Href {
					t.Errorf("alternate %d = %+v, want rel=alternate hreflang=%q href=%q", j, l, a.Hreflang, a.Href)
				}
			}
		})
	}
	if !strings.Contains(string(out), `xmlns:xhtml="http://www.w3.org/1999/xhtml"`) {
		t.Errorf("urlset does not declare the xhtml prefix")
	}
}

func TestSitemapLimit(t *testing.T) {
	urlsOf := func(n int) []URL {
		urls := make([]URL, n)
		for i := range urls {
			urls[i] = URL{Loc: fmt.Sprintf("https://news.example/articles/%d", i)}
		}
		return urls
	}
	t.Run("exactly the limit is accepted", func(t *testing.T) {
		out, err := Sitemap(urlsOf(MaxSitemapURLs))
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(out), "<url>"); n != MaxSitemapURLs {
			t.Errorf("got %d <url>, want %d", n, MaxSitemapURLs)
		}
	})
	t.Run("one more is too large", func(t *testing.T) {
		_, err := Sitemap(urlsOf(MaxSitemapURLs + 1))
		assertCode(t, err, news.ETOOLARGE)
		if !strings.Contains(news.ErrorMessage(err), "50001") {
			t.Errorf("message %q does not say how many URLs", news.ErrorMessage(err))
		}
	})
	t.Run("index over the limit is too large", func(t *testing.T) {
		locs := make([]string, MaxSitemapURLs+1)
		_, err := SitemapIndex(locs, time.Time{})
		assertCode(t, err, news.ETOOLARGE)
	})
}

func TestSitemapRejects(t *testing.T) {
	long := "https://news.example/" + strings.Repeat("a", 2048)
	tests := []struct {
		name     string
		url      URL
		mentions string
	}{
		{"relative loc", URL{Loc: "/articles/a"}, `"/articles/a" is not an absolute`},
		{"empty loc", URL{Loc: ""}, "is not an absolute"},
		{"loc of 2,048 characters or more", URL{Loc: long}, "fewer than 2,048"},
		{"another host", URL{Loc: "https://evil.example/a"}, "one host"},
		{"hreflang with a space", URL{Loc: "https://news.example/a", Alternates: []Alternate{{"en US", "https://news.example/a"}}}, `hreflang "en US"`},
		{"empty hreflang", URL{Loc: "https://news.example/a", Alternates: []Alternate{{"", "https://news.example/a"}}}, `hreflang ""`},
		{"one-letter language", URL{Loc: "https://news.example/a", Alternates: []Alternate{{"e", "https://news.example/a"}}}, `hreflang "e"`},
		{"hreflang listed twice", URL{Loc: "https://news.example/a", Alternates: []Alternate{{"fr", "https://news.example/fr/a"}, {"FR", "https://news.example/fr/b"}}}, "listed twice"},
		{"relative alternate", URL{Loc: "https://news.example/a", Alternates: []Alternate{{"fr", "/fr/a"}}}, `alternate "fr"`},
		{"lastmod beyond RFC 3339", URL{Loc: "https://news.example/a", LastMod: time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)}, "outside years"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			urls := []URL{{Loc: "https://news.example/"}, tt.url}
			out, err := Sitemap(urls)
			assertCode(t, err, news.EINVALID)
			if out != nil {
				t.Errorf("got a document with the error")
			}
			msg := news.ErrorMessage(err)
			if !strings.Contains(msg, tt.mentions) || !strings.Contains(msg, "URL 1") {
				t.Errorf("message %q does not name URL 1 and %q", msg, tt.mentions)
			}
		})
	}
}

func TestValidHreflang(t *testing.T) {
	tests := []struct {
		tag  string
		want bool
	}{
		{"en", true}, {"fil", true}, {"pt-BR", true}, {"zh-Hant-TW", true},
		{"es-419", true}, {"x-default", true}, {"X-Default", true},
		{"", false}, {"e", false}, {"english", false}, {"en_US", false},
		{"en-", false}, {"en--US", false}, {"en-toolongsubtag", false}, {"1a", false}, {"ün", false},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			if got := validHreflang(tt.tag); got != tt.want {
				t.Errorf("validHreflang(%q) = %v, want %v", tt.tag, got, tt.want)
			}
		})
	}
}

func TestSitemapIndex(t *testing.T) {
	locs := []string{"https://news.example/sitemap-1.xml", "https://news.example/sitemap-2.xml?lang=fr&page=2"}
	out, err := SitemapIndex(locs, t0)
	if err != nil {
		t.Fatal(err)
	}
	assertWellFormedXML(t, out)
	var got decodedIndex
	if err := xml.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Sitemaps) != len(locs) {
		t.Fatalf("got %d sitemaps, want %d", len(got.Sitemaps), len(locs))
	}
	for i, s := range got.Sitemaps {
		if s.Loc != locs[i] || s.LastMod != "2024-03-05T13:30:15Z" {
			t.Errorf("sitemap %d = %+v, want %s at 2024-03-05T13:30:15Z", i, s, locs[i])
		}
	}

	t.Run("bad loc", func(t *testing.T) {
		_, err := SitemapIndex([]string{"sitemap-1.xml"}, t0)
		assertCode(t, err, news.EINVALID)
	})
	t.Run("zero time leaves lastmod out", func(t *testing.T) {
		out, err := SitemapIndex(locs[:1], time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(out), "lastmod") {
			t.Errorf("lastmod written for a zero time:\n%s", out)
		}
	})
}
