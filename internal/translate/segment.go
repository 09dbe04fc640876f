package translate

import (
	"fmt"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/byline-news/byline/internal/render"
)

// Segment is one unit of text that engines translate: the text of a
// paragraph, heading, list item or table cell with its inline markup
// replaced by placeholders, or a plain-text field. Text is escaped
// (&amp;, &lt;) so that it scans as the placeholder language.
type Segment struct {
	Key  string
	Text string
}

// HTMLDoc is an HTML fragment split into segments. Assemble puts
// translations of the segments back into the same markup. An HTMLDoc is
// not changed by Assemble and may be assembled many times, also
// concurrently.
type HTMLDoc struct {
	nodes []*html.Node
	segs  []Segment
	// runs holds each text segment by the first node of its run of
	// inline siblings; alts holds image alt segments by image.
	runs map[*html.Node]*textRun
	alts map[*html.Node]int
	// hasSeg marks the elements that hold a segment; everything else
	// is written back exactly as parsed.
	hasSeg map[*html.Node]bool
}

// textRun is a text segment: a run of inline sibling nodes.
type textRun struct {
	seg   int
	nodes []*html.Node
	// ph holds the element behind placeholder N at ph[N-1].
	ph []*html.Node
}

// spanElements become <gN>…</gN>: their text is translated.
var spanElements = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Big: true, atom.Cite: true, atom.Data: true, atom.Del: true, atom.Dfn: true,
	atom.Em: true, atom.Font: true, atom.I: true, atom.Ins: true, atom.Mark: true,
	atom.Q: true, atom.S: true, atom.Small: true, atom.Span: true, atom.Strike: true,
	atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.Tt: true,
	atom.U: true,
}

// atomicElements become <xN/> with everything in them kept as it is:
// void elements, and inline code, keyboard input and ruby, which are
// not prose to translate.
var atomicElements = map[atom.Atom]bool{
	atom.Br: true, atom.Img: true, atom.Wbr: true,
	atom.Code: true, atom.Kbd: true, atom.Samp: true, atom.Var: true,
	atom.Ruby: true, atom.Math: true, atom.Svg: true,
}

// verbatimElements are blocks whose content is never a segment.
var verbatimElements = map[atom.Atom]bool{
	atom.Pre: true, atom.Script: true, atom.Style: true, atom.Textarea: true,
	atom.Template: true, atom.Noscript: true, atom.Iframe: true, atom.Object: true,
	atom.Select: true, atom.Title: true, atom.Head: true, atom.Xmp: true,
	atom.Plaintext: true, atom.Listing: true, atom.Noembed: true, atom.Noframes: true,
}

// SplitHTML splits a sanitized HTML fragment into segments keyed
// prefix.0000, prefix.0001, … in document order. Each maximal run of
// inline content (text and inline elements) inside a block — a
// paragraph, a heading, a list item up to its nested list, a table
// cell, the loose text of a blockquote — that has any text outside
// code is one segment; code blocks and white space are not. The alt
// text of an image is a segment of its own, keyed prefix.NNNN.alt.
func SplitHTML(prefix, fragment string) (*HTMLDoc, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		return nil, fmt.Errorf("translate: parse HTML: %w", err)
	}
	d := &HTMLDoc{
		nodes:  nodes,
		runs:   map[*html.Node]*textRun{},
		alts:   map[*html.Node]int{},
		hasSeg: map[*html.Node]bool{},
	}
	s := splitter{doc: d, prefix: prefix, inline: map[*html.Node]bool{}}
	s.container(nodes)
	return d, nil
}

// Segments returns the document's segments in document order.
func (d *HTMLDoc) Segments() []Segment {
	return append([]Segment(nil), d.segs...)
}

// splitter finds the segments of a document.
type splitter struct {
	doc    *HTMLDoc
	prefix string
	// inline caches isInline for elements.
	inline map[*html.Node]bool
}

