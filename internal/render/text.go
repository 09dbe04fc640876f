package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// PlainText returns the visible text of an HTML fragment with runs of
// whitespace collapsed to single spaces, for search indexes and summaries.
// Block elements separate words; the contents of scripts, styles and
// footnote reference marks are left out.
func PlainText(fragment string) string {
	nodes := parseFragment(fragment)
	var b strings.Builder
	for _, n := range nodes {
		writeText(&b, n)
	}
	return collapseSpace(b.String())
}

// Summary returns the text of the first paragraph of an HTML fragment
// that has any, cut at a word boundary and ended with "…" when it is
// longer than maxRunes runes; the result, ellipsis included, is never
// longer than that. Paragraphs inside quotes, lists, tables, figures and
// footnotes are passed over: they rarely say what the article is about.
// A fragment without paragraphs gives its whole text. maxRunes < 1 means
// no limit.
func Summary(fragment string, maxRunes int) string {
	nodes := parseFragment(fragment)
	text := ""
	for _, n := range nodes {
		if text = firstParagraph(n); text != "" {
			break
		}
	}
	if text == "" {
		var b strings.Builder
		for _, n := range nodes {
			writeText(&b, n)
		}
		text = collapseSpace(b.String())
	}
	return truncateWords(text, maxRunes)
}

// parseFragment parses HTML the way a browser would inside a <body>.
func parseFragment(fragment string) []*html.Node {
	if fragment == "" {
		return nil
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		// The parser fails only when reading fails, which a string reader
		// does not; fall back to the text with tags stripped.
		return []*html.Node{{Type: html.TextNode, Data: fragment}}
	}
	return nodes
}

// hiddenElements hold text that readers do not see as part of the prose.
var hiddenElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Math: true,
	atom.Head: true, atom.Title: true, atom.Select: true, atom.Textarea: true,
}

// inlineElements do not separate words; any other element does.
var inlineElements = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Del: true, atom.Dfn: true,
	atom.Em: true, atom.I: true, atom.Ins: true, atom.Kbd: true, atom.Mark: true,
	atom.Q: true, atom.Rp: true, atom.Rt: true, atom.Ruby: true, atom.S: true,
	atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strike: true,
	atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.U: true,
	atom.Var: true, atom.Wbr: true, atom.Font: true, atom.Tt: true,
}

// writeText appends the visible text under n.
func writeText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		if hiddenElements[n.DataAtom] || isFootnoteMark(n) {
			return
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	block := n.Type == html.ElementNode && !inlineElements[n.DataAtom]
	if block {
		b.WriteByte(' ')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c)
	}
	if block {
		b.WriteByte(' ')
	}
}

// isFootnoteMark reports whether n is a footnote reference number or
// back-link as goldmark renders them: "word¹" must read as "word".
func isFootnoteMark(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Sup:
		return strings.HasPrefix(attr(n, "id"), "fnref")
	case atom.A:
		c := attr(n, "class")
		return c == "footnote-ref" || c == "footnote-backref"
	}
	return false
}

// skippedForSummary hold paragraphs that do not introduce the article.
var skippedForSummary = map[atom.Atom]bool{
	atom.Blockquote: true, atom.Li: true, atom.Table: true, atom.Figure: true,
	atom.Aside: true, atom.Details: true, atom.Nav: true, atom.Footer: true, atom.Header: true,
}

// firstParagraph returns the text of the first <p> under n with any text.
func firstParagraph(n *html.Node) string {
	if n.Type != html.ElementNode {
		return ""
	}
	if hiddenElements[n.DataAtom] || skippedForSummary[n.DataAtom] || attr(n, "class") == "footnotes" {
		return ""
	}
	if n.DataAtom == atom.P {
		var b strings.Builder
		writeText(&b, n)
		return collapseSpace(b.String())
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := firstParagraph(c); t != "" {
			return t
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// collapseSpace trims s and turns each run of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// truncateWords shortens s to at most max runes, ellipsis included,
// cutting before the last word that does not fit. Text without spaces
// near the limit (Chinese, a long URL) is cut mid-word.
func truncateWords(s string, max int) string {
	if max < 1 || utf8.RuneCountInString(s) <= max {
		return s
	}
	runes := []rune(s)
	limit := max - 1 // room for the ellipsis
	cut := limit
	if !unicode.IsSpace(runes[limit]) {
		// Look back for a space, but not so far that most of the room
		// is wasted on one long word.
		for i := limit - 1; i > limit/2; i-- {
			if unicode.IsSpace(runes[i]) {
				cut = i
				break
			}
		}
	}
	head := strings.TrimRightFunc(string(runes[:cut]), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:–—-", r)
	})
	return head + "…"
}
