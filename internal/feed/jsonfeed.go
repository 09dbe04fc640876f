package feed

import (
	"bytes"
	"encoding/json"

	"github.com/byline-news/byline/internal/news"
)

// JSONFeedVersion is the version URL a JSON Feed 1.1 document declares.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	FeedURL     string     `json:"feed_url"`
	Description string     `json:"description,omitempty"`
	Language    string     `json:"language,omitempty"`
	Items       []jsonItem `json:"items"`
}

type jsonItem struct {
	ID          string `json:"id"`
	URL         string `json:"url"`
	ExternalURL string `json:"external_url,omitempty"`
	Title       string `json:"title,omitempty"`
	Summary     string `json:"summary,omitempty"`
	ContentHTML string `json:"content_html,omitempty"`
	// ContentText is a pointer so that an empty text can still be present:
	// the spec requires content_html or content_text on every item.
	ContentText   *string      `json:"content_text,omitempty"`
	Image         string       `json:"image,omitempty"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified,omitempty"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
}

type jsonAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// JSONFeed builds a JSON Feed 1.1 document
// (https://www.jsonfeed.org/version/1.1/).
//
// Authors use the 1.1 authors array only; the deprecated author object is
// for 1.0 readers and new feeds should not write it. An item without HTML
// carries its summary as content_text, because every item must have one of
// the two. date_modified appears only when the item was updated after it
// was published. JSON's default escaping of <, > and & is kept, so the
// document is safe to embed in a page as well.
func JSONFeed(ch Channel, items []Item) ([]byte, error) {
	c, entries, err := prepare(ch, items)
	if err != nil {
		return nil, err
	}
	doc := jsonFeed{
		Version:     JSONFeedVersion,
		Title:       c.title,
		HomePageURL: c.siteURL,
		FeedURL:     c.feedURL,
		Description: c.description,
		Language:    c.language,
		Items:       make([]jsonItem, 0, len(entries)),
	}
	for _, e := range entries {
		it := jsonItem{
			ID:            e.id,
			URL:           e.url,
			ExternalURL:   e.externalURL,
			Title:         e.title,
			Summary:       e.summary,
			ContentHTML:   e.content,
			Image:         e.imageURL,
			DatePublished: e.published.Format(rfc3339Time),
			Tags:          e.tags,
		}
		if e.content == "" {
			text := e.summary
			it.ContentText = &text
		}
		if e.updated.After(e.published) {
			it.DateModified = e.updated.Format(rfc3339Time)
		}
		for _, a := range e.authors {
			it.Authors = append(it.Authors, jsonAuthor(a))
		}
		doc.Items = append(doc.Items, it)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, news.WrapError(news.EINTERNAL, err, "feed: cannot encode JSON")
	}
	return b.Bytes(), nil
}
