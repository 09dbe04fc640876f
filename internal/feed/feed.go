// Package feed builds the documents that syndicate the site: RSS 2.0, Atom
// 1.0 (RFC 4287), JSON Feed 1.1 and sitemaps (sitemaps.org, with hreflang
// alternates). The builders are pure: they take what the site's handlers
// already loaded and return bytes, so they need no HTTP and no database.
//
// All three feed formats are built from the same Channel and Items, and the
// same input rules apply to each, so the formats cannot drift apart:
//
//   - Every text is cleaned first: invalid UTF-8 becomes U+FFFD, characters
//     that XML 1.0 forbids (C0 controls other than tab, LF and CR, U+FFFE,
//     U+FFFF) are dropped, and so are the C1 controls and DEL, which XML 1.0
//     discourages and no reader displays. Leading and trailing white space
//     is trimmed. JSON could carry all of these, but the JSON feed is cleaned
//     the same way so that one article reads the same in every format.
//   - Channel.SiteURL, Channel.FeedURL and each Item.URL must be absolute
//     http or https URLs; Item.ID, when set, must be an absolute URI (the
//     article URL or a tag: URI) because Atom requires an IRI there; an empty
//     ID means the URL. Each item needs a Published time. Breaking one of
//     these is a bug in the caller and is reported as news.EINVALID.
//   - Optional links (image, external URL, author URL) that are not absolute
//     http or https URLs are left out instead of failing the whole feed:
//     they come from what editors typed, and one bad link should not take
//     every reader's feed down.
//   - Authors without a name and empty or repeated tags are left out.
//   - An item's Updated earlier than its Published (or zero) counts as
//     Published: a piece cannot change before it appears.
package feed

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/news"
)

// Channel describes the feed as a whole.
type Channel struct {
	Title       string
	Description string
	// SiteURL is the absolute home page URL of the feed's language or scope,
	// e.g. https://news.example/ or https://news.example/fr/.
	SiteURL string
	// FeedURL is the absolute URL of this feed document (the self link). It
	// is also the Atom feed id, being the one URL unique to each feed.
	FeedURL string
	// Language is a BCP 47 tag.
	Language string
	// Updated is used as the feed's update time when it is later than every
	// item's (an edited site name, say). Leave it zero to date the feed by
	// its newest item only; passing time.Now() would change the document on
	// every request and defeat caching.
	Updated   time.Time
	Generator string
}

// Item is one article as a feed shows it. The caller builds absolute URLs.
type Item struct {
	// ID is stable, e.g. the canonical article URL on this site; empty means
	// URL.
	ID    string
	URL   string
	Title string
	// Summary is plain text.
	Summary string
	// ContentHTML is the full sanitized body plus the attribution and
	// licence footer the site adds. It is copied, not sanitized, here.
	ContentHTML string
	Authors     []Author
	Tags        []string
	Published   time.Time
	Updated     time.Time
	ImageURL    string
	// ImageType is the image's MIME type, e.g. image/jpeg. RSS enclosures
	// require a type, so RSS leaves the image out when it is empty rather
	// than guess one from the file name; Atom and JSON Feed still carry it.
	ImageType string
	// ExternalURL is the original's URL for republished pieces.
	ExternalURL string
}

// Author is a person credited on an item.
type Author struct{ Name, URL string }

// entry is an Item after cleaning and validation: what every format writes.
type entry struct {
	id, url, title, summary, content string
	authors                          []Author
	tags                             []string
	published, updated               time.Time
	imageURL, imageType              string
	externalURL                      string
}

// channel is a Channel after cleaning and validation, with the feed's
// update time worked out from its items.
type channel struct {
	title, description, siteURL, feedURL, language, generator string
	// updated is zero only for a feed with no items and no Channel.Updated.
	updated time.Time
}

