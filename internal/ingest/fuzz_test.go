package ingest

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
)

func FuzzParseMarkdown(f *testing.F) {
	seeds := []string{
		"---\ntitle: T\n---\nBody",
		"\uFEFF---\r\ntitle: T\r\nauthors: [a, {name: b, kind: organization}]\r\n---\r\nBody\r\n",
		"---\ntitle: T\nnotes: {before: a, after: b}\ntags: a, b\ndate: 2024-02-29 10:00\n---\n\nBody",
		"---\ntitle: &t T\nsubtitle: *t\n---\nx",
		"---\ntitle: [a\n---\nx",
		"---\ntitle: T\nnewsletter: maybe\n---\n",
		"---\n- a\n---\nx",
		"---\ntitle: |\n  multi\n  line\n...\nx",
		"no front matter",
		"---\n? [a]\n: b\n---\nx",
		"---\ntitle: !!binary aGVsbG8=\n---\nx",
		"---\n%YAML 1.2\n---\nx",
		// Lone carriage returns end lines for the YAML parser too.
		"---\n\r\r\r0\n...",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		doc, err := ParseMarkdown("f.md", content)
		norm := bytes.ReplaceAll(content, []byte("\r\n"), []byte("\n"))
		lines := bytes.Count(norm, []byte("\n")) + bytes.Count(norm, []byte("\r")) + 1
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is %T, not a *ParseError", err, err)
			}
			if pe.Line < 1 || pe.Line > lines+1 {
				t.Fatalf("error line %d outside the file's %d lines: %v", pe.Line, lines, err)
			}
			if c := news.ErrorCode(err); c != news.EINVALID && c != news.ETOOLARGE {
				t.Fatalf("code %q", c)
			}
			return
		}
		if strings.TrimSpace(doc.Title) == "" || strings.TrimSpace(doc.Body) == "" {
			t.Fatalf("no error, but title %q and body %q", doc.Title, doc.Body)
		}
		if doc.BodyLine < 2 || doc.BodyLine > lines {
			t.Fatalf("body line %d outside the file's %d lines", doc.BodyLine, lines)
		}
		if !doc.Status.Valid() || !doc.Format.Valid() {
			t.Fatalf("status %q format %q", doc.Status, doc.Format)
		}
		if _, _, err := ResolveImage(doc); err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				t.Fatalf("parsed image %q is refused later: %v", doc.Image.URL, err)
			}
		}
	})
}
