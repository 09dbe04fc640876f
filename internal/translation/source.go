// Package translation keeps the site's content in every language. It
// splits an article into segments (internal/translate), fills each from
// a person's current edit, the translation memory or the engines a
// language is routed to, and stores the assembled translation with its
// segments, so that editors can review and correct it segment by segment.
// Site notices and author bios go through the same memory and engines.
package translation

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/translate"
)

// Segment keys of an article's plain-text fields. HTML fields are split
// into numbered segments under their own prefixes.
const (
	keyTitle         = "title"
	keySubtitle      = "subtitle"
	keySummary       = "summary"
	keyImageAlt      = "image.alt"
	keyImageCaption  = "image.caption"
	keyImageCredit   = "image.credit"
	prefixNoteBefore = "note_before"
	prefixBody       = "body"
	prefixNoteAfter  = "note_after"
)

// Source is an article split into the segments a translation is made of.
type Source struct {
	Article  news.Article
	Segments []translate.Segment
	// Digest identifies the whole source text: it changes when any
	// segment does.
	Digest string

	// plain are the keys of plain-text segments.
	plain map[string]bool
	docs  map[string]*translate.HTMLDoc
}

// field is one translatable field of an article.
type field struct {
	key   string
	value string
	html  bool
}

func fields(a *news.Article) []field {
	return []field{
		{keyTitle, a.Title, false},
		{keySubtitle, a.Subtitle, false},
		{keySummary, a.Summary, false},
		{keyImageAlt, a.Image.Alt, false},
		{keyImageCaption, a.Image.Caption, false},
		{keyImageCredit, a.Image.Credit, false},
		{prefixNoteBefore, a.NoteBeforeHTML, true},
		{prefixBody, a.BodyHTML, true},
		{prefixNoteAfter, a.NoteAfterHTML, true},
	}
}

// Split cuts the article's reader-facing text into segments, in reading
// order.
func Split(a news.Article) (*Source, error) {
	src := &Source{Article: a, plain: map[string]bool{}, docs: map[string]*translate.HTMLDoc{}}
	h := sha256.New()
	for _, f := range fields(&a) {
		if strings.TrimSpace(f.value) == "" {
			continue
		}
		if !f.html {
			seg := translate.PlainSegment(f.key, f.value)
			src.plain[f.key] = true
			src.Segments = append(src.Segments, seg)
			continue
		}
		doc, err := translate.SplitHTML(f.key, f.value)
		if err != nil {
			return nil, fmt.Errorf("splitting the %s of article %d: %w", f.key, a.ID, err)
		}
		src.docs[f.key] = doc
		src.Segments = append(src.Segments, doc.Segments()...)
	}
	for _, s := range src.Segments {
		fmt.Fprintf(h, "%s\x00%s\x00", s.Key, translate.Hash(s.Text))
	}
	src.Digest = hex.EncodeToString(h.Sum(nil))[:32]
	return src, nil
}

// IsPlain reports whether the segment key is a plain-text field.
func (s *Source) IsPlain(key string) bool { return s.plain[key] }

// Check tells whether text is an acceptable translation of the segment
// with that key: placeholders intact for HTML segments, no markup at all
// for plain ones.
func (s *Source) Check(key, text string) error {
	for _, seg := range s.Segments {
		if seg.Key != key {
			continue
		}
		if err := translate.CheckPlaceholders(seg.Text, text); err != nil {
			return err
		}
		if s.plain[key] {
			if _, err := translate.PlainText(text); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("the article has no segment %q", key)
}

// Assemble builds the article's translation into lang from texts keyed
// by segment; a segment without text keeps the source text. HTML fields
// come out sanitized.
func (s *Source) Assemble(lang string, texts map[string]string) (news.Translation, error) {
	t := news.Translation{ArticleID: s.Article.ID, Lang: lang, SourceDigest: s.Digest}
	a := &s.Article
	plain := func(key, source string) (string, error) {
		text, ok := texts[key]
		if !ok || text == "" {
			return source, nil
		}
		out, err := translate.PlainText(text)
		if err != nil {
			return "", fmt.Errorf("segment %s: %w", key, err)
		}
		return out, nil
	}
	html := func(prefix string) (string, error) {
		doc, ok := s.docs[prefix]
		if !ok {
			return "", nil
		}
		sub := map[string]string{}
		for k, v := range texts {
			if v != "" && strings.HasPrefix(k, prefix+".") {
				sub[k] = v
			}
		}
		return doc.Assemble(sub)
	}
	var err error
	for _, p := range []struct {
		dst    *string
		key    string
		source string
	}{
		{&t.Title, keyTitle, a.Title},
		{&t.Subtitle, keySubtitle, a.Subtitle},
		{&t.Summary, keySummary, a.Summary},
		{&t.ImageAlt, keyImageAlt, a.Image.Alt},
		{&t.ImageCaption, keyImageCaption, a.Image.Caption},
		{&t.ImageCredit, keyImageCredit, a.Image.Credit},
	} {
		if *p.dst, err = plain(p.key, p.source); err != nil {
			return t, err
		}
	}
	for _, p := range []struct {
		dst    *string
		prefix string
	}{
		{&t.NoteBeforeHTML, prefixNoteBefore},
		{&t.BodyHTML, prefixBody},
		{&t.NoteAfterHTML, prefixNoteAfter},
	} {
		if *p.dst, err = html(p.prefix); err != nil {
			return t, err
		}
	}
	return t, nil
}

// Placeholders describes the elements behind the placeholders of an
// HTML segment (see translate.HTMLDoc.Placeholders); nil for plain ones.
func (s *Source) Placeholders(key string) map[string]string {
	if s.plain[key] {
		return nil
	}
	prefix, _, ok := strings.Cut(key, ".")
	if !ok {
		return nil
	}
	if doc, ok := s.docs[prefix]; ok {
		return doc.Placeholders(key)
	}
	return nil
}
