// Package ingest reads articles written elsewhere: Markdown files with YAML
// front matter, and stores them through the publishing service.
package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/news"
)

// MaxBodyBytes is the largest article body a file may hold.
const MaxBodyBytes = 10 << 20

// maxFrontMatterBytes bounds the YAML before the body. Real front matter
// is a few hundred bytes, notes included; the YAML parser is slow on some
// large inputs, so this keeps a hostile file from tying it up.
const maxFrontMatterBytes = 256 << 10

// maxNesting bounds how deep lists and maps may nest in the front matter.
// The schema needs three levels (authors → entry → name); the YAML parser
// takes time that grows faster than linearly with depth.
const maxNesting = 32

// Document is one parsed article file, not yet stored.
type Document struct {
	Path                                     string
	Title, Subtitle, Slug, Summary, Language string
	Format                                   news.BodyFormat
	// Body is the Markdown (or HTML) after the front matter, without the
	// blank lines around it.
	Body string
	// BodyLine is the 1-based line of the file where the body starts.
	BodyLine int
	// Date is the publication date in UTC; zero when the file has none.
	Date    time.Time
	Status  news.Status
	Authors []AuthorRef // in byline order
	Tags    []string
	// Image.URL is as written: an http(s) URL or a path relative to the
	// file. ResolveImage tells which.
	Image                               news.Image
	SourceName, SourceURL, CanonicalURL string
	NoteBefore, NoteAfter               string
	Newsletter, Featured                bool

	// imageLine is the line of the image field, for errors found later.
	imageLine int
}

// AuthorRef names an author of a document. Kind "" means unspecified:
// a new author is then created as a person.
type AuthorRef struct {
	Name string
	Kind news.AuthorKind
}

// ParseError is a problem in an article file, located like a compiler
// error. It converts to a *news.Error with errors.As, so callers that only
// know the domain error model still get its code and message.
type ParseError struct {
	Path   string
	Line   int // 1-based
	Column int // 1-based; 0 when unknown
	Msg    string
	// Code is the news error code; "" means news.EINVALID.
	Code string
}

// Error formats the error as "path:line:col: msg".
func (e *ParseError) Error() string {
	var b strings.Builder
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteByte(':')
	}
	fmt.Fprintf(&b, "%d:", e.Line)
	if e.Column > 0 {
		fmt.Fprintf(&b, "%d:", e.Column)
	}
	b.WriteByte(' ')
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap exposes the error as a *news.Error whose message names the file
// and line.
func (e *ParseError) Unwrap() error {
	code := e.Code
	if code == "" {
		code = news.EINVALID
	}
	return &news.Error{Code: code, Message: e.Error()}
}

// ParseMarkdown parses the content of one article file: YAML front matter
// between "---" lines, then the body. path is used in error messages only.
// Every error is a *ParseError.
func ParseMarkdown(path string, content []byte) (Document, error) {
	doc := Document{Path: path}
	errAt := func(line int, code, format string, args ...any) error {
		return &ParseError{Path: path, Line: line, Msg: fmt.Sprintf(format, args...), Code: code}
	}

	content = bytes.TrimPrefix(content, []byte("\uFEFF"))
	if !utf8.Valid(content) {
		return doc, errAt(invalidUTF8Line(content), "", "the file is not valid UTF-8 text")
	}
	// CommonMark and the YAML parser both end lines at CR, LF or CRLF;
	// counting lines the same way keeps error lines right.
	text := strings.ReplaceAll(string(content), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if strings.TrimSpace(text) == "" {
		return doc, errAt(1, "", "the file is empty")
	}

	first, rest, _ := strings.Cut(text, "\n")
	if !isDelimiter(first, "---") {
		return doc, errAt(1, "",
			"the file must start with a line of three hyphens (---) opening the YAML front matter (title: ..., authors: ...)")
	}

	// Find the closing delimiter; the front matter starts on line 2.
	var frontMatter, body string
	closeLine := 0
	for off, line := 0, 2; off <= len(rest) && off <= maxFrontMatterBytes; line++ {
		l, next := rest[off:], len(rest)+1
		if end := strings.IndexByte(l, '\n'); end >= 0 {
			l, next = l[:end], off+end+1
		}
		if isDelimiter(l, "---") || isDelimiter(l, "...") {
			frontMatter, closeLine = rest[:off], line
			if next <= len(rest) {
				body = rest[next:]
			}
			break
		}
		off = next
	}
	if closeLine == 0 {
		if len(rest) > maxFrontMatterBytes {
			return doc, errAt(1, news.ETOOLARGE,
				"the front matter is not closed by a --- line within its first %d KB", maxFrontMatterBytes>>10)
		}
		return doc, errAt(1, "", "the front matter opened on line 1 is never closed by a --- line")
	}

	// The body starts at its first line with any text, so that BodyLine
	// points at something a person can see.
	doc.BodyLine = closeLine + 1
	for {
		line, after, found := strings.Cut(body, "\n")
		if strings.TrimSpace(line) != "" || !found {
			break
		}
		body = after
		doc.BodyLine++
	}
	body = strings.TrimRight(body, " \t\n")
	if len(body) > MaxBodyBytes {
		return doc, errAt(doc.BodyLine, news.ETOOLARGE,
			"the body is %.1f MB, larger than the %d MB limit", float64(len(body))/(1<<20), MaxBodyBytes>>20)
	}
	if strings.TrimSpace(body) == "" {
		doc.BodyLine = closeLine + 1
	}
	doc.Body = body

	if err := parseFrontMatter(&doc, frontMatter); err != nil {
		return Document{Path: path}, err
	}
	if strings.TrimSpace(doc.Body) == "" {
		return Document{Path: path}, errAt(closeLine+1, "",
			"the article has no body: write its text after the --- line that closes the front matter")
	}
	return doc, nil
}

// isDelimiter reports whether line is delim, allowing trailing blanks.
func isDelimiter(line, delim string) bool {
	return strings.TrimRight(line, " \t\r") == delim
}

// invalidUTF8Line returns the 1-based line of the first byte that is not
// part of valid UTF-8.
func invalidUTF8Line(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' || r == '\r' && !bytes.HasPrefix(b[size:], []byte("\n")) {
			line++
		}
		b = b[size:]
	}
	return line
}