// prepare cleans and validates the input shared by the three feed formats.
func prepare(ch Channel, items []Item) (channel, []entry, error) {
	c := channel{
		title:       cleanText(ch.Title),
		description: cleanText(ch.Description),
		siteURL:     cleanText(ch.SiteURL),
		feedURL:     cleanText(ch.FeedURL),
		language:    cleanText(ch.Language),
		generator:   cleanText(ch.Generator),
	}
	if !isWebURL(c.siteURL) {
		return channel{}, nil, news.Errorf(news.EINVALID, "feed: site URL %q is not an absolute http or https URL", ch.SiteURL)
	}
	if !isWebURL(c.feedURL) {
		return channel{}, nil, news.Errorf(news.EINVALID, "feed: feed URL %q is not an absolute http or https URL", ch.FeedURL)
	}
	if err := checkTime("feed: updated", ch.Updated); err != nil {
		return channel{}, nil, news.Errorf(news.EINVALID, "%v", err)
	}
	if !ch.Updated.IsZero() {
		c.updated = ch.Updated.UTC()
	}

	entries := make([]entry, 0, len(items))
	for i, it := range items {
		e, err := prepareItem(it)
		if err != nil {
			return channel{}, nil, news.Errorf(news.EINVALID, "feed: item %d (%q): %v", i, truncate(it.Title, 60), err)
		}
		if e.updated.After(c.updated) {
			c.updated = e.updated
		}
		entries = append(entries, e)
	}
	return c, entries, nil
}

func prepareItem(it Item) (entry, error) {
	e := entry{
		id:          cleanText(it.ID),
		url:         cleanText(it.URL),
		title:       cleanText(it.Title),
		summary:     cleanText(it.Summary),
		content:     cleanText(it.ContentHTML),
		imageURL:    optionalURL(it.ImageURL),
		imageType:   cleanText(it.ImageType),
		externalURL: optionalURL(it.ExternalURL),
	}
	if !isWebURL(e.url) {
		return entry{}, fmt.Errorf("URL %q is not an absolute http or https URL", it.URL)
	}
	if e.id == "" {
		e.id = e.url
	}
	if !isAbsoluteURI(e.id) {
		return entry{}, fmt.Errorf("ID %q is not an absolute URI; use the article URL or a tag: URI", it.ID)
	}
	if it.Published.IsZero() {
		return entry{}, errors.New("published time is not set")
	}
	if err := checkTime("published", it.Published); err != nil {
		return entry{}, err
	}
	if err := checkTime("updated", it.Updated); err != nil {
		return entry{}, err
	}
	e.published = it.Published.UTC()
	e.updated = e.published
	if it.Updated.After(it.Published) {
		e.updated = it.Updated.UTC()
	}
	if e.imageURL == "" {
		e.imageType = ""
	}
	for _, a := range it.Authors {
		name := cleanText(a.Name)
		if name == "" {
			continue
		}
		e.authors = append(e.authors, Author{Name: name, URL: optionalURL(a.URL)})
	}
	seen := make(map[string]bool, len(it.Tags))
	for _, t := range it.Tags {
		t = cleanText(t)
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		e.tags = append(e.tags, t)
	}
	return e, nil
}

// cleanText makes s safe for any XML 1.0 or JSON text: invalid UTF-8
// becomes U+FFFD, characters XML forbids or discourages as controls are
// dropped (see the package comment), and the ends are trimmed.
func cleanText(s string) string {
	if isClean(s) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
			continue
		}
		if keepRune(r) {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// isClean is the fast path of cleanText: most text needs no rewriting.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !keepRune(r) {
			return false
		}
		i += size
	}
	return true
}

// keepRune reports whether r is allowed (XML 1.0 §2.2 Char) and not a
// control character.
func keepRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0x7f && r <= 0x9f:
		return false
	case r >= 0xd800 && r <= 0xdfff:
		return false
	case r == 0xfffe || r == 0xffff:
		return false
	}
	return r <= utf8.MaxRune
}

// truncate shortens s for error messages, on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// isWebURL reports whether s is an absolute http or https URL with a host.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// isAbsoluteURI reports whether s has a scheme and something after it, as
// Atom's id needs ("tag:news.example,2024:article-1", "https://…").
func isAbsoluteURI(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return false
	}
	return u.Opaque != "" || u.Host != "" || u.Path != ""
}

// optionalURL cleans s and returns it when it is an absolute http or https
// URL, and "" otherwise.
func optionalURL(s string) string {
	s = cleanText(s)
	if !isWebURL(s) {
		return ""
	}
	return s
}

// checkTime rejects times the date formats cannot write: RFC 3339 has
// four-digit years. The zero time passes; callers decide what it means.
func checkTime(what string, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return fmt.Errorf("%s time %s is outside years 1 to 9999", what, t.UTC().Format(time.RFC3339))
	}
	return nil
}

// Time layouts. RFC 1123 with a numeric zone is what RSS 2.0 asks for
// (RFC 822 with four-digit years); everything else uses RFC 3339. Times are
// written in UTC so that the same data always gives the same bytes.
const (
	rssTime     = time.RFC1123Z
	rfc3339Time = time.RFC3339
)
