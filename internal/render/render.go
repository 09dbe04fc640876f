// Package render turns article bodies written in Markdown or HTML into the
// sanitized HTML that readers see, and derives plain text, summaries and
// slugs from them.
//
// All HTML, whether written by hand or produced from Markdown, goes through
// one allowlist policy: Markdown may contain raw HTML, and what survives is
// exactly what an HTML body would keep.
package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/byline-news/byline/internal/news"
)

// Renderer converts and sanitizes article text. It is built once and is
// safe for concurrent use.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// New returns a Renderer with Byline's Markdown dialect (GitHub Flavored
// Markdown with footnotes and typographic punctuation) and HTML policy.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.Footnote,
			extension.Typographer,
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		// Raw HTML is passed through on purpose: the policy below decides
		// what of it survives, the same way as for HTML bodies.
		goldmark.WithRendererOptions(
			html.WithUnsafe(),
			// Before the task list extension's own renderer (500).
			renderer.WithNodeRenderers(util.Prioritized(taskCheckBoxRenderer{}, 100)),
		),
	)
	return &Renderer{md: md, policy: newPolicy()}
}

// Body renders an article body written in format to sanitized HTML.
func (r *Renderer) Body(format news.BodyFormat, src string) (string, error) {
	switch format {
	case news.FormatMarkdown:
		return r.Markdown(src)
	case news.FormatHTML:
		return r.Sanitize(src), nil
	}
	return "", news.Errorf(news.EINVALID, "The body format %q is neither markdown nor html.", format)
}

// Markdown renders GitHub Flavored Markdown to sanitized HTML.
func (r *Renderer) Markdown(src string) (string, error) {
	if src == "" {
		return "", nil
	}
	src = strings.ToValidUTF8(src, "\uFFFD")
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	// Each document gets its own id table, so heading ids are stable for a
	// given text whatever else was rendered before.
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	if err := r.md.Convert([]byte(src), &buf, parser.WithContext(ctx)); err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	return r.Sanitize(buf.String()), nil
}

// Sanitize returns html with everything outside the policy removed: no
// scripts, styles, embeds, forms, event handlers or script URLs.
func (r *Renderer) Sanitize(html string) string {
	if html == "" {
		return ""
	}
	html = strings.ToValidUTF8(html, "\uFFFD")
	out := r.policy.Sanitize(html)
	// bluemonday adds rel="noreferrer" to links that leave the site, and
	// adds noopener only alongside target="_blank", which the policy never
	// keeps. noreferrer implies noopener in current browsers; spelling both
	// out protects older ones. The attribute text can only be a real
	// attribute here: quotes in text and attribute values come out escaped.
	return strings.ReplaceAll(out, ` rel="noreferrer"`, ` rel="noopener noreferrer"`)
}

var (
	// Ids from headings (any script, see headingIDs) and GFM footnotes
	// ("fn:1", "fnref:1").
	reID         = regexp.MustCompile(`^[\p{L}\p{M}\p{N}_:.-]{1,200}$`)
	reNumber     = regexp.MustCompile(`^[0-9]{1,5}$`)
	reAlign      = regexp.MustCompile(`^(?i:left|center|right|justify)$`)
	reLoading    = regexp.MustCompile(`^(?i:lazy|eager)$`)
	reDir        = regexp.MustCompile(`^(?i:ltr|rtl|auto)$`)
	reLang       = regexp.MustCompile(`^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$`)
	reCodeClass  = regexp.MustCompile(`^language-[\w.+#-]{1,40}$`)
	reNoteClass  = regexp.MustCompile(`^(footnote-ref|footnote-backref|footnotes)$`)
	reNoteRole   = regexp.MustCompile(`^doc-(noteref|backlink|endnotes)$`)
	reListType   = regexp.MustCompile(`^[1aAiI]$`)
	reDatetime   = regexp.MustCompile(`^[0-9T:.+\- Z]{4,40}$`)
	reTableScope = regexp.MustCompile(`^(?i:row|col|rowgroup|colgroup)$`)
	// A srcset is a comma-separated list of image URLs, each with an
	// optional width or density. bluemonday does not check URLs inside it,
	// so only http(s) URLs and relative paths without any scheme pass.
	reSrcset = regexp.MustCompile(`^\s*` + srcsetCandidate + `(\s*,\s*` + srcsetCandidate + `)*\s*$`)
)

