package google

import (
	"html"
	"regexp"
	"strings"
)

// placeholder matches the pipeline's placeholder tags: <g1>, </g1>, <x2/>.
var placeholder = regexp.MustCompile(`</?g[0-9]+>|<x[0-9]+/>`)

// answerTag matches a placeholder tag as Google may return it: with
// attributes it added (style="direction:rtl"), spaces, or a void tag
// written as an open and a close tag.
var answerTag = regexp.MustCompile(`<\s*(/?)\s*([gx])([0-9]+)(?:\s[^<>]*)?/?\s*>`)

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escapeText turns a segment into the HTML Google reads with format=html:
// placeholder tags stay tags, every other '&', '<' and '>' is escaped.
func escapeText(s string) string {
	return mapOutsideTags(s, htmlEscaper.Replace)
}

// unescapeText turns Google's HTML answer back into a segment: placeholder
// tags in their canonical form (<gN>, </gN>, <xN/>; a closing </xN> is
// dropped) and every character reference outside them resolved.
func unescapeText(s string) string {
	s = answerTag.ReplaceAllStringFunc(s, func(tag string) string {
		m := answerTag.FindStringSubmatch(tag)
		closing, kind, n := m[1] == "/", m[2], m[3]
		switch {
		case kind == "x" && closing:
			return ""
		case kind == "x":
			return "<x" + n + "/>"
		case closing:
			return "</g" + n + ">"
		default:
			return "<g" + n + ">"
		}
	})
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