// isInline reports whether n can be part of a run of inline content: a
// text or comment node, or an inline element with no block inside it.
func (s *splitter) isInline(n *html.Node) bool {
	switch n.Type {
	case html.TextNode, html.CommentNode:
		return true
	case html.ElementNode:
	default:
		return false
	}
	if atomicElements[n.DataAtom] || isFootnoteMark(n) {
		return true
	}
	if !spanElements[n.DataAtom] {
		return false
	}
	if v, ok := s.inline[n]; ok {
		return v
	}
	v := true
	for c := n.FirstChild; c != nil && v; c = c.NextSibling {
		v = s.isInline(c)
	}
	s.inline[n] = v
	return v
}

// container finds the segments among sibling nodes.
func (s *splitter) container(kids []*html.Node) {
	for i := 0; i < len(kids); {
		if s.isInline(kids[i]) {
			j := i + 1
			for j < len(kids) && s.isInline(kids[j]) {
				j++
			}
			s.run(kids[i:j])
			i = j
			continue
		}
		n := kids[i]
		if n.Type == html.ElementNode && !verbatimElements[n.DataAtom] {
			s.container(children(n))
		}
		i++
	}
}

func children(n *html.Node) []*html.Node {
	var kids []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		kids = append(kids, c)
	}
	return kids
}

// run makes a segment of a run of inline nodes when it has text, and
// segments of the alt texts of the images in it.
func (s *splitter) run(nodes []*html.Node) {
	r := &textRun{nodes: nodes}
	var b strings.Builder
	var images []*html.Node
	hasText := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			t := collapseSpace(n.Data)
			if strings.TrimSpace(t) != "" {
				hasText = true
			}
			b.WriteString(escapeText(t))
		case html.ElementNode:
			r.ph = append(r.ph, n)
			num := len(r.ph)
			if atomicElements[n.DataAtom] || isFootnoteMark(n) {
				fmt.Fprintf(&b, "<x%d/>", num)
				collectImages(n, &images)
				return
			}
			fmt.Fprintf(&b, "<g%d>", num)
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			fmt.Fprintf(&b, "</g%d>", num)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	if hasText {
		r.seg = s.add("", strings.Trim(b.String(), " "))
		s.doc.runs[nodes[0]] = r
		s.mark(nodes[0].Parent)
	}
	for _, img := range images {
		if alt := attr(img, "alt"); strings.TrimSpace(alt) != "" {
			s.doc.alts[img] = s.add(".alt", escapeText(alt))
			s.mark(img)
		}
	}
}

// add appends a segment and returns its index.
func (s *splitter) add(suffix, text string) int {
	i := len(s.doc.segs)
	s.doc.segs = append(s.doc.segs, Segment{Key: fmt.Sprintf("%s.%04d%s", s.prefix, i, suffix), Text: text})
	return i
}

// mark records that n and its ancestors hold a segment.
func (s *splitter) mark(n *html.Node) {
	for ; n != nil && !s.doc.hasSeg[n]; n = n.Parent {
		s.doc.hasSeg[n] = true
	}
}

func collectImages(n *html.Node, images *[]*html.Node) {
	if n.Type == html.ElementNode && n.DataAtom == atom.Img {
		*images = append(*images, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectImages(c, images)
	}
}

// isFootnoteMark reports whether n is a footnote reference or back-link
// as internal/render makes them: a number or an arrow that stays as it
// is in every language.
func isFootnoteMark(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.A:
		c := attr(n, "class")
		return c == "footnote-ref" || c == "footnote-backref"
	case atom.Sup:
		var only *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if only != nil {
					return false
				}
				only = c
			} else if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
				return false
			}
		}
		return only != nil && only.DataAtom == atom.A && attr(only, "class") == "footnote-ref"
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// collapseSpace makes each run of ASCII white space one space; HTML
// renders them alike. No-break spaces are kept.
func collapseSpace(s string) string {
	if !strings.ContainsAny(s, "\t\n\f\r") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\f', '\r':
			if !space {
				b.WriteByte(' ')
			}
			space = true
		default:
			b.WriteByte(c)
			space = false
		}
	}
	return b.String()
}

// sanitizer is internal/render's policy, the one every article body
// passes through.
var sanitizer = sync.OnceValue(render.New)

