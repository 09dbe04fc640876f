package view

import (
	"html/template"

	"github.com/byline-news/byline/internal/i18n"
)

// Page is what every template receives: the frame every page shares (the
// language, the banner, the footer, the head's links) and, in exactly one
// of the content fields, what this page is about.
//
// Every string is plain text and is escaped by the templates, except the
// template.HTML fields, which hold HTML that internal/render has already
// sanitized. URLs are checked before they get here: a field holding a URL
// is empty or an http(s) URL or a site path.
type Page struct {
	// Lang and Dir are the language of the page frame, the <html lang dir>.
	Lang string
	Dir  string
	// L writes the interface text (menus, headings, notices), dates and
	// numbers in the page's language. When it is nil, Render uses the
	// default catalog's localizer of Lang (English for an unknown Lang).
	L *i18n.Localizer
	// UILang is the language the interface text is written in: Lang, or
	// English for a language without a locale file. Render sets it from
	// L; where it differs from Lang the banner, main and footer say so,
	// so that screen readers pronounce it right.
	UILang string
	// Title is the whole <title>; Description the meta description.
	Title       string
	Description string
	// CanonicalURL is absolute.
	CanonicalURL string
	// NoIndex asks search engines to keep the page out of their index:
	// untranslated language versions and search results.
	NoIndex bool
	// Alternates are the language versions of this page, x-default
	// included, for <link rel="alternate" hreflang>.
	Alternates []Alternate
	// PrevURL and NextURL are the neighbouring pages of a paginated list.
	PrevURL string
	NextURL string

	Site      Site
	Languages []LanguageOption
	Current   LanguageOption
	// Untranslated is set when the page is shown in a language it has not
	// been translated into yet.
	Untranslated *Untranslated
	// Machine is set when the page shows a machine translation.
	Machine *Untranslated
	// Suggest offers the reader the page in the language their browser
	// prefers, written in that language.
	Suggest   *Suggestion
	OpenGraph OpenGraph
	Feeds     []FeedLink
	Footer    Footer
	// Assets are the fingerprinted paths of the stylesheet and script.
	StylesheetURL string
	ScriptURL     string
	IconURL       string

	// Localize maps a source-language site path to the same page in the
	// page's language; templates reach it through Link.
	Localize func(path string) string

	Home       *Home
	Article    *ArticlePage
	List       *List
	Archive    *Archive
	Search     *Search
	Contact    *Contact
	Newsletter *Newsletter
	NotFound   *NotFound
	Error      *ErrorPage
}

// Link returns path inside the page's language, so that a reader who
// chose a language stays in it while browsing.
func (p *Page) Link(path string) string {
	if p.Localize == nil {
		return path
	}
	return p.Localize(path)
}

// Alternate is one language version of a page.
type Alternate struct {
	Hreflang string
	Href     string
}

// Site is what the banner and footer show of the site itself.
type Site struct {
	Name    string
	Tagline string
	// TaglineLang and TaglineDir name the tagline's language when it is
	// shown untranslated on a page in another language.
	TaglineLang string
	TaglineDir  string
	LogoURL     string
	Follow      []SocialLink
}

// SocialLink is a link to an account on a network, shown with its icon.
type SocialLink struct {
	// Network selects the icon ("instagram", "x", ...).
	Network string
	// Label names the link for screen readers: "Follow us on Instagram".
	Label string
	URL   string
}

// LanguageOption is one entry of the language menu.
type LanguageOption struct {
	Code        string
	NativeName  string
	EnglishName string
	Dir         string
	// URL is the current page in this language.
	URL     string
	Current bool
}

// Untranslated tells the reader, in the reader's language, that the page
// is shown in the original.
type Untranslated struct {
	// SourceLang is the original's language, for the link's hreflang.
	SourceLang  string
	OriginalURL string
}

// Text is sanitized HTML from the site's settings or an author, shown in
// the page's language when translated; otherwise Lang and Dir name the
// language it is written in.
type Text struct {
	HTML template.HTML
	Lang string
	Dir  string
}

