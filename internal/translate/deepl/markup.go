package deepl

import (
	"html"
	"regexp"
	"strings"
)

// placeholder matches the pipeline's placeholder tags: <g1>, </g1>, <x2/>.
var placeholder = regexp.MustCompile(`</?g[0-9]+>|<x[0-9]+/>`)

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escapeText turns a segment into the XML DeepL's tag handling reads: the
// placeholder tags stay tags, every other '&', '<' and '>' is escaped, so
// a literal "a < b" in the text cannot break the markup.
func escapeText(s string) string {
	return mapOutsideTags(s, xmlEscaper.Replace)
}

// unescapeText undoes escapeText on DeepL's answer, resolving every
// character reference outside the placeholder tags.
func unescapeText(s string) string {
	return mapOutsideTags(s, html.UnescapeString)
}

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