const srcsetCandidate = `(?:(?i:https?)://[^\s,]+|[^\s,:]+)(?:\s+[0-9]{1,5}(?:\.[0-9]{1,3})?[wx])?`

// newPolicy builds the allowlist. It is written out from scratch rather
// than derived from UGCPolicy so that everything kept is listed here.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()

	p.AllowElements(
		"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
		"ul", "ol", "li", "dl", "dt", "dd",
		"em", "strong", "b", "i", "u", "s", "small", "mark", "span",
		"sup", "sub", "abbr", "dfn", "cite", "q", "kbd", "samp", "var", "time",
		"code", "pre", "blockquote", "figure", "figcaption",
		"del", "ins", "bdi", "bdo", "ruby", "rt", "rp", "wbr",
		"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
		"details", "summary", "div",
	)

	// Text direction and language matter on a multilingual site: a quote
	// in Arabic inside an English article must render right-to-left.
	p.AllowAttrs("dir").Matching(reDir).Globally()
	p.AllowAttrs("lang").Matching(reLang).Globally()
	p.AllowAttrs("title").Globally()

	p.AllowAttrs("id").Matching(reID).OnElements("h1", "h2", "h3", "h4", "h5", "h6", "sup", "li")
	p.AllowAttrs("class").Matching(reCodeClass).OnElements("code")
	p.AllowAttrs("class").Matching(reNoteClass).OnElements("a", "div")
	p.AllowAttrs("role").Matching(reNoteRole).OnElements("a", "div")

	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("cite").OnElements("blockquote", "q", "del", "ins")
	p.AllowAttrs("datetime").Matching(reDatetime).OnElements("del", "ins", "time")

	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(reNumber).OnElements("img")
	p.AllowAttrs("loading").Matching(reLoading).OnElements("img")
	p.AllowAttrs("srcset").Matching(reSrcset).OnElements("img")

	p.AllowAttrs("start").Matching(reNumber).OnElements("ol")
	p.AllowAttrs("reversed").OnElements("ol")
	p.AllowAttrs("type").Matching(reListType).OnElements("ol")
	p.AllowAttrs("value").Matching(reNumber).OnElements("li")

	p.AllowAttrs("align").Matching(reAlign).OnElements("th", "td", "tr")
	p.AllowAttrs("colspan", "rowspan").Matching(reNumber).OnElements("th", "td")
	p.AllowAttrs("span").Matching(reNumber).OnElements("col", "colgroup")
	p.AllowAttrs("scope").Matching(reTableScope).OnElements("th")

	p.AllowAttrs("open").OnElements("details")

	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	p.RequireNoReferrerOnFullyQualifiedLinks(true)
	return p
}

// headingIDs gives headings ids made like slugs, so that a heading in any
// script gets a readable anchor; goldmark's own generator keeps ASCII only
// and would give every Cyrillic heading the same id.
type headingIDs struct {
	used map[string]bool
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

// Generate returns a fresh id for the heading text value.
func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	fallback := "section"
	if kind != ast.KindHeading {
		fallback = "id"
	}
	base := slugify(string(value), fallback)
	id := base
	for i := 2; h.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	h.used[id] = true
	return []byte(id)
}

// Put records an id given explicitly, so that generated ones avoid it.
func (h *headingIDs) Put(value []byte) {
	if utf8.Valid(value) {
		h.used[string(value)] = true
	}
}

// taskCheckBoxRenderer renders the boxes of GFM task lists ("- [x] done")
// as ballot box characters instead of <input> elements, so that the
// policy keeps no form control at all.
type taskCheckBoxRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (taskCheckBoxRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTaskCheckBox, renderTaskCheckBox)
}

func renderTaskCheckBox(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	box := "\u2610 " // ☐
	if cb, ok := n.(*extast.TaskCheckBox); ok && cb.IsChecked {
		box = "\u2611 " // ☑
	}
	_, err := w.WriteString(box)
	return ast.WalkContinue, err
}
