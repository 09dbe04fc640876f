package translation

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/translate"
)

// Segments returns the article's segments in lang lined up with its
// current source, for editing side by side: stored translations where
// they exist, empty ones otherwise.
func (s *Service) Segments(ctx context.Context, a news.Article, lang string) (*Source, []news.TranslationSegment, error) {
	src, err := Split(a)
	if err != nil {
		return nil, nil, err
	}
	segs, err := s.merge(ctx, src, lang)
	if err != nil {
		return nil, nil, err
	}
	return src, segs, nil
}

// SaveEdits stores a person's translations of segments, keyed by segment
// key: a non-empty text becomes the segment's human translation for its
// current source, an empty one removes the person's edit (the machine's
// output shows again). Nothing is stored when any edit is invalid; the
// error names the segment.
func (s *Service) SaveEdits(ctx context.Context, articleID int64, lang string, edits map[string]string, by string) error {
	if !s.langs.IsTranslation(lang) {
		return news.Errorf(news.EINVALID, "%q is not a translation language of this site", lang)
	}
	a, err := s.store.Article(ctx, articleID)
	if err != nil {
		return err
	}
	src, err := Split(a)
	if err != nil {
		return err
	}
	return s.saveEdits(ctx, src, lang, edits, by)
}

// saveEdits is SaveEdits for the article src was split from.
func (s *Service) saveEdits(ctx context.Context, src *Source, lang string, edits map[string]string, by string) error {
	a := src.Article
	segs, err := s.merge(ctx, src, lang)
	if err != nil {
		return err
	}
	byKey := make(map[string]int, len(segs))
	for i, seg := range segs {
		byKey[seg.Key] = i
	}
	now := s.now().UTC()
	var memory []news.MemoryEntry
	for key, text := range edits {
		i, ok := byKey[key]
		if !ok {
			return news.Errorf(news.EINVALID, "segment %q is not part of the article any more; reload the page", key)
		}
		text = strings.TrimSpace(text)
		seg := &segs[i]
		if text == "" {
			seg.Human, seg.HumanSourceHash, seg.HumanBy, seg.HumanAt = "", "", "", time.Time{}
			continue
		}
		if err := src.Check(key, text); err != nil {
			return news.Errorf(news.EINVALID, "segment %s: %v", key, err)
		}
		if seg.HumanCurrent() && seg.Human == text {
			continue
		}
		seg.Human, seg.HumanSourceHash, seg.HumanBy, seg.HumanAt = text, seg.SourceHash, by, now
		memory = append(memory, news.MemoryEntry{
			SourceLang: a.Language, TargetLang: lang, SourceHash: seg.SourceHash,
			Source: seg.Source, Target: text, Provider: "human", Human: true, CreatedAt: now,
		})
	}
	return s.store.WithTx(ctx, func(tx news.Store) error {
		if len(memory) > 0 {
			if err := tx.SaveMemory(ctx, memory); err != nil {
				return err
			}
		}
		return s.save(ctx, tx, src, lang, segs)
	})
}

// HumanText is a whole translation written by a person, such as the demo
// site's: plain-text fields and sanitized HTML with the source's block
// structure and inline markup.
type HumanText struct {
	Title, Subtitle, Summary            string
	ImageAlt, ImageCaption, ImageCredit string
	NoteBeforeHTML, BodyHTML            string
	NoteAfterHTML                       string
}

// ImportHuman stores a person's whole translation of the article into
// lang, pairing it with the source segment by segment. A translation
// whose structure differs from the source's (a paragraph more or less, a
// link missing) is refused with an error naming the first difference,
// and nothing is stored.
func (s *Service) ImportHuman(ctx context.Context, articleID int64, lang string, h HumanText, by string) error {
	a, err := s.store.Article(ctx, articleID)
	if err != nil {
		return err
	}
	src, err := Split(a)
	if err != nil {
		return err
	}
	// The translation as an article of its own, split the same way.
	ta := a
	ta.Title, ta.Subtitle, ta.Summary = h.Title, h.Subtitle, h.Summary
	ta.Image.Alt, ta.Image.Caption, ta.Image.Credit = h.ImageAlt, h.ImageCaption, h.ImageCredit
	ta.NoteBeforeHTML, ta.BodyHTML, ta.NoteAfterHTML = h.NoteBeforeHTML, h.BodyHTML, h.NoteAfterHTML
	tr, err := Split(ta)
	if err != nil {
		return err
	}
	if len(tr.Segments) != len(src.Segments) {
		return news.Errorf(news.EINVALID, "the %s translation of %q has %d segments, the original %d: %s",
			lang, a.Slug, len(tr.Segments), len(src.Segments), firstKeyDifference(src.Segments, tr.Segments))
	}
	edits := make(map[string]string, len(src.Segments))
	for i, seg := range src.Segments {
		t := tr.Segments[i]
		if t.Key != seg.Key {
			return news.Errorf(news.EINVALID, "the %s translation of %q: segment %d is %s, the original's is %s", lang, a.Slug, i, t.Key, seg.Key)
		}
		text := t.Text
		if have := tr.Placeholders(seg.Key); len(have) > 0 {
			// The translation may order its markup differently: name
			// each element as the original does.
			if text, err = translate.Realign(text, have, src.Placeholders(seg.Key)); err != nil {
				return news.Errorf(news.EINVALID, "the %s translation of %q, segment %s: %v", lang, a.Slug, seg.Key, err)
			}
		}
		if err := src.Check(seg.Key, text); err != nil {
			return news.Errorf(news.EINVALID, "the %s translation of %q, segment %s: %v", lang, a.Slug, seg.Key, err)
		}
		edits[seg.Key] = text
	}
	if !s.langs.IsTranslation(lang) {
		return news.Errorf(news.EINVALID, "%q is not a translation language of this site", lang)
	}
	return s.saveEdits(ctx, src, lang, edits, by)
}

func firstKeyDifference(a, b []translate.Segment) string {
	for i := range min(len(a), len(b)) {
		if a[i].Key != b[i].Key {
			return fmt.Sprintf("first difference at %s / %s", a[i].Key, b[i].Key)
		}
	}
	if len(a) > len(b) {
		return fmt.Sprintf("the translation lacks %s", a[len(b)].Key)
	}
	return fmt.Sprintf("the translation has an extra %s", b[len(a)].Key)
}
