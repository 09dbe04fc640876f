package ingest

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"golang.org/x/text/language"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/render"
)

// fieldNames lists the front matter fields in the order the error message
// for an unknown field shows them.
var fieldNames = []string{
	"title", "subtitle", "slug", "summary", "authors", "date", "status", "tags",
	"language", "format", "image", "image_alt", "image_caption", "image_credit",
	"source_name", "source_url", "canonical_url", "notes", "newsletter", "featured",
}

// dateLayouts are the accepted spellings of the date field. Those without
// a zone are UTC.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04Z07:00",
}

// frontMatter decodes the YAML of one file into a Document, remembering
// where each value came from so that errors point at it.
type frontMatter struct {
	doc *Document
	// offset turns a line of the YAML text into a line of the file.
	offset  int
	anchors map[string]ast.Node
}

// parseFrontMatter fills doc from the YAML text src, which starts on the
// second line of the file.
func parseFrontMatter(doc *Document, src string) error {
	fm := &frontMatter{doc: doc, offset: 1, anchors: map[string]ast.Node{}}
	doc.Status = news.StatusPublished
	doc.Format = news.FormatMarkdown

	if line, ok := tooDeep(src); !ok {
		return fm.errLine(line+fm.offset, "the front matter nests lists or maps more than %d levels deep", maxNesting)
	}
	file, err := parseYAML(src)
	if err != nil {
		return fm.yamlError(err)
	}
	var root ast.Node
	for _, d := range file.Docs {
		if d == nil || d.Body == nil {
			continue
		}
		if root != nil {
			return fm.errAt(d.Body, "the front matter holds more than one YAML document")
		}
		root = d.Body
	}
	var values []*ast.MappingValueNode
	root, err = fm.resolve(root)
	if err != nil {
		return err
	}
	switch n := root.(type) {
	case nil, *ast.NullNode:
	case *ast.MappingNode:
		values = n.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{n}
	default:
		return fm.errAt(root, "the front matter must be a list of \"field: value\" lines, not %s", describe(root))
	}

	seen := map[string]bool{}
	for _, mv := range values {
		key, err := fm.keyName(mv.Key)
		if err != nil {
			return err
		}
		if seen[key] {
			return fm.errAt(mv.Key, "the field %s is set twice", key)
		}
		seen[key] = true
		if err := fm.field(key, mv); err != nil {
			return err
		}
	}

	if doc.Title == "" {
		return fm.errLine(1, "the front matter has no title: add a line such as \"title: What happened\"")
	}
	return nil
}

// parseYAML parses src, turning a panic inside the YAML library into an
// error: a file must never bring the process down.
func parseYAML(src string) (file *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			file, err = nil, fmt.Errorf("the YAML parser failed on this front matter: %v", r)
		}
	}()
	return parser.ParseBytes([]byte(src), 0)
}

