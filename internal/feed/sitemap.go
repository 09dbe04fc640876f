package feed

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// Limits from sitemaps.org: a sitemap or sitemap index lists at most 50,000
// URLs, weighs at most 50 MiB uncompressed, and each URL is under 2,048
// characters.
const (
	MaxSitemapURLs  = 50000
	MaxSitemapBytes = 50 << 20
	maxURLLength    = 2047
)

// URL is one page in a sitemap.
type URL struct {
	Loc     string
	LastMod time.Time // zero leaves lastmod out
	// Alternates are the page's language versions, hreflang alternates
	// including the URL itself and "x-default". Google wants the full set
	// on every version, so the caller passes the same list for each.
	Alternates []Alternate
}

// Alternate is one language version of a page.
type Alternate struct{ Hreflang, Href string }

const (
	nsSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"
	nsXHTML   = "http://www.w3.org/1999/xhtml"
)

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	NSXHTML string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string         `xml:"loc"`
	LastMod string         `xml:"lastmod,omitempty"`
	Links   []sitemapXLink `xml:"xhtml:link"`
}

type sitemapXLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type sitemapIndex struct {
	XMLName  xml.Name       `xml:"sitemapindex"`
	NS       string         `xml:"xmlns,attr"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Sitemap builds a <urlset> with xhtml:link hreflang alternates.
//
// More than MaxSitemapURLs URLs, or a document over MaxSitemapBytes, is a
// news.ETOOLARGE error: the caller splits the list and lists the parts in a
// SitemapIndex. Every Loc must be an absolute http or https URL on one host
// (sitemaps.org allows no other), each alternate an absolute URL with a
// hreflang that is "x-default" or shaped like a BCP 47 tag, and no hreflang
// may repeat within a URL; anything else is news.EINVALID naming the URL.
// An empty list gives an empty <urlset>, which search engines accept, rather
// than an error that would turn /sitemap.xml into a server error.
func Sitemap(urls []URL) ([]byte, error) {
	if len(urls) > MaxSitemapURLs {
		return nil, news.Errorf(news.ETOOLARGE, "sitemap: %d URLs is more than the %d one sitemap may list; split them", len(urls), MaxSitemapURLs)
	}
	doc := urlset{NS: nsSitemap, NSXHTML: nsXHTML, URLs: make([]sitemapURL, 0, len(urls))}
	host := ""
	for i, u := range urls {
		loc, err := sitemapLoc(u.Loc)
		if err != nil {
			return nil, news.Errorf(news.EINVALID, "sitemap: URL %d: %v", i, err)
		}
		h := hostOf(loc)
		if host == "" {
			host = h
		} else if h != host {
			return nil, news.Errorf(news.EINVALID, "sitemap: URL %d: %q is on %s, not %s; a sitemap covers one host", i, loc, h, host)
		}
		su := sitemapURL{Loc: loc}
		if err := checkTime("lastmod", u.LastMod); err != nil {
			return nil, news.Errorf(news.EINVALID, "sitemap: URL %d (%s): %v", i, loc, err)
		}
		if !u.LastMod.IsZero() {
			su.LastMod = u.LastMod.UTC().Format(rfc3339Time)
		}
		seen := make(map[string]bool, len(u.Alternates))
		for _, a := range u.Alternates {
			lang := cleanText(a.Hreflang)
			if !validHreflang(lang) {
				return nil, news.Errorf(news.EINVALID, "sitemap: URL %d (%s): hreflang %q is neither x-default nor a language tag", i, loc, a.Hreflang)
			}
			key := strings.ToLower(lang)
			if seen[key] {
				return nil, news.Errorf(news.EINVALID, "sitemap: URL %d (%s): hreflang %q is listed twice", i, loc, lang)
			}
			seen[key] = true
			href, err := sitemapLoc(a.Href)
			if err != nil {
				return nil, news.Errorf(news.EINVALID, "sitemap: URL %d (%s): alternate %q: %v", i, loc, lang, err)
			}
			su.Links = append(su.Links, sitemapXLink{Rel: "alternate", Hreflang: lang, Href: href})
		}
		doc.URLs = append(doc.URLs, su)
	}
	return sizedXML(doc, "sitemap")
}

// SitemapIndex builds a <sitemapindex> listing the sitemaps at locs, all
// last modified at lastMod (zero leaves lastmod out).
func SitemapIndex(locs []string, lastMod time.Time) ([]byte, error) {
	if len(locs) > MaxSitemapURLs {
		return nil, news.Errorf(news.ETOOLARGE, "sitemap index: %d sitemaps is more than the %d one index may list", len(locs), MaxSitemapURLs)
	}
	if err := checkTime("lastmod", lastMod); err != nil {
		return nil, news.Errorf(news.EINVALID, "sitemap index: %v", err)
	}
	mod := ""
	if !lastMod.IsZero() {
		mod = lastMod.UTC().Format(rfc3339Time)
	}
	doc := sitemapIndex{NS: nsSitemap, Sitemaps: make([]sitemapEntry, 0, len(locs))}
	for i, l := range locs {
		loc, err := sitemapLoc(l)
		if err != nil {
			return nil, news.Errorf(news.EINVALID, "sitemap index: sitemap %d: %v", i, err)
		}
		doc.Sitemaps = append(doc.Sitemaps, sitemapEntry{Loc: loc, LastMod: mod})
	}
	return sizedXML(doc, "sitemap index")
}

// sitemapLoc cleans and checks one URL of a sitemap.
func sitemapLoc(s string) (string, error) {
	loc := cleanText(s)
	if !isWebURL(loc) {
		return "", fmt.Errorf("%q is not an absolute http or https URL", truncate(s, 100))
	}
	if len(loc) > maxURLLength {
		return "", fmt.Errorf("%q… is %d characters long; sitemaps allow fewer than 2,048", truncate(loc, 100), len(loc))
	}
	return loc, nil
}

func hostOf(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

// validHreflang accepts "x-default" and anything shaped like a BCP 47 tag
// in practical use: a 2–3 letter language followed by subtags of 1–8
// letters or digits. Whether the language exists is the
// caller's business; the shape is what keeps the attribute meaningful.
func validHreflang(s string) bool {
	if strings.EqualFold(s, "x-default") {
		return true
	}
	parts := strings.Split(s, "-")
	first := parts[0]
	if len(first) < 2 || len(first) > 3 || !isAlnum(first, true) {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) < 1 || len(p) > 8 || !isAlnum(p, false) {
			return false
		}
	}
	return true
}

func isAlnum(s string, lettersOnly bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20 // ASCII lower case; digits are unchanged
		switch {
		case c >= 'a' && c <= 'z':
		case !lettersOnly && s[i] >= '0' && s[i] <= '9':
		default:
			return false
		}
	}
	return true
}

// sizedXML marshals a sitemap document and enforces the size limit.
func sizedXML(v any, what string) ([]byte, error) {
	b, err := marshalXML(v)
	if err != nil {
		return nil, err
	}
	if len(b) > MaxSitemapBytes {
		return nil, news.Errorf(news.ETOOLARGE, "%s: %d bytes is more than the %d one file may weigh; split it", what, len(b), MaxSitemapBytes)
	}
	return b, nil
}
