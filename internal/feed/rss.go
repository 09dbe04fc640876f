package feed

import (
	"bytes"
	"encoding/xml"
	"html"

	"github.com/byline-news/byline/internal/news"
)

// Namespaces RSS borrows elements from.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
)

// encoding/xml cannot pick namespace prefixes itself, so the prefixed names
// are spelled out and the prefixes declared on the root element.
type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	NSAtom    string     `xml:"xmlns:atom,attr"`
	NSContent string     `xml:"xmlns:content,attr"`
	NSDC      string     `xml:"xmlns:dc,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	Generator     string    `xml:"generator,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	GUID        rssGUID       `xml:"guid"`
	Description string        `xml:"description,omitempty"`
	Content     string        `xml:"content:encoded,omitempty"`
	Creators    []string      `xml:"dc:creator"`
	Categories  []string      `xml:"category"`
	PubDate     string        `xml:"pubDate"`
	Enclosure   *rssEnclosure `xml:"enclosure"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length string `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

// RSS builds an RSS 2.0 document.
//
// Authors go in dc:creator, one element each, because RSS's own author
// element must hold an e-mail address. The summary goes in description as
// HTML-escaped text, since readers render description as HTML and a summary
// mentioning "<script>" must show those characters, not run them. The full
// HTML is in content:encoded. The image becomes an enclosure only when its
// MIME type is known (RSS requires one); its length is "0", which the RSS
// Advisory Board's profile allows when the size is unknown.
func RSS(ch Channel, items []Item) ([]byte, error) {
	c, entries, err := prepare(ch, items)
	if err != nil {
		return nil, err
	}
	doc := rssDoc{
		Version:   "2.0",
		NSAtom:    nsAtom,
		NSContent: nsContent,
		NSDC:      nsDC,
		Channel: rssChannel{
			Title:       c.title,
			Link:        c.siteURL,
			Description: c.description,
			Language:    c.language,
			Generator:   c.generator,
			Self:        atomLink{Rel: "self", Type: "application/rss+xml", Href: c.feedURL},
			Items:       make([]rssItem, 0, len(entries)),
		},
	}
	if !c.updated.IsZero() {
		doc.Channel.LastBuildDate = c.updated.Format(rssTime)
	}
	for _, e := range entries {
		it := rssItem{
			Title:       e.title,
			Link:        e.url,
			GUID:        rssGUID{IsPermaLink: isWebURL(e.id), Value: e.id},
			Description: html.EscapeString(e.summary),
			Content:     e.content,
			Categories:  e.tags,
			PubDate:     e.published.Format(rssTime),
		}
		for _, a := range e.authors {
			it.Creators = append(it.Creators, a.Name)
		}
		if e.imageURL != "" && e.imageType != "" {
			it.Enclosure = &rssEnclosure{URL: e.imageURL, Length: "0", Type: e.imageType}
		}
		doc.Channel.Items = append(doc.Channel.Items, it)
	}
	return marshalXML(doc)
}

// marshalXML writes v as an indented UTF-8 XML document.
func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, news.WrapError(news.EINTERNAL, err, "feed: cannot encode XML")
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