// tooDeep reports the 1-based line of the YAML where lists and maps nest
// deeper than maxNesting, counting flow brackets and list
// dashes. Brackets inside quoted text count too; no real title needs 32
// of them.
func tooDeep(src string) (int, bool) {
	depth, line := 0, 1
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			line++
		case '[', '{':
			depth++
			if depth > maxNesting {
				return line, false
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	// Block lists nest by indentation: "- - - - x" on one line.
	for i, l := range strings.Split(src, "\n") {
		dashes := 0
		for rest := strings.TrimLeft(l, " "); strings.HasPrefix(rest, "-"); rest = strings.TrimLeft(rest[1:], " ") {
			dashes++
		}
		if dashes > maxNesting {
			return i + 1, false
		}
	}
	return 0, true
}

// field decodes one "key: value" pair.
func (fm *frontMatter) field(key string, mv *ast.MappingValueNode) error {
	d := fm.doc
	v := mv.Value
	var err error
	switch key {
	case "title":
		d.Title, err = fm.line(key, v, publishing.MaxTitleRunes)
	case "subtitle":
		d.Subtitle, err = fm.line(key, v, publishing.MaxTitleRunes)
	case "slug":
		if d.Slug, err = fm.line(key, v, render.MaxSlugRunes); err == nil && d.Slug != "" {
			if want := render.Slugify(d.Slug); want != d.Slug {
				err = fm.errAt(v, "the slug %q may hold only lower-case letters, digits and hyphens; try %q", d.Slug, want)
			}
		}
	case "summary":
		d.Summary, err = fm.line(key, v, publishing.MaxSummaryRunes)
	case "authors":
		d.Authors, err = fm.authors(v)
	case "date":
		d.Date, err = fm.date(v)
	case "status":
		var s string
		if s, err = fm.enum(key, v, "draft", "published"); err == nil && s != "" {
			d.Status = news.Status(s)
		}
	case "format":
		var s string
		if s, err = fm.enum(key, v, "markdown", "html"); err == nil && s != "" {
			d.Format = news.BodyFormat(s)
		}
	case "tags":
		d.Tags, err = fm.tags(v)
	case "language":
		d.Language, err = fm.language(v)
	case "image":
		if d.Image.URL, err = fm.line(key, v, 2048); err == nil && d.Image.URL != "" {
			d.imageLine = fm.lineOf(v)
			_, _, err = checkImageURL(d.Image.URL)
			if err != nil {
				err = fm.errAt(v, "%v", err)
			}
		}
	case "image_alt":
		d.Image.Alt, err = fm.line(key, v, 1000)
	case "image_caption":
		d.Image.Caption, err = fm.line(key, v, 1000)
	case "image_credit":
		d.Image.Credit, err = fm.line(key, v, 300)
	case "source_name":
		d.SourceName, err = fm.line(key, v, 300)
	case "source_url":
		d.SourceURL, err = fm.webURL(key, v)
	case "canonical_url":
		d.CanonicalURL, err = fm.webURL(key, v)
	case "notes":
		d.NoteBefore, d.NoteAfter, err = fm.notes(v)
	case "newsletter":
		d.Newsletter, err = fm.boolean(key, v)
	case "featured":
		d.Featured, err = fm.boolean(key, v)
	default:
		msg := fmt.Sprintf("unknown field %q", key)
		if s := closest(key, fieldNames); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return fm.errAt(mv.Key, "%s; the fields are %s", msg, strings.Join(fieldNames, ", "))
	}
	return err
}

// keyName returns the text of a mapping key.
func (fm *frontMatter) keyName(k ast.MapKeyNode) (string, error) {
	var n ast.Node = k
	if mk, ok := k.(*ast.MappingKeyNode); ok {
		n = mk.Value
	}
	s, ok := scalar(n)
	if !ok || s == "" {
		return "", fm.errAt(k, "a field name must be a plain word such as title, not %s", describe(n))
	}
	return s, nil
}

// resolve follows anchors, aliases and tags to the node that holds the
// value. Aliases can point only backwards, so this cannot loop.
func (fm *frontMatter) resolve(n ast.Node) (ast.Node, error) {
	for {
		switch v := n.(type) {
		case *ast.AnchorNode:
			if name, ok := scalar(v.Name); ok {
				fm.anchors[name] = v.Value
			}
			n = v.Value
		case *ast.AliasNode:
			name, _ := scalar(v.Value)
			target, ok := fm.anchors[name]
			if !ok {
				return nil, fm.errAt(v, "the alias *%s refers to no anchor &%s before it", name, name)
			}
			n = target
		case *ast.TagNode:
			n = v.Value
		default:
			return n, nil
		}
	}
}

// text returns the value of a field that takes text. Numbers and booleans
// are taken as written ("title: 1984" is a title); lists and maps are not.
func (fm *frontMatter) text(key string, n ast.Node) (string, error) {
	n, err := fm.resolve(n)
	if err != nil {
		return "", err
	}
	s, ok := scalar(n)
	if !ok {
		return "", fm.errAt(n, "%s must be text, not %s", key, describe(n))
	}
	if strings.ContainsRune(s, 0) {
		return "", fm.errAt(n, "%s contains a NUL character", key)
	}
	return s, nil
}

// line returns a one-line text field, whitespace collapsed, at most max
// runes long.
func (fm *frontMatter) line(key string, n ast.Node, max int) (string, error) {
	s, err := fm.text(key, n)
	if err != nil {
		return "", err
	}
	s = strings.Join(strings.Fields(s), " ")
	if c := utf8.RuneCountInString(s); c > max {
		return "", fm.errAt(n, "%s is %d characters long; the limit is %d", key, c, max)
	}
	return s, nil
}

// enum returns a text field that must be one of choices, lower-cased;
// "" when the field is empty.
func (fm *frontMatter) enum(key string, n ast.Node, choices ...string) (string, error) {
	s, err := fm.line(key, n, 100)
	if err != nil || s == "" {
		return "", err
	}
	for _, c := range choices {
		if strings.EqualFold(s, c) {
			return c, nil
		}
	}
	return "", fm.errAt(n, "%s must be %s, not %q", key, strings.Join(choices, " or "), s)
}

func (fm *frontMatter) boolean(key string, n ast.Node) (bool, error) {
	n, err := fm.resolve(n)
	if err != nil {
		return false, err
	}
	switch v := n.(type) {
	case *ast.BoolNode:
		return v.Value, nil
	case *ast.NullNode:
		return false, nil
	case *ast.StringNode:
		// A quoted "true" is still clearly meant as yes, and YAML 1.1
		// tools (Jekyll, Hugo) taught people to write yes and no.
		switch strings.ToLower(strings.TrimSpace(v.Value)) {
		case "true", "yes", "on":
			return true, nil
		case "false", "no", "off":
			return false, nil
		}
		return false, fm.errAt(n, "%s must be true or false, not %q", key, v.Value)
	}
	return false, fm.errAt(n, "%s must be true or false, not %s", key, describe(n))
}

func (fm *frontMatter) date(n ast.Node) (time.Time, error) {
	n, err := fm.resolve(n)
	if err != nil {
		return time.Time{}, err
	}
	if _, isNull := n.(*ast.NullNode); isNull {
		return time.Time{}, nil
	}
	s, ok := n.(*ast.StringNode)
	if !ok {
		return time.Time{}, fm.errAt(n, "date must be a date such as 2024-05-01 or 2024-05-01T09:30:00+02:00, not %s", describe(n))
	}
	v := strings.TrimSpace(s.Value)
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, v)
		if err == nil {
			return t.UTC(), nil
		}
		// A value with the right shape but no such day (2024-02-30)
		// deserves a more precise message than a misspelt one.
		var pe *time.ParseError
		if errors.As(err, &pe) && strings.Contains(pe.Message, "out of range") {
			return time.Time{}, fm.errAt(n, "date %q is not a real date: %s", v, strings.TrimPrefix(pe.Message, ": "))
		}
	}
	return time.Time{}, fm.errAt(n,
		"date %q is not a date; write it as 2024-05-01, 2024-05-01 09:30 or 2024-05-01T09:30:00+02:00 (without a zone it is UTC)", v)
}

