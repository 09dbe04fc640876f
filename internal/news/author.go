package news

import "time"

// AuthorKind tells a person from an organization; bylines and structured
// data (schema.org Person or Organization) differ between them.
type AuthorKind string

// The author kinds.
const (
	KindPerson       AuthorKind = "person"
	KindOrganization AuthorKind = "organization"
)

// Valid reports whether k is a known kind.
func (k AuthorKind) Valid() bool { return k == KindPerson || k == KindOrganization }

// Link is a labelled outside address, such as a social account.
type Link struct {
	// Network is a short lower-case name: "instagram", "x", "facebook",
	// "mastodon", "bluesky", "telegram", "youtube", "rss", "website".
	Network string `json:"network"`
	URL     string `json:"url"`
}

// Author is who an article is by: a person or an organization.
type Author struct {
	ID        int64      `json:"id"`
	Slug      string     `json:"slug"`
	Name      string     `json:"name"`
	Kind      AuthorKind `json:"kind"`
	Bio       string     `json:"bio,omitempty"`
	ImageURL  string     `json:"image_url,omitempty"`
	Website   string     `json:"website,omitempty"`
	Social    []Link     `json:"social,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
}

// AuthorFilter selects authors. Zero fields do not filter.
type AuthorFilter struct {
	Query  string
	Offset int
	Limit  int
}

// Tag is a topic articles are filed under.
type Tag struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}
