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
