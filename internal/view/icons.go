package view

import (
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The icons are drawn for Byline on a 24×24 grid with strokes in the
// current text colour, so they follow the theme and dark mode. They are
// inlined into pages (no icon font, no request per icon) and hidden from
// assistive technology: the link around each one carries the label.
const (
	iconOpen  = `<svg class="icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">`
	iconClose = `</svg>`
)

var iconPaths = map[string]string{
	"facebook":  `<rect x="3" y="3" width="18" height="18" rx="4"/><path d="M15.5 8H14a2 2 0 0 0-2 2v11M9 13h6"/>`,
	"x":         `<path d="M4 4h4l12 16h-4zM20 4l-7 7.5M4 20l7-7.5"/>`,
	"bluesky":   `<path d="M12 11C10 7 6.5 4 4 4c-1.5 0-1.5 2-1.2 4 .4 2.7 2.3 4 5.2 3.8C5 13 4.5 15.5 7 17.5c2.6 2 4-1 5-3.5 1 2.5 2.4 5.5 5 3.5 2.5-2 2-4.5-1-5.7 2.9.2 4.8-1.1 5.2-3.8.3-2 .3-4-1.2-4-2.5 0-6 3-8 7z"/>`,
	"telegram":  `<path d="M21 4L3 11l6 2.5L11 20l3-4.5 5 4zM9 13.5L21 4"/>`,
	"whatsapp":  `<path d="M4 20l1.3-4A8 8 0 1 1 8.5 19z"/><path d="M9.5 9c0 3 2.5 5.5 5.5 5.5l.8-1.5-2-1-.8.8c-1-.5-2-1.5-2.5-2.5l.8-.8-1-2z"/>`,
	"reddit":    `<circle cx="12" cy="14" r="6.5"/><circle cx="18" cy="5" r="1.5"/><path d="M12 7.5L13.5 3l3 1"/><path d="M9.5 13.5v.01M14.5 13.5v.01M9.5 16.5c1.5 1 3.5 1 5 0"/>`,
	"linkedin":  `<rect x="3" y="3" width="18" height="18" rx="3"/><path d="M8 10v7M8 7v.01M12 17v-7M12 13a3 3 0 0 1 6 0v4"/>`,
	"email":     `<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>`,
	"instagram": `<rect x="3" y="3" width="18" height="18" rx="5"/><circle cx="12" cy="12" r="4"/><path d="M17.5 6.5v.01"/>`,
	"youtube":   `<rect x="2" y="5" width="20" height="14" rx="4"/><path d="M10 9v6l5-3z"/>`,
	"mastodon":  `<path d="M17 17.5c2.5-.5 4-2 4-5V9c0-3.5-2.5-5-5-5.5H8C5.5 4 3 5.5 3 9v4c0 4.5 2.5 7 7 7 2 0 3.5-.3 4.5-.8"/><path d="M8 14V9.5a2 2 0 0 1 4 0V12m0 0V9.5a2 2 0 0 1 4 0V14"/>`,
	"tiktok":    `<path d="M14 3v12a4 4 0 1 1-4-4M14 3c0 3 2 5 5 5"/>`,
	"rss":       `<path d="M5 19h.01M5 12a7 7 0 0 1 7 7M5 5a14 14 0 0 1 14 14"/>`,
	"website":   `<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18"/>`,
	"link":      `<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/>`,
	"search":    `<circle cx="11" cy="11" r="7"/><path d="M20 20l-4-4"/>`,
}

// networkNames are the display names of the networks Byline knows. Other
// networks are shown with their name capitalised and the link icon.
var networkNames = map[string]string{
	"facebook":  "Facebook",
	"x":         "X",
	"bluesky":   "Bluesky",
	"telegram":  "Telegram",
	"whatsapp":  "WhatsApp",
	"reddit":    "Reddit",
	"linkedin":  "LinkedIn",
	"email":     "email",
	"instagram": "Instagram",
	"youtube":   "YouTube",
	"mastodon":  "Mastodon",
	"tiktok":    "TikTok",
	"rss":       "RSS",
	"website":   "the website",
}

// networkAliases are other spellings editors use for a known network.
var networkAliases = map[string]string{
	"twitter": "x",
	"mail":    "email",
	"web":     "website",
	"feed":    "rss",
}

// Network returns the canonical key of a network name as an editor may
// have written it: "Twitter" gives "x".
func Network(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	if alias, ok := networkAliases[n]; ok {
		return alias
	}
	return n
}

// NetworkName returns the display name of a network.
func NetworkName(network string) string {
	n := Network(network)
	if name, ok := networkNames[n]; ok {
		return name
	}
	if n == "" {
		return "the web"
	}
	r, size := utf8.DecodeRuneInString(n)
	return string(unicode.ToUpper(r)) + n[size:]
}

// icon returns the inline SVG of a network or interface icon; unknown
// names get the link icon. The markup comes from the table above only, so
// marking it safe cannot let page data through.
func icon(name string) template.HTML {
	p, ok := iconPaths[Network(name)]
	if !ok {
		p = iconPaths["link"]
	}
	return template.HTML(iconOpen + p + iconClose)
}