// Suggestion is a line offering the page in another language, written
// in that language (L is its localizer).
type Suggestion struct {
	Code string
	Dir  string
	Name string // the language's name in itself
	URL  string
	L    *i18n.Localizer
}

// OpenGraph is the page's Open Graph and Twitter card description.
type OpenGraph struct {
	Type        string // "website" or "article"
	Title       string
	Description string
	URL         string
	ImageURL    string
	ImageAlt    string
	Locale      string
	// LocaleAlternates are the other locales the page exists in.
	LocaleAlternates []string
	// Published and Modified are RFC 3339 times of an article.
	Published string
	Modified  string
	Authors   []string
	Tags      []string
}

// FeedLink is one syndication feed, for autodiscovery and the footer.
type FeedLink struct {
	Title string
	Type  string
	URL   string
}

// Footer holds the site-wide notices and contact paths.
type Footer struct {
	Disclaimer Text
	FairUse    Text
	Contacts   []ContactLink
	Year       int
}

// ContactLink is one way to reach the newsroom in the footer.
type ContactLink struct {
	Label string
	Email ProtectedEmail
}

// ProtectedEmail is an address hidden from harvesters: Encoded is the
// address reversed and base64-encoded, decoded by the site script. Without
// JavaScript the reader sees Fallback, a link to ContactURL.
type ProtectedEmail struct {
	Encoded    string
	ContactURL string
	Fallback   string
}

// IsZero reports whether there is no address.
func (e ProtectedEmail) IsZero() bool { return e.Encoded == "" }

// Date is a moment shown to readers.
type Date struct {
	// ISO is the RFC 3339 form for <time datetime>.
	ISO string
	// Text is the date as readers see it, in the site's time zone.
	Text string
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.ISO == "" }

// AuthorLink is one name in a byline. Sep is the text before the name
// ("", ", " or " and ", in the page's language), so templates need no
// logic to join names.
type AuthorLink struct {
	Name string
	URL  string
	Sep  string
}

// TagLink is a tag an article is filed under.
type TagLink struct {
	Name string
	URL  string
}

// Figure is an image with its caption and credit.
type Figure struct {
	URL     string
	Alt     string
	Caption string
	// Credit is the whole credit line, "Photo: Agency".
	Credit string
	Width  int
	Height int
	// Srcset lists the image's sizes ("/media/a-480.jpg 480w, ..."),
	// WebPSrcset its WebP sizes, and Sizes how wide it is shown; all
	// empty for an image stored at one size only.
	Srcset     string
	WebPSrcset string
	Sizes      string
}

// ShareLink is one share button.
type ShareLink struct {
	Network string
	// Label is the accessible name: "Share on Facebook".
	Label string
	URL   string
}

// Source is where a republished article first appeared.
type Source struct {
	Name string
	// URL is empty when the editor gave none or it was not a web address.
	URL string
}

// ArticlePage is the content of an article page.
type ArticlePage struct {
	// Lang and Dir are the language the title and body are written in. A
	// translation will set them to the page's language; until then they
	// are the original's, so the text is marked up as what it is.
	Lang string
	Dir  string
	// Translated is true when the title and body are a translation.
	Translated bool

	Title    string
	Subtitle string
	// URL is the absolute URL of this page, the one share links carry.
	URL       string
	Byline    []AuthorLink
	Published Date
	Updated   Date
	Image     *Figure

	SiteNoteBefore Text
	NoteBefore     template.HTML
	Body           template.HTML
	NoteAfter      template.HTML
	SiteNoteAfter  Text

	Source *Source

	Licence   Text
	Copyright string
	// Republish is a ready-to-paste HTML snippet that credits the article;
	// it is shown as text for editors of other sites to copy.
	Republish string

	Tags  []TagLink
	Share []ShareLink

	// StructuredData is the schema.org description of the article,
	// written into the head as a JSON-LD data block (not a script: the
	// Content-Security-Policy does not apply to it). The template encodes
	// it as JSON, so strings in it need no escaping.
	StructuredData any
}

// ArticleCard is an article in a list.
type ArticleCard struct {
	Lang  string
	Dir   string
	URL   string
	Title string
	// Summary is the line under the title.
	Summary   string
	Published Date
	Byline    []AuthorLink
	Image     *Figure
	// SourceName is set for republished pieces.
	SourceName string
}

