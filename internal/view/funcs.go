package view

import (
	"html"
	"html/template"
	"strings"
)

// funcs are the template functions. They are few on purpose: the site
// prepares everything a template shows, and these only build the small
// pieces of markup that interface messages wrap around (a link, a time).
var funcs = template.FuncMap{
	"icon":        icon,
	"scope":       scope,
	"wrap":        wrap,
	"link":        link,
	"timeTag":     timeTag,
	"authorLinks": authorLinks,
	"authorNames": authorNames,
}

// Scope is what a partial showing part of a page is called with: the page,
// for its Localizer and language, and the part V.
type Scope struct {
	P *Page
	V any
}

func scope(p *Page, v any) Scope { return Scope{P: p, V: v} }

// wrappable are the elements wrap may put text in.
var wrappable = map[string]bool{"strong": true, "cite": true, "em": true}

// wrap returns text, escaped, inside an inline element: <strong>text</strong>.
func wrap(tag, text string) template.HTML {
	if !wrappable[tag] {
		return template.HTML(html.EscapeString(text))
	}
	return template.HTML("<" + tag + ">" + html.EscapeString(text) + "</" + tag + ">")
}

// link returns a link to href with text, both escaped; attrs are more
// attributes as names and values in turn ("rel", "noopener"). An href
// that is neither a site path nor an http(s) URL is replaced, as
// html/template does.
func link(href, text string, attrs ...string) template.HTML {
	var b strings.Builder
	b.WriteString(`<a href="` + html.EscapeString(safeHref(href)) + `"`)
	for i := 0; i+1 < len(attrs); i += 2 {
		if !validAttrName(attrs[i]) {
			continue
		}
		b.WriteString(" " + attrs[i] + `="` + html.EscapeString(attrs[i+1]) + `"`)
	}
	b.WriteString(">" + html.EscapeString(text) + "</a>")
	return template.HTML(b.String())
}

// safeHref keeps site paths and http(s) URLs.
func safeHref(href string) string {
	lower := strings.ToLower(href)
	if strings.HasPrefix(href, "/") || strings.HasPrefix(href, "#") ||
		strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") {
		return href
	}
	return "#ZgotmplZ"
}

// validAttrName accepts the plain attribute names templates pass: letters
// and hyphens, and no event handler.
func validAttrName(name string) bool {
	if name == "" || strings.HasPrefix(strings.ToLower(name), "on") || name == "href" || name == "style" {
		return false
	}
	for _, r := range name {
		if (r < 'a' || r > 'z') && r != '-' {
			return false
		}
	}
	return true
}

// timeTag returns the date as a <time> element.
func timeTag(d Date) template.HTML {
	return template.HTML(`<time datetime="` + html.EscapeString(d.ISO) + `">` + html.EscapeString(d.Text) + `</time>`)
}

// authorLinks returns a byline's names, each linked to its author page.
func authorLinks(names []AuthorLink) template.HTML {
	var b strings.Builder
	for _, n := range names {
		b.WriteString(html.EscapeString(n.Sep))
		b.WriteString(string(link(n.URL, n.Name, "rel", "author")))
	}
	return template.HTML(b.String())
}

// authorNames returns a byline's names as text.
func authorNames(names []AuthorLink) string {
	var b strings.Builder
	for _, n := range names {
		b.WriteString(n.Sep + n.Name)
	}
	return b.String()
}
