// Package tagtext escapes and unescapes the text between the pipeline's
// placeholder tags (<g1>, </g1>, <x2/>), for engines that read a segment
// as markup (DeepL's tag_handling=xml, Google's format=html): the tags
// stay markup and the text around them cannot break it.
package tagtext

import (
	"html"
	"regexp"
	"strings"
)

// placeholder matches the pipeline's placeholder tags in canonical form.
var placeholder = regexp.MustCompile(`</?g[0-9]+>|<x[0-9]+/>`)

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Escape escapes every '&', '<' and '>' outside the placeholder tags, so
// that "a < b" in the text reaches the engine as text. The result reads
// the same as XML and as HTML.
func Escape(s string) string {
	return mapOutsideTags(s, escaper.Replace)
}

// Unescape resolves every character reference outside the placeholder
// tags: the inverse of Escape, and what an engine's escaped answer needs.
func Unescape(s string) string {
	return mapOutsideTags(s, html.UnescapeString)
}

// mapOutsideTags applies f to each run of text between placeholder tags.
func mapOutsideTags(s string, f func(string) string) string {
	var b strings.Builder
	last := 0
	for _, m := range placeholder.FindAllStringIndex(s, -1) {
		b.WriteString(f(s[last:m[0]]))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(f(s[last:]))
	return b.String()
}