// Pagination is where a list page stands among its pages.
type Pagination struct {
	Page    int
	Pages   int
	Total   int
	PrevURL string
	NextURL string
}

// Home is the content of the home page.
type Home struct {
	Leads      []ArticleCard
	Latest     []ArticleCard
	Pagination Pagination
}

// AuthorProfile is what an author page shows about the author.
type AuthorProfile struct {
	Name string
	// Bio is the biography split into paragraphs, written in BioLang
	// (BioDir): the page's language, or the original's until translated.
	Bio      []string
	BioLang  string
	BioDir   string
	ImageURL string
	Website  string
	Social   []SocialLink
}

// List is the content of a page listing articles: by author, by tag, of
// an archive month.
type List struct {
	Heading    string
	Author     *AuthorProfile
	Articles   []ArticleCard
	Pagination Pagination
	// Empty is shown when there are no articles.
	Empty string
}

// Archive is the content of the archive index.
type Archive struct {
	Years []ArchiveYear
}

// ArchiveYear is one year of the archive.
type ArchiveYear struct {
	Year   int
	Months []ArchiveMonth
}

// ArchiveMonth is one month of the archive.
type ArchiveMonth struct {
	Name  string
	URL   string
	Count int
}

// SearchBox is a search form in a page's content.
type SearchBox struct {
	// Action is the localized search page path.
	Action string
	// ID is the input's id, unique in the page.
	ID    string
	Query string
}

// Search is the content of the search page.
type Search struct {
	Box   SearchBox
	Query string
	// Submitted is true when there was a query to search for.
	Submitted bool
	Results   List
}

// Contact is the content of the contact page.
type Contact struct {
	Sections []ContactSection
	Licence  Text
}

// ContactSection is one topic readers may write about.
type ContactSection struct {
	Heading string
	Text    string
	Email   ProtectedEmail
}

// Newsletter is the content of the newsletter pages: the subscription
// form and the pages of the links in newsletter emails.
type Newsletter struct {
	Feeds []FeedLink
	// Heading, when set, replaces the page's heading; Message is the text
	// under it (the outcome of a step, or why a link does not work).
	Heading string
	Message string
	// Form, when set, is the subscription form.
	Form *SubscribeForm
	// Action, when set, is a form of one button posting to ActionURL
	// (confirming, unsubscribing).
	Action *NewsletterAction
	// Preferences, when set, is the form changing a subscription.
	Preferences *NewsletterPreferences
	// Links are further links (to the preferences page).
	Links []NewsletterLink
}

// SubscribeForm is the subscription form, with what was typed into it.
type SubscribeForm struct {
	Action    string
	Email     string
	Lang      string
	Languages []NewsletterLanguage
	Consent   bool
	// ConsentText is the wording the visitor agrees to.
	ConsentText string
	// EmailError and ConsentError say what is wrong with a field;
	// Error is a problem with the whole form (too many requests).
	EmailError   string
	ConsentError string
	Error        string
	// HoneypotLabel labels the hidden field that only robots fill in.
	HoneypotLabel string
}

// NewsletterLanguage is one choice of the newsletter's language.
type NewsletterLanguage struct {
	Code       string
	NativeName string
	Dir        string
	Selected   bool
}

// NewsletterAction is a form of one button.
type NewsletterAction struct {
	URL    string
	Button string
}

// NewsletterPreferences is the form changing the language of a
// subscription, with the button that unsubscribes.
type NewsletterPreferences struct {
	URL            string
	Languages      []NewsletterLanguage
	UnsubscribeURL string
}

// NewsletterLink is a link shown under a newsletter page's message.
type NewsletterLink struct {
	Text string
	URL  string
}

// NotFound is the content of the 404 page.
type NotFound struct {
	// UnknownLanguage is set when the address named a language the site
	// does not have; the page then lists the site's languages.
	UnknownLanguage bool
	Box             SearchBox
	Latest          []ArticleCard
}

// ErrorPage is the content of a page for a failure that is not the
// reader's fault.
type ErrorPage struct {
	Status  int
	Message string
}
