package feed

import (
	"encoding/xml"
	"net/url"
	"time"
)

type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Subtitle  *atomText   `xml:"subtitle"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    *atomPerson `xml:"author"`
	Generator string      `xml:"generator,omitempty"`
	Entries   []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Summary    *atomText      `xml:"summary"`
	Content    *atomText      `xml:"content"`
	Categories []atomCategory `xml:"category"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// Atom builds an Atom 1.0 (RFC 4287) document.
//
// The feed id is the feed URL and each entry's id the item's ID (the article
// URL unless the caller gave a tag: URI). The feed's updated time is its
// newest item's, or Channel.Updated when later; a feed with neither has no
// honest date, so it says 1970-01-01T00:00:00Z rather than leave out an
// element RFC 4287 requires. When some entry has no author, the feed names
// the site itself (its title and home page) as author, as §4.1.1 requires.
func Atom(ch Channel, items []Item) ([]byte, error) {
	c, entries, err := prepare(ch, items)
	if err != nil {
		return nil, err
	}
	updated := c.updated
	if updated.IsZero() {
		updated = time.Unix(0, 0).UTC()
	}
	doc := atomFeed{
		Lang:    c.language,
		ID:      c.feedURL,
		Title:   atomText{Type: "text", Value: c.title},
		Updated: updated.Format(rfc3339Time),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: c.feedURL},
			{Rel: "alternate", Type: "text/html", Href: c.siteURL},
		},
		Generator: c.generator,
		Entries:   make([]atomEntry, 0, len(entries)),
	}
	if c.description != "" {
		doc.Subtitle = &atomText{Type: "text", Value: c.description}
	}
	for _, e := range entries {
		if len(e.authors) == 0 && doc.Author == nil {
			doc.Author = &atomPerson{Name: siteName(c), URI: c.siteURL}
		}
		doc.Entries = append(doc.Entries, atomEntryOf(e))
	}
	return marshalXML(doc)
}

func atomEntryOf(e entry) atomEntry {
	ae := atomEntry{
		ID:        e.id,
		Title:     atomText{Type: "text", Value: e.title},
		Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: e.url}},
		Published: e.published.Format(rfc3339Time),
		Updated:   e.updated.Format(rfc3339Time),
	}
	if e.externalURL != "" {
		// "via": the source the republished piece was taken from.
		ae.Links = append(ae.Links, atomLink{Rel: "via", Type: "text/html", Href: e.externalURL})
	}
	if e.imageURL != "" {
		ae.Links = append(ae.Links, atomLink{Rel: "enclosure", Type: e.imageType, Href: e.imageURL})
	}
	for _, a := range e.authors {
		ae.Authors = append(ae.Authors, atomPerson{Name: a.Name, URI: a.URL})
	}
	if e.summary != "" {
		ae.Summary = &atomText{Type: "text", Value: e.summary}
	}
	if e.content != "" {
		ae.Content = &atomText{Type: "html", Value: e.content}
	}
	for _, t := range e.tags {
		ae.Categories = append(ae.Categories, atomCategory{Term: t})
	}
	return ae
}

// siteName is the name a feed gives itself as author: its title, or its
// host when it has none.
func siteName(c channel) string {
	if c.title != "" {
		return c.title
	}
	if u, err := url.Parse(c.siteURL); err == nil {
		return u.Host
	}
	return c.siteURL
}
