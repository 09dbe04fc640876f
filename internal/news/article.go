package news

import "time"

// Status is where an article stands in its life.
type Status string

// The article statuses.
const (
	StatusDraft     Status = "draft"
	StatusScheduled Status = "scheduled"
	StatusPublished Status = "published"
)

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusDraft, StatusScheduled, StatusPublished:
		return true
	}
	return false
}

// BodyFormat is the format the body was written in.
type BodyFormat string

// The body formats. HTML bodies are sanitized like rendered Markdown.
const (
	FormatMarkdown BodyFormat = "markdown"
	FormatHTML     BodyFormat = "html"
)

// Valid reports whether f is one of the known formats.
func (f BodyFormat) Valid() bool { return f == FormatMarkdown || f == FormatHTML }

// Image is a picture with the words that go with it.
type Image struct {
	URL     string `json:"url"`
	Alt     string `json:"alt,omitempty"`
	Caption string `json:"caption,omitempty"`
	Credit  string `json:"credit,omitempty"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
}

// IsZero reports whether the image is unset.
func (i Image) IsZero() bool { return i.URL == "" }

// Article is one piece of reporting, original or republished.
//
// Text fields other than the Body are plain text, except the notes, which
// are Markdown in NoteBefore/NoteAfter and sanitized HTML in the *HTML
// fields. BodyHTML is always the sanitized rendering of Body.
type Article struct {
	ID       int64      `json:"id"`
	Slug     string     `json:"slug"`
	Title    string     `json:"title"`
	Subtitle string     `json:"subtitle,omitempty"`
	Summary  string     `json:"summary,omitempty"`
	Language string     `json:"language"`
	Format   BodyFormat `json:"format"`
	Body     string     `json:"body"`
	BodyHTML string     `json:"body_html"`
	Status   Status     `json:"status"`

	// PublishedAt is the publication time of a published article and the
	// planned time of a scheduled one; zero for drafts never published.
	PublishedAt time.Time `json:"published_at,omitzero"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`

	Image Image `json:"image,omitzero"`

	// A republished piece names where it first appeared. CanonicalURL, when
	// set, is the URL search engines should treat as the original.
	SourceName   string `json:"source_name,omitempty"`
	SourceURL    string `json:"source_url,omitempty"`
	CanonicalURL string `json:"canonical_url,omitempty"`

	NoteBefore     string `json:"note_before,omitempty"`
	NoteAfter      string `json:"note_after,omitempty"`
	NoteBeforeHTML string `json:"note_before_html,omitempty"`
	NoteAfterHTML  string `json:"note_after_html,omitempty"`

	// Newsletter marks the article as selected for the daily newsletter.
	Newsletter bool `json:"newsletter"`
	// Featured puts the article in the home page's lead slots.
	Featured bool `json:"featured"`

	Authors []Author `json:"authors"`
	Tags    []Tag    `json:"tags"`

	// CreatedBy is the user who created the article, 0 for imports and
	// API writes made before ownership was recorded. It decides what
	// contributors and authors may change (see policy.go).
	CreatedBy int64 `json:"created_by,omitempty"`
}

// IsRepublished reports whether the article first appeared elsewhere.
func (a *Article) IsRepublished() bool { return a.SourceName != "" || a.SourceURL != "" }

// IsPublic reports whether readers may see the article at now.
func (a *Article) IsPublic(now time.Time) bool {
	return a.Status == StatusPublished && !a.PublishedAt.After(now)
}

// Revision is a saved state of an article. Snapshot holds the article as it
// was after the save, without its revisions.
type Revision struct {
	ID        int64     `json:"id"`
	ArticleID int64     `json:"article_id"`
	CreatedAt time.Time `json:"created_at"`
	// Editor is the user who saved, or a process name such as "import".
	Editor   string  `json:"editor"`
	Snapshot Article `json:"snapshot"`
}

// ArticleFilter selects articles. Zero fields do not filter.
type ArticleFilter struct {
	IDs      []int64
	Slug     string
	Status   Status
	AuthorID int64
	TagID    int64
	Language string
	// PublicAt, when set, keeps only articles published at or before it.
	PublicAt time.Time
	// Year and Month (both set) keep articles published in that month, UTC.
	Year, Month int
	Featured    *bool
	Newsletter  *bool
	// Query matches words in the title, subtitle, summary and body text.
	Query string
	// Since keeps articles published at or after it.
	Since time.Time
	// Order is "published_desc" (default), "updated_desc" or "created_desc".
	Order  string
	Offset int
	Limit  int
}

// MonthCount is one month of the archive and how many articles it holds.
type MonthCount struct {
	Year  int `json:"year"`
	Month int `json:"month"`
	Count int `json:"count"`
}