var reLanguageHint = regexp.MustCompile(`^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$`)

func (fm *frontMatter) language(n ast.Node) (string, error) {
	s, err := fm.line("language", n, 35)
	if err != nil || s == "" {
		return "", err
	}
	tag, err := language.Parse(s)
	// language.Parse takes some words that are not language codes (such
	// as five-letter subtags); a front matter language is a short code.
	if err != nil || !reLanguageHint.MatchString(s) {
		return "", fm.errAt(n, "language %q is not a BCP 47 language tag such as en, fr or pt-BR", s)
	}
	return tag.String(), nil
}

// webURL returns a field that must be an absolute http(s) URL.
func (fm *frontMatter) webURL(key string, n ast.Node) (string, error) {
	s, err := fm.line(key, n, 2048)
	if err != nil || s == "" {
		return "", err
	}
	if err := checkWebURL(s); err != nil {
		return "", fm.errAt(n, "%s %v", key, err)
	}
	return s, nil
}

// checkWebURL accepts only absolute http and https URLs with a host.
func checkWebURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || strings.ContainsAny(s, " \t\n") {
		return fmt.Errorf("%q is not a valid URL", s)
	}
	if scheme := strings.ToLower(u.Scheme); scheme != "http" && scheme != "https" || u.Host == "" {
		return fmt.Errorf("%q must be a full web address starting with https:// or http://", s)
	}
	return nil
}