// Assemble rebuilds the document with the translations given by
// segment key: each translation's placeholders become the original tags
// with their original attributes, so an engine never sees or changes a
// link. Segments without a translation keep their source. A translation
// that fails CheckPlaceholders is an error naming its key. The result
// is sanitized with internal/render's policy.
func (d *HTMLDoc) Assemble(translated map[string]string) (string, error) {
	a := assembler{doc: d, tr: translated}
	a.b.Grow(64 * len(d.segs))
	if err := a.siblings(d.nodes); err != nil {
		return "", err
	}
	return sanitizer().Sanitize(a.b.String()), nil
}

// assembler writes one assembly of a document.
type assembler struct {
	doc *HTMLDoc
	tr  map[string]string
	b   strings.Builder
}

func (a *assembler) siblings(kids []*html.Node) error {
	for i := 0; i < len(kids); {
		if r := a.doc.runs[kids[i]]; r != nil {
			seg := a.doc.segs[r.seg]
			if t, ok := a.tr[seg.Key]; ok {
				if err := a.translatedRun(r, seg, t); err != nil {
					return err
				}
			} else {
				for _, n := range r.nodes {
					if err := a.node(n); err != nil {
						return err
					}
				}
			}
			i += len(r.nodes)
			continue
		}
		if err := a.node(kids[i]); err != nil {
			return err
		}
		i++
	}
	return nil
}

// node writes n as parsed, with the segments inside it translated.
func (a *assembler) node(n *html.Node) error {
	if i, ok := a.doc.alts[n]; ok {
		return a.image(n, a.doc.segs[i])
	}
	if !a.doc.hasSeg[n] {
		return html.Render(&a.b, n)
	}
	a.startTag(n)
	if err := a.siblings(children(n)); err != nil {
		return err
	}
	fmt.Fprintf(&a.b, "</%s>", n.Data)
	return nil
}

// image writes an image with its alt text translated.
func (a *assembler) image(n *html.Node, seg Segment) error {
	t, ok := a.tr[seg.Key]
	if !ok {
		return html.Render(&a.b, n)
	}
	if err := CheckPlaceholders(seg.Text, t); err != nil {
		return fmt.Errorf("translate: segment %s: %w", seg.Key, err)
	}
	alt, err := PlainText(t)
	if err != nil {
		return fmt.Errorf("translate: segment %s: %w", seg.Key, err)
	}
	img := &html.Node{Type: html.ElementNode, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace}
	for _, at := range n.Attr {
		if at.Namespace == "" && at.Key == "alt" {
			at.Val = alt
		}
		img.Attr = append(img.Attr, at)
	}
	return html.Render(&a.b, img)
}

// translatedRun writes a run's translation with its placeholders
// replaced by the run's elements.
func (a *assembler) translatedRun(r *textRun, seg Segment, t string) error {
	if err := CheckPlaceholders(seg.Text, t); err != nil {
		return fmt.Errorf("translate: segment %s: %w", seg.Key, err)
	}
	toks, err := scan(t)
	if err != nil {
		return fmt.Errorf("translate: segment %s: %w", seg.Key, err)
	}
	for _, tok := range toks {
		switch tok.kind {
		case tokText:
			a.b.WriteString(html.EscapeString(tok.plain))
		case tokOpen:
			a.startTag(r.ph[tok.n-1])
		case tokClose:
			fmt.Fprintf(&a.b, "</%s>", r.ph[tok.n-1].Data)
		case tokVoid:
			if err := a.node(r.ph[tok.n-1]); err != nil {
				return err
			}
		}
	}
	return nil
}

// startTag writes n's start tag with its attributes.
func (a *assembler) startTag(n *html.Node) {
	a.b.WriteByte('<')
	a.b.WriteString(n.Data)
	for _, at := range n.Attr {
		a.b.WriteByte(' ')
		if at.Namespace != "" {
			a.b.WriteString(at.Namespace)
			a.b.WriteByte(':')
		}
		a.b.WriteString(at.Key)
		a.b.WriteString(`="`)
		a.b.WriteString(html.EscapeString(at.Val))
		a.b.WriteByte('"')
	}
	a.b.WriteByte('>')
}
