package admin

import (
	"html"
	"regexp"
	"strconv"
	"strings"
)

// segmentLabel is a person's name for a segment key: "title" is
// "Title", "body.0002" is "Body ¶ 3", "body.0002.alt" is "Body ¶ 3,
// image alt text".
func segmentLabel(key string) string {
	switch key {
	case "title":
		return "Title"
	case "subtitle":
		return "Subtitle"
	case "summary":
		return "Summary"
	case "image.alt":
		return "Image alt text"
	case "image.caption":
		return "Image caption"
	case "image.credit":
		return "Image credit"
	}
	parts := strings.Split(key, ".")
	name, ok := map[string]string{"body": "Body", "note_before": "Note before", "note_after": "Note after"}[parts[0]]
	if !ok || len(parts) < 2 {
		return key
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil || n < 0 {
		return key
	}
	label := name + " ¶ " + strconv.Itoa(n+1)
	if len(parts) == 3 && parts[2] == "alt" {
		return label + ", image alt text"
	}
	if len(parts) > 2 {
		return key
	}
	return label
}

// piece is a run of segment text as the editor shows it: text, or a
// placeholder drawn as a small marker.
type piece struct {
	Text   string
	Marker bool
	// Title says what a marker stands for ("a href=…"), when known.
	Title string
}

// placeholderTag matches the placeholders of segment text: <gN>, </gN>
// and <xN/>.
var placeholderTag = regexp.MustCompile(`</?g[1-9][0-9]*>|<x[1-9][0-9]*\s?/>`)

// segmentPieces splits segment text for display: placeholders become
// markers (written as in the text, so the person sees what to keep) and
// the text between them is unescaped. The template escapes both: none of
// it is HTML for the browser. ph describes the elements behind the
// markers ("g1" → `a href="…"`); it may be nil.
func segmentPieces(s string, ph map[string]string) []piece {
	var out []piece
	last := 0
	for _, m := range placeholderTag.FindAllStringIndex(s, -1) {
		if m[0] > last {
			out = append(out, piece{Text: html.UnescapeString(s[last:m[0]])})
		}
		tag := strings.ReplaceAll(s[m[0]:m[1]], " ", "")
		name := strings.Trim(tag, "</>")
		out = append(out, piece{Text: tag, Marker: true, Title: clipRunes(ph[name], 120)})
		last = m[1]
	}
	if last < len(s) {
		out = append(out, piece{Text: html.UnescapeString(s[last:])})
	}
	return out
}

// escapeBareAmpersands writes "&" as "&amp;" where a person typed it as
// text ("Smith & Sons"), which segment text would refuse; entities such
// as &amp; and &#233; are kept.
func escapeBareAmpersands(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '&' || isEntityAt(s[i:]) {
			b.WriteByte(s[i])
			continue
		}
		b.WriteString("&amp;")
	}
	return b.String()
}

// isEntityAt reports whether s begins with an entity reference: & then
// letters or digits (or # and digits, or #x and hex digits) then ;.
func isEntityAt(s string) bool {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 40 {
		return false
	}
	name := s[1:end]
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || (c == '#' && i == 0)) {
			return false
		}
	}
	return name != "#"
}

// clipRunes cuts s to at most n runes, marking a cut with "…".
func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
