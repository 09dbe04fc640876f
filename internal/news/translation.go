package news

import (
	"context"
	"time"
)

// TranslationStatus is where an article stands in one language.
type TranslationStatus string

// The translation statuses shown to editors, per article and language.
const (
	// TranslationMissing: nothing stored for the language.
	TranslationMissing TranslationStatus = "missing"
	// TranslationMachine: every segment has a translation and at least
	// one came from a machine and was not reviewed by a person.
	TranslationMachine TranslationStatus = "machine"
	// TranslationReviewed: every segment was written or approved by a
	// person for the current source text.
	TranslationReviewed TranslationStatus = "reviewed"
	// TranslationStale: the source changed since the translation was
	// made, or a person's edit was made for a source segment that has
	// changed since.
	TranslationStale TranslationStatus = "stale"
)

// Translation is an article's reader-facing text in one language,
// assembled from its segments. Plain-text fields are plain text; the
// *HTML fields are sanitized HTML.
type Translation struct {
	ArticleID int64  `json:"article_id"`
	Lang      string `json:"lang"`

	Title          string `json:"title"`
	Subtitle       string `json:"subtitle,omitempty"`
	Summary        string `json:"summary,omitempty"`
	BodyHTML       string `json:"body_html"`
	ImageAlt       string `json:"image_alt,omitempty"`
	ImageCaption   string `json:"image_caption,omitempty"`
	ImageCredit    string `json:"image_credit,omitempty"`
	NoteBeforeHTML string `json:"note_before_html,omitempty"`
	NoteAfterHTML  string `json:"note_after_html,omitempty"`

	// SourceDigest identifies the source text the translation was made
	// from (a digest of all its source segments). When the article's
	// current digest differs, the translation is stale.
	SourceDigest string `json:"source_digest"`
	// Status is machine or reviewed as stored (stale is derived by
	// comparing digests and segment hashes).
	Status TranslationStatus `json:"status"`
	// Providers lists the engines that produced machine segments,
	// comma-separated ("apertium,deepl"); empty for human work only.
	Providers string    `json:"providers,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
}

// TranslationSegment is one unit of an article's text in one language:
// a title, a caption, one paragraph or list item of the body. Source
// holds the source text with inline markup replaced by placeholders
// (see internal/translate); Machine and Human the translations in the
// same form.
type TranslationSegment struct {
	ArticleID int64  `json:"article_id"`
	Lang      string `json:"lang"`
	// Key names the segment within the article: "title", "summary",
	// "body.0007", ...; Position orders segments for display.
	Key        string `json:"key"`
	Position   int    `json:"position"`
	Source     string `json:"source"`
	SourceHash string `json:"source_hash"`
	Machine    string `json:"machine,omitempty"`
	Provider   string `json:"provider,omitempty"`
	// Human is a person's translation; it wins over Machine while
	// HumanSourceHash equals SourceHash, and is stale otherwise.
	Human           string    `json:"human,omitempty"`
	HumanSourceHash string    `json:"human_source_hash,omitempty"`
	HumanBy         string    `json:"human_by,omitempty"`
	HumanAt         time.Time `json:"human_at,omitzero"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// HumanCurrent reports whether the segment has a person's translation
// made for its current source text.
func (s *TranslationSegment) HumanCurrent() bool {
	return s.Human != "" && s.HumanSourceHash == s.SourceHash
}

// Text is the segment's translation as readers see it: a current human
// edit, else the machine output, else "".
func (s *TranslationSegment) Text() string {
	if s.HumanCurrent() {
		return s.Human
	}
	return s.Machine
}

// MemoryEntry is one stored result of the translation memory, keyed by
// source language, target language and the hash of the normalized source
// segment.
type MemoryEntry struct {
	SourceLang string    `json:"source_lang"`
	TargetLang string    `json:"target_lang"`
	SourceHash string    `json:"source_hash"`
	Source     string    `json:"source"`
	Target     string    `json:"target"`
	Provider   string    `json:"provider"`
	Human      bool      `json:"human"`
	CreatedAt  time.Time `json:"created_at"`
}

// TranslationUsage is how many characters were sent to a provider on a
// day (UTC, "2006-01-02").
type TranslationUsage struct {
	Provider string `json:"provider"`
	Day      string `json:"day"`
	Chars    int64  `json:"chars"`
	Requests int64  `json:"requests"`
}

// TranslationStore is the persistence of translations; Store embeds it.
type TranslationStore interface {
	// LookupMemory returns the memory's entries for those source hashes
	// from src to dst, keyed by hash; hashes it lacks are absent.
	LookupMemory(ctx context.Context, src, dst string, hashes []string) (map[string]MemoryEntry, error)
	// SaveMemory inserts or replaces entries (same languages and hash).
	// A machine entry never replaces a human one.
	SaveMemory(ctx context.Context, entries []MemoryEntry) error

	// ArticleTranslation returns the article's translation into lang;
	// ENOTFOUND when there is none.
	ArticleTranslation(ctx context.Context, articleID int64, lang string) (Translation, error)
	// ArticleTranslationsIn returns the translations into lang of those
	// articles that have one, keyed by article ID (for lists and feeds).
	ArticleTranslationsIn(ctx context.Context, lang string, articleIDs []int64) (map[int64]Translation, error)
	// TranslationLanguages returns, by article, the languages those
	// articles have a stored translation into, sorted, without reading
	// the translations (for alternates and sitemaps).
	TranslationLanguages(ctx context.Context, articleIDs []int64) (map[int64][]string, error)
	// TranslationsOf returns every stored translation of the article, by
	// language.
	TranslationsOf(ctx context.Context, articleID int64) ([]Translation, error)
	// TranslationSegments returns the article's segments in lang in
	// Position order.
	TranslationSegments(ctx context.Context, articleID int64, lang string) ([]TranslationSegment, error)
	// SaveTranslation replaces the article's translation into t.Lang and
	// all its segments in one transaction, sets t.UpdatedAt, and counts
	// as a content change. An article that does not exist is ENOTFOUND.
	SaveTranslation(ctx context.Context, t *Translation, segments []TranslationSegment) error
	// DeleteTranslation removes the translation and its segments, a
	// content change when there was one; none is no error.
	DeleteTranslation(ctx context.Context, articleID int64, lang string) error

	// AddTranslationUsage adds chars and one request to the provider's
	// count for day.
	AddTranslationUsage(ctx context.Context, provider, day string, chars int64) error
	// TranslationUsageSince returns the counts from day on, newest day
	// first, then by provider.
	TranslationUsageSince(ctx context.Context, day string) ([]TranslationUsage, error)
}
