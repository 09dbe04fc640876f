package store

import (
	"context"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// inChunk is how many values one IN list or multi-row VALUES carries at
// most, well under SQLite's and PostgreSQL's limits on bound parameters.
const inChunk = 500

// segmentRowsPerInsert is how many segments one INSERT writes: 13
// parameters each keeps a statement under 3,000 parameters.
const segmentRowsPerInsert = 200

// translationColumns are read by scanTranslation, in its order.
const translationColumns = `article_id, lang, title, subtitle, summary, body_html,
	image_alt, image_caption, image_credit, note_before_html, note_after_html,
	source_digest, status, providers, updated_at`

func scanTranslation(sc scanner) (news.Translation, error) {
	var t news.Translation
	err := sc.Scan(&t.ArticleID, &t.Lang, &t.Title, &t.Subtitle, &t.Summary, &t.BodyHTML,
		&t.ImageAlt, &t.ImageCaption, &t.ImageCredit, &t.NoteBeforeHTML, &t.NoteAfterHTML,
		&t.SourceDigest, &t.Status, &t.Providers, dbTime{&t.UpdatedAt})
	return t, err
}

// segmentColumns are read by scanSegment and written by insertSegments,
// in this order.
const segmentColumns = `article_id, lang, key, position, source, source_hash, machine, provider,
	human, human_source_hash, human_by, human_at, updated_at`

func scanSegment(sc scanner) (news.TranslationSegment, error) {
	var g news.TranslationSegment
	err := sc.Scan(&g.ArticleID, &g.Lang, &g.Key, &g.Position, &g.Source, &g.SourceHash,
		&g.Machine, &g.Provider, &g.Human, &g.HumanSourceHash, &g.HumanBy,
		dbTime{&g.HumanAt}, dbTime{&g.UpdatedAt})
	return g, err
}

// ArticleTranslation returns the article's translation into lang.
func (s *Store) ArticleTranslation(ctx context.Context, articleID int64, lang string) (news.Translation, error) {
	t, err := scanTranslation(s.queryRow(ctx, `SELECT `+translationColumns+`
		FROM article_translations WHERE article_id = ? AND lang = ?`, articleID, lang))
	if err != nil {
		return news.Translation{}, dbError(err, "translation of article %d into %q", articleID, lang)
	}
	return t, nil
}

// ArticleTranslationsIn returns the translations into lang of those of
// articleIDs that have one, reading a few hundred articles per query.
// No IDs is an empty map.
func (s *Store) ArticleTranslationsIn(ctx context.Context, lang string, articleIDs []int64) (map[int64]news.Translation, error) {
	out := make(map[int64]news.Translation, len(articleIDs))
	ids := uniqueIDs(append([]int64(nil), articleIDs...))
	for start := 0; start < len(ids); start += inChunk {
		chunk := ids[start:min(start+inChunk, len(ids))]
		args := append([]any{lang}, int64Args(chunk)...)
		rows, err := s.query(ctx, `SELECT `+translationColumns+` FROM article_translations
			WHERE lang = ? AND article_id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, dbError(err, "reading translations into %q", lang)
		}
		err = eachRow(rows, func() error {
			t, err := scanTranslation(rows)
			if err != nil {
				return err
			}
			out[t.ArticleID] = t
			return nil
		})
		if err != nil {
			return nil, dbError(err, "reading translations into %q", lang)
		}
	}
	return out, nil
}

// TranslationLanguages returns, by article, the languages the articles
// have a translation into, sorted; articles without any are absent.
func (s *Store) TranslationLanguages(ctx context.Context, articleIDs []int64) (map[int64][]string, error) {
	out := make(map[int64][]string, len(articleIDs))
	ids := uniqueIDs(append([]int64(nil), articleIDs...))
	for start := 0; start < len(ids); start += inChunk {
		chunk := ids[start:min(start+inChunk, len(ids))]
		rows, err := s.query(ctx, `SELECT article_id, lang FROM article_translations
			WHERE article_id IN (`+placeholders(len(chunk))+`) ORDER BY article_id, lang`, int64Args(chunk)...)
		if err != nil {
			return nil, dbError(err, "reading the languages of translations")
		}
		err = eachRow(rows, func() error {
			var id int64
			var lang string
			if err := rows.Scan(&id, &lang); err != nil {
				return err
			}
			out[id] = append(out[id], lang)
			return nil
		})
		if err != nil {
			return nil, dbError(err, "reading the languages of translations")
		}
	}
	return out, nil
}

// TranslationsOf returns every stored translation of the article, by
// language; an article without any, or one that does not exist, has an
// empty list.
func (s *Store) TranslationsOf(ctx context.Context, articleID int64) ([]news.Translation, error) {
	rows, err := s.query(ctx, `SELECT `+translationColumns+` FROM article_translations
		WHERE article_id = ? ORDER BY lang`, articleID)
	if err != nil {
		return nil, dbError(err, "reading translations of article %d", articleID)
	}
	list := []news.Translation{}
	err = eachRow(rows, func() error {
		t, err := scanTranslation(rows)
		if err != nil {
			return err
		}
		list = append(list, t)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "reading translations of article %d", articleID)
	}
	return list, nil
}

// TranslationSegments returns the article's segments in lang by
// Position, then Key; none is an empty list.
func (s *Store) TranslationSegments(ctx context.Context, articleID int64, lang string) ([]news.TranslationSegment, error) {
	rows, err := s.query(ctx, `SELECT `+segmentColumns+` FROM translation_segments
		WHERE article_id = ? AND lang = ? ORDER BY position, key`, articleID, lang)
	if err != nil {
		return nil, dbError(err, "reading segments of article %d in %q", articleID, lang)
	}
	list := []news.TranslationSegment{}
	err = eachRow(rows, func() error {
		g, err := scanSegment(rows)
		if err != nil {
			return err
		}
		list = append(list, g)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "reading segments of article %d in %q", articleID, lang)
	}
	return list, nil
}

// SaveTranslation replaces the article's translation into t.Lang and
// all its segments in one transaction: segments not in the list are
// gone afterwards. t.UpdatedAt becomes now; a segment with a zero
// UpdatedAt is stored with that time too, others keep theirs. Segments
// belong to t: an ArticleID or Lang left zero is t's, another is
// EINVALID, as are an empty or repeated Key and a Status other than
// machine, reviewed or stale (a person's edit outdated by its source). The content version grows.
func (s *Store) SaveTranslation(ctx context.Context, t *news.Translation, segments []news.TranslationSegment) error {
	if err := checkTranslation(t, segments); err != nil {
		return err
	}
	now := normTime(time.Now())
	err := s.inTx(ctx, func(tx *Store) error {
		var exists int
		if err := tx.queryRow(ctx, `SELECT 1 FROM articles WHERE id = ?`, t.ArticleID).Scan(&exists); err != nil {
			return dbError(err, "article %d", t.ArticleID)
		}
		_, err := tx.exec(ctx, `INSERT INTO article_translations (`+translationColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (article_id, lang) DO UPDATE SET
				title = excluded.title, subtitle = excluded.subtitle, summary = excluded.summary,
				body_html = excluded.body_html, image_alt = excluded.image_alt,
				image_caption = excluded.image_caption, image_credit = excluded.image_credit,
				note_before_html = excluded.note_before_html, note_after_html = excluded.note_after_html,
				source_digest = excluded.source_digest, status = excluded.status,
				providers = excluded.providers, updated_at = excluded.updated_at`,
			t.ArticleID, t.Lang, t.Title, t.Subtitle, t.Summary, t.BodyHTML,
			t.ImageAlt, t.ImageCaption, t.ImageCredit, t.NoteBeforeHTML, t.NoteAfterHTML,
			t.SourceDigest, string(t.Status), t.Providers, tx.d.timeArg(now))
		if err != nil {
			if errorCode(err) == errForeignKey {
				// The article went between the check and the insert.
				return news.WrapError(news.ENOTFOUND, err, "article %d not found", t.ArticleID)
			}
			return dbError(err, "translation of article %d into %q", t.ArticleID, t.Lang)
		}
		if _, err := tx.exec(ctx, `DELETE FROM translation_segments WHERE article_id = ? AND lang = ?`,
			t.ArticleID, t.Lang); err != nil {
			return dbError(err, "segments of article %d in %q", t.ArticleID, t.Lang)
		}
		if err := tx.insertSegments(ctx, t, segments, now); err != nil {
			return err
		}
		return tx.bumpContentVersion(ctx)
	})
	if err != nil {
		return err
	}
	t.UpdatedAt = now
	return nil
}

// checkTranslation refuses a translation the store would not keep.
func checkTranslation(t *news.Translation, segments []news.TranslationSegment) error {
	switch {
	case t == nil:
		return news.Errorf(news.EINVALID, "no translation given")
	case t.ArticleID <= 0:
		return news.Errorf(news.EINVALID, "translation has no article ID")
	case strings.TrimSpace(t.Lang) == "":
		return news.Errorf(news.EINVALID, "translation of article %d has no language", t.ArticleID)
	case t.Status != news.TranslationMachine && t.Status != news.TranslationReviewed && t.Status != news.TranslationStale:
		return news.Errorf(news.EINVALID, "translation of article %d into %q has status %q; want %q, %q or %q",
			t.ArticleID, t.Lang, t.Status, news.TranslationMachine, news.TranslationReviewed, news.TranslationStale)
	}
	keys := make(map[string]bool, len(segments))
	for _, g := range segments {
		switch {
		case g.ArticleID != 0 && g.ArticleID != t.ArticleID:
			return news.Errorf(news.EINVALID, "segment %q is of article %d, not %d", g.Key, g.ArticleID, t.ArticleID)
		case g.Lang != "" && g.Lang != t.Lang:
			return news.Errorf(news.EINVALID, "segment %q is in %q, not %q", g.Key, g.Lang, t.Lang)
		case g.Key == "":
			return news.Errorf(news.EINVALID, "a segment of article %d in %q has no key", t.ArticleID, t.Lang)
		case keys[g.Key]:
			return news.Errorf(news.EINVALID, "segment %q of article %d in %q is given twice", g.Key, t.ArticleID, t.Lang)
		}
		keys[g.Key] = true
	}
	return nil
}

// insertSegments writes the segments of t, a few hundred per statement.
func (s *Store) insertSegments(ctx context.Context, t *news.Translation, segments []news.TranslationSegment, now time.Time) error {
	const row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	for start := 0; start < len(segments); start += segmentRowsPerInsert {
		chunk := segments[start:min(start+segmentRowsPerInsert, len(segments))]
		values := make([]string, len(chunk))
		args := make([]any, 0, 13*len(chunk))
		for i, g := range chunk {
			values[i] = row
			args = append(args, t.ArticleID, t.Lang, g.Key, g.Position, g.Source, g.SourceHash,
				g.Machine, g.Provider, g.Human, g.HumanSourceHash, g.HumanBy,
				s.d.nullTimeArg(g.HumanAt), s.d.timeArg(orNow(g.UpdatedAt, now)))
		}
		_, err := s.exec(ctx, `INSERT INTO translation_segments (`+segmentColumns+`)
			VALUES `+strings.Join(values, ", "), args...)
		if err != nil {
			return dbError(err, "segments of article %d in %q", t.ArticleID, t.Lang)
		}
	}
	return nil
}

// DeleteTranslation removes the article's translation into lang and its
// segments (ON DELETE CASCADE). The content version grows when there was
// one to remove; none is no error.
func (s *Store) DeleteTranslation(ctx context.Context, articleID int64, lang string) error {
	return s.inTx(ctx, func(tx *Store) error {
		res, err := tx.exec(ctx, `DELETE FROM article_translations WHERE article_id = ? AND lang = ?`,
			articleID, lang)
		if err != nil {
			return dbError(err, "translation of article %d into %q", articleID, lang)
		}
		n, err := rowsAffected(res, "deleting translation")
		if err != nil || n == 0 {
			return err
		}
		return tx.bumpContentVersion(ctx)
	})
}
