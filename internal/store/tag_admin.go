package store

import (
	"context"

	"github.com/byline-news/byline/internal/news"
)

// Tag returns the tag with that ID.
func (s *Store) Tag(ctx context.Context, id int64) (news.Tag, error) {
	var t news.Tag
	err := s.queryRow(ctx, `SELECT id, slug, name FROM tags WHERE id = ?`, id).Scan(&t.ID, &t.Slug, &t.Name)
	if err != nil {
		return news.Tag{}, dbError(err, "tag %d", id)
	}
	return t, nil
}

// UpdateTag renames the stored tag t.ID to t's slug and name. A taken slug
// is ECONFLICT, a missing tag ENOTFOUND.
func (s *Store) UpdateTag(ctx context.Context, t *news.Tag) error {
	if t == nil {
		return news.Errorf(news.EINVALID, "no tag given")
	}
	return s.inTx(ctx, func(tx *Store) error {
		var id int64
		err := tx.writeRow(ctx, `UPDATE tags SET slug = ?, name = ? WHERE id = ? RETURNING id`,
			t.Slug, t.Name, t.ID).Scan(&id)
		if err != nil {
			if errorCode(err) == news.ENOTFOUND {
				return dbError(err, "tag %d", t.ID)
			}
			return dbError(err, "tag with slug %q", t.Slug)
		}
		return tx.bumpContentVersion(ctx)
	})
}

// DeleteTag removes the tag; its links to articles go with it (ON DELETE
// CASCADE), the articles stay. A missing tag is ENOTFOUND.
func (s *Store) DeleteTag(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *Store) error {
		res, err := tx.exec(ctx, `DELETE FROM tags WHERE id = ?`, id)
		if err != nil {
			return dbError(err, "tag %d", id)
		}
		n, err := rowsAffected(res, "tag")
		if err != nil {
			return err
		}
		if n == 0 {
			return notFound("tag %d", id)
		}
		return tx.bumpContentVersion(ctx)
	})
}
