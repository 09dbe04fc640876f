package translation

import (
	"context"
	"fmt"
	"strings"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/translate"
)

// Site texts — the notices of the settings (rendered Markdown) and author
// bios (plain paragraphs) — are translated through the same memory and
// engines as articles, but stored only in the memory: a page looks its
// texts up there, and a job fills what is missing.

// textSegments splits a site text: HTML when html is set, otherwise
// plain paragraphs separated by blank lines.
func textSegments(text string, html bool) (*translate.HTMLDoc, []translate.Segment, error) {
	if html {
		doc, err := translate.SplitHTML("text", text)
		if err != nil {
			return nil, nil, err
		}
		return doc, doc.Segments(), nil
	}
	var segs []translate.Segment
	for i, p := range paragraphs(text) {
		segs = append(segs, translate.PlainSegment("text."+itoa(i), p))
	}
	return nil, segs, nil
}

// LookupText returns the translation of a site text into dst from the
// memory alone, and whether the memory had every segment of it. For
// plain texts the result is the translated paragraphs joined by blank
// lines; for HTML it is sanitized HTML.
func (s *Service) LookupText(ctx context.Context, srcLang, dst, text string, html bool) (string, bool) {
	if strings.TrimSpace(text) == "" || dst == srcLang {
		return text, true
	}
	doc, segs, err := textSegments(text, html)
	if err != nil || len(segs) == 0 {
		return "", false
	}
	hashes := make([]string, len(segs))
	for i, seg := range segs {
		hashes[i] = translate.Hash(seg.Text)
	}
	found, err := s.store.LookupMemory(ctx, srcLang, dst, hashes)
	if err != nil {
		s.logger.Warn("looking up a site text in the translation memory", "lang", dst, "err", err)
		return "", false
	}
	texts := make(map[string]string, len(segs))
	for i, seg := range segs {
		e, ok := found[hashes[i]]
		if !ok {
			return "", false
		}
		texts[seg.Key] = e.Target
	}
	return assembleText(doc, segs, texts)
}

func assembleText(doc *translate.HTMLDoc, segs []translate.Segment, texts map[string]string) (string, bool) {
	if doc != nil {
		out, err := doc.Assemble(texts)
		return out, err == nil
	}
	parts := make([]string, 0, len(segs))
	for _, seg := range segs {
		p, err := translate.PlainText(texts[seg.Key])
		if err != nil {
			return "", false
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "\n\n"), true
}

// TranslateText puts the translation of a site text into dst in the
// memory, sending only the segments it lacks to the language's engines,
// and reports whether the text is now wholly translated.
func (s *Service) TranslateText(ctx context.Context, srcLang, dst, text string, html bool) (bool, error) {
	if strings.TrimSpace(text) == "" || dst == srcLang {
		return true, nil
	}
	_, segs, err := textSegments(text, html)
	if err != nil {
		return false, err
	}
	hashes := make([]string, len(segs))
	for i, seg := range segs {
		hashes[i] = translate.Hash(seg.Text)
	}
	found, err := s.store.LookupMemory(ctx, srcLang, dst, hashes)
	if err != nil {
		return false, err
	}
	var texts []string
	var idx []int
	for i, seg := range segs {
		if _, ok := found[hashes[i]]; !ok {
			texts = append(texts, seg.Text)
			idx = append(idx, i)
		}
	}
	if len(texts) == 0 {
		return true, nil
	}
	st, err := s.store.Settings(ctx)
	if err != nil {
		return false, err
	}
	route := st.Translation.Route(dst)
	if s.router == nil || route.Mode == news.ModeOff {
		return false, nil
	}
	results := s.router.Translate(ctx, srcLang, dst, route, translate.NewGlossary(st.Translation.Glossary), texts)
	var memory []news.MemoryEntry
	for j, r := range results {
		i := idx[j]
		if r.Err != nil || r.Text == "" || translate.CheckPlaceholders(segs[i].Text, r.Text) != nil {
			continue
		}
		memory = append(memory, news.MemoryEntry{
			SourceLang: srcLang, TargetLang: dst, SourceHash: hashes[i], Source: segs[i].Text,
			Target: r.Text, Provider: r.Provider, CreatedAt: s.now().UTC(),
		})
	}
	if len(memory) > 0 {
		if err := s.store.SaveMemory(ctx, memory); err != nil {
			return false, err
		}
	}
	return len(memory) == len(texts), nil
}

// paragraphs splits plain text at blank lines, trimming each paragraph.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func itoa(i int) string { return fmt.Sprintf("%04d", i) }
