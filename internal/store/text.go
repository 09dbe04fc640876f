package store

import (
	"html"
	"strings"
)

// fold lower-cases s for case-insensitive matching. It is done in Go, not
// in SQL, because SQLite's lower() and LIKE fold ASCII only and
// PostgreSQL's depend on the server's locale; folding here behaves the
// same on both.
func fold(s string) string { return strings.ToLower(s) }

// plainText returns the text of an HTML fragment: tags dropped (each
// leaving a space, so words in adjacent blocks stay apart), character
// references decoded. Comments, scripts and styles are dropped with their
// content. It does not need well-formed input.
func plainText(fragment string) string {
	// lower has the same length as fragment, so offsets found in one
	// hold in the other.
	lower := asciiLower(fragment)
	var b strings.Builder
	b.Grow(len(fragment))
	pos := 0
	for pos < len(fragment) {
		i := strings.IndexByte(fragment[pos:], '<')
		if i < 0 {
			b.WriteString(html.UnescapeString(fragment[pos:]))
			break
		}
		b.WriteString(html.UnescapeString(fragment[pos : pos+i]))
		b.WriteByte(' ')
		pos += i
		end := ">"
		switch {
		case strings.HasPrefix(lower[pos:], "<!--"):
			end = "-->"
		case strings.HasPrefix(lower[pos:], "<script"):
			end = "</script>"
		case strings.HasPrefix(lower[pos:], "<style"):
			end = "</style>"
		}
		j := strings.Index(lower[pos:], end)
		if j < 0 {
			break // an unclosed tag runs to the end
		}
		pos += j + len(end)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// asciiLower lower-cases ASCII letters only, keeping every byte in place.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// likeEscape escapes LIKE's wildcards in s, for use with ESCAPE '\'.
func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// likeContains is a LIKE pattern matching any text that contains s.
func likeContains(s string) string { return "%" + likeEscape(s) + "%" }

// maxQueryWords caps how many words of a search query become conditions,
// so a pasted essay does not become a query with thousands of LIKEs.
const maxQueryWords = 16

// queryWords splits a search query into folded words, at most
// maxQueryWords of them, without repeats.
func queryWords(q string) []string {
	var words []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(fold(q)) {
		if seen[w] {
			continue
		}
		seen[w] = true
		words = append(words, w)
		if len(words) == maxQueryWords {
			break
		}
	}
	return words
}
