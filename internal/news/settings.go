package news

// Settings are the site-wide settings editors change in the admin.
// Text notices are Markdown; they are rendered and sanitized when shown.
type Settings struct {
	Name     string `json:"name"`
	Tagline  string `json:"tagline"`
	LogoURL  string `json:"logo_url"`
	TimeZone string `json:"time_zone"`

	Disclaimer string `json:"disclaimer"`
	FairUse    string `json:"fair_use"`
	// Reader notes shown on every article before and after its body.
	NoteBefore string `json:"note_before"`
	NoteAfter  string `json:"note_after"`

	Follow []Link `json:"follow"`

	ContactEmail     string `json:"contact_email"`
	MediaEmail       string `json:"media_email"`
	PermissionsEmail string `json:"permissions_email"`

	// Licence is the republication licence shown on every article.
	Licence string `json:"licence"`

	// Translation routes each language to its engines and mode.
	Translation TranslationSettings `json:"translation"`
}

// DefaultSettings are the settings of a new site.
func DefaultSettings() Settings {
	return Settings{
		Name:     "Byline",
		Tagline:  "Independent news",
		TimeZone: "UTC",
		Disclaimer: "The views, opinions and authors expressed in each article are " +
			"solely those of the author(s) and do not necessarily reflect those of this site.",
		FairUse: "This site contains copyrighted material the use of which has not always " +
			"been specifically authorized by the copyright owner. We make such material " +
			"available to advance understanding of political, economic and social issues, " +
			"which we believe constitutes fair use of copyrighted material.",
		Licence: "Community sites may cross-post this article as long as the source and " +
			"copyright are acknowledged together with a hyperlink to the original. " +
			"For publication in print or other forms, including commercial internet sites, " +
			"ask for permission.",
	}
}

// TranslationSettings say how each language gets its translations.
type TranslationSettings struct {
	// Default applies to every language without its own entry.
	Default LanguageRoute `json:"default"`
	// Languages holds per-language overrides, keyed by language code.
	Languages map[string]LanguageRoute `json:"languages,omitempty"`
	// Glossary lists terms the engines must not translate, or must
	// translate one fixed way.
	Glossary []GlossaryTerm `json:"glossary,omitempty"`
}

// Translation modes.
const (
	// ModeEager translates on publish, as jobs on the queue.
	ModeEager = "eager"
	// ModeOnRequest translates when a reader first asks for the page,
	// serving the original with a notice until the job is done.
	ModeOnRequest = "on_request"
	// ModeOff never asks an engine; only people translate.
	ModeOff = "off"
)

// LanguageRoute is one language's mode and its engines in order of
// preference ("apertium", "libretranslate", "deepl", "google", "openai",
// "human"); the next is tried when one lacks the pair or fails.
type LanguageRoute struct {
	Mode      string   `json:"mode,omitempty"`
	Providers []string `json:"providers,omitempty"`
}

// GlossaryTerm is a term kept as written (Fixed empty) or translated to
// Fixed[lang] in a language.
type GlossaryTerm struct {
	Term  string            `json:"term"`
	Fixed map[string]string `json:"fixed,omitempty"`
}

// Route returns the route of lang: its own entry, else the default, with
// the mode defaulting to on_request.
func (t TranslationSettings) Route(lang string) LanguageRoute {
	r, ok := t.Languages[lang]
	if !ok {
		r = t.Default
	} else if len(r.Providers) == 0 {
		r.Providers = t.Default.Providers
	}
	if r.Mode == "" {
		r.Mode = t.Default.Mode
	}
	if r.Mode == "" {
		r.Mode = ModeOnRequest
	}
	return r
}