func (fm *frontMatter) tags(n ast.Node) ([]string, error) {
	n, err := fm.resolve(n)
	if err != nil {
		return nil, err
	}
	var names []string
	var at []ast.Node
	switch v := n.(type) {
	case *ast.SequenceNode:
		for _, e := range v.Values {
			s, err := fm.line("a tag", e, 100)
			if err != nil {
				return nil, err
			}
			names, at = append(names, s), append(at, e)
		}
	default:
		s, err := fm.text("tags", n)
		if err != nil {
			return nil, fm.errAt(n, "tags must be a list or comma-separated text, not %s", describe(n))
		}
		for _, part := range strings.Split(s, ",") {
			names, at = append(names, strings.Join(strings.Fields(part), " ")), append(at, n)
		}
	}
	var out []string
	seen := map[string]bool{}
	for i, name := range names {
		key := strings.ToLower(name)
		if name == "" || seen[key] {
			continue
		}
		if utf8.RuneCountInString(name) > 100 {
			return nil, fm.errAt(at[i], "the tag %.40q… is longer than 100 characters", name)
		}
		seen[key] = true
		out = append(out, name)
	}
	if len(out) > publishing.MaxTags {
		return nil, fm.errAt(n, "an article can have at most %d tags, not %d", publishing.MaxTags, len(out))
	}
	return out, nil
}

func (fm *frontMatter) authors(n ast.Node) ([]AuthorRef, error) {
	n, err := fm.resolve(n)
	if err != nil {
		return nil, err
	}
	var entries []ast.Node
	switch v := n.(type) {
	case *ast.NullNode:
		return nil, nil
	case *ast.SequenceNode:
		entries = v.Values
	default:
		// One author, by name or as a map.
		entries = []ast.Node{n}
	}
	var out []AuthorRef
	seen := map[string]int{}
	for _, e := range entries {
		ref, err := fm.author(e)
		if err != nil {
			return nil, err
		}
		if ref.Name == "" {
			continue
		}
		key := strings.ToLower(ref.Name)
		if line, dup := seen[key]; dup {
			return nil, fm.errAt(e, "the author %q is already listed on line %d", ref.Name, line)
		}
		seen[key] = fm.lineOf(e)
		out = append(out, ref)
	}
	if len(out) > publishing.MaxAuthors {
		return nil, fm.errAt(n, "an article can have at most %d authors, not %d", publishing.MaxAuthors, len(out))
	}
	return out, nil
}

// author decodes one author: a name, or a map with name and kind.
func (fm *frontMatter) author(n ast.Node) (AuthorRef, error) {
	n, err := fm.resolve(n)
	if err != nil {
		return AuthorRef{}, err
	}
	values, isMap := mapValues(n)
	if !isMap {
		if _, ok := scalar(n); !ok {
			return AuthorRef{}, fm.errAt(n, "an author must be a name or a map with name and kind, not %s", describe(n))
		}
		name, err := fm.line("an author name", n, publishing.MaxTitleRunes)
		return AuthorRef{Name: name}, err
	}
	var ref AuthorRef
	var nameNode ast.Node
	for _, mv := range values {
		key, err := fm.keyName(mv.Key)
		if err != nil {
			return ref, err
		}
		switch key {
		case "name":
			nameNode = mv.Value
			if ref.Name, err = fm.line("an author name", mv.Value, publishing.MaxTitleRunes); err != nil {
				return ref, err
			}
		case "kind":
			var k string
			if k, err = fm.enum("an author kind", mv.Value, string(news.KindPerson), string(news.KindOrganization)); err != nil {
				return ref, err
			}
			ref.Kind = news.AuthorKind(k)
		default:
			return ref, fm.errAt(mv.Key, "unknown author field %q; an author has a name and a kind (person or organization)", key)
		}
	}
	if ref.Name == "" {
		at := n
		if nameNode != nil {
			at = nameNode
		}
		return ref, fm.errAt(at, "an author needs a name")
	}
	return ref, nil
}

// notes decodes the reader notes: text for a note before the body, or a
// map with before and after.
func (fm *frontMatter) notes(n ast.Node) (before, after string, err error) {
	n, err = fm.resolve(n)
	if err != nil {
		return "", "", err
	}
	values, isMap := mapValues(n)
	if !isMap {
		if _, ok := scalar(n); !ok {
			return "", "", fm.errAt(n, "notes must be text, or a map with before and after, not %s", describe(n))
		}
		before, err = fm.note("notes", n)
		return before, "", err
	}
	for _, mv := range values {
		key, err := fm.keyName(mv.Key)
		if err != nil {
			return "", "", err
		}
		switch key {
		case "before":
			before, err = fm.note("notes.before", mv.Value)
		case "after":
			after, err = fm.note("notes.after", mv.Value)
		default:
			err = fm.errAt(mv.Key, "unknown notes field %q; notes have before and after", key)
		}
		if err != nil {
			return "", "", err
		}
	}
	return before, after, nil
}

