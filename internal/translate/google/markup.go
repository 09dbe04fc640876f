package google

import (
	"regexp"

	"github.com/byline-news/byline/internal/translate/internal/tagtext"
)

// answerTag matches a placeholder tag as Google may return it: with
// attributes it added (style="direction:rtl"), spaces, or a void tag
// written as an open and a close tag.
var answerTag = regexp.MustCompile(`<\s*(/?)\s*([gx])([0-9]+)(?:\s[^<>]*)?/?\s*>`)

// escapeText turns a segment into the HTML Google reads with format=html:
// placeholder tags stay tags, every other '&', '<' and '>' is escaped.
func escapeText(s string) string {
	return tagtext.Escape(s)
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
	return tagtext.Unescape(s)
}