// note returns a Markdown note, kept as written apart from surrounding
// blank space.
func (fm *frontMatter) note(key string, n ast.Node) (string, error) {
	s, err := fm.text(key, n)
	if err != nil {
		return "", err
	}
	s = strings.TrimSpace(s)
	if len(s) > publishing.MaxNoteBytes {
		return "", fm.errAt(n, "%s is larger than %d KB", key, publishing.MaxNoteBytes>>10)
	}
	return s, nil
}

// mapValues returns the pairs of a mapping node.
func mapValues(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch v := n.(type) {
	case *ast.MappingNode:
		return v.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}, true
	}
	return nil, false
}

// scalar returns the text of a scalar node as written; null is "".
func scalar(n ast.Node) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.NullNode:
		return "", true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		if tk := n.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

// describe names the kind of a YAML value for error messages.
func describe(n ast.Node) string {
	switch n.(type) {
	case *ast.SequenceNode:
		return "a list"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a map"
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "true or false"
	case *ast.NullNode, nil:
		return "nothing"
	case *ast.StringNode, *ast.LiteralNode:
		return "text"
	}
	return "a " + strings.ToLower(n.Type().String())
}

// lineOf returns the file line of n.
func (fm *frontMatter) lineOf(n ast.Node) int {
	line, _ := fm.position(n)
	return line
}

// position returns the file line and column of n, line 1 when unknown.
func (fm *frontMatter) position(n ast.Node) (int, int) {
	if n == nil {
		return 1, 0
	}
	// A map or list is where its first entry is; its own token is the ":"
	// or "-" that follows or precedes it.
	switch v := n.(type) {
	case *ast.MappingValueNode:
		if v.Key != nil {
			return fm.position(v.Key)
		}
	case *ast.MappingNode:
		if !v.IsFlowStyle && len(v.Values) > 0 {
			return fm.position(v.Values[0])
		}
	case *ast.LiteralNode:
		// The value of "notes: |" starts on the next line; point at "|".
		if v.Start != nil {
			return v.Start.Position.Line + fm.offset, v.Start.Position.Column
		}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil || tk.Position.Line < 1 {
		return 1, 0
	}
	return tk.Position.Line + fm.offset, tk.Position.Column
}

func (fm *frontMatter) errAt(n ast.Node, format string, args ...any) error {
	line, col := fm.position(n)
	return &ParseError{Path: fm.doc.Path, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

func (fm *frontMatter) errLine(line int, format string, args ...any) error {
	return &ParseError{Path: fm.doc.Path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// reYAMLPos matches the "[line:column]" positions inside the YAML
// library's messages, which count from the start of the front matter.
var reYAMLPos = regexp.MustCompile(`\[(\d+):(\d+)\]`)

// yamlError turns a YAML syntax error into a ParseError at its place in
// the file.
func (fm *frontMatter) yamlError(err error) error {
	var ye yaml.Error
	if !errors.As(err, &ye) {
		return fm.errLine(2, "the front matter is not valid YAML: %v", err)
	}
	msg := reYAMLPos.ReplaceAllStringFunc(ye.GetMessage(), func(m string) string {
		sub := reYAMLPos.FindStringSubmatch(m)
		line, _ := strconv.Atoi(sub[1])
		return fmt.Sprintf("line %d column %s", line+fm.offset, sub[2])
	})
	line, col := 2, 0
	if tk := ye.GetToken(); tk != nil && tk.Position != nil && tk.Position.Line >= 1 {
		line, col = tk.Position.Line+fm.offset, tk.Position.Column
	}
	if strings.Contains(msg, "mapping value is not allowed") {
		msg += ` (text that contains ": " must be put in quotes, and each field starts a new line at the left edge)`
	}
	return &ParseError{Path: fm.doc.Path, Line: line, Column: col, Msg: "invalid YAML in the front matter: " + msg}
}

// closest returns the candidate nearest to s when it is near enough to be
// a typo.
func closest(s string, candidates []string) string {
	s = strings.ToLower(s)
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 64
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
