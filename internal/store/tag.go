package store

import (
	"context"

	"github.com/byline-news/byline/internal/news"
)

// CreateTag inserts t and sets its ID; a taken slug is ECONFLICT.
func (s *Store) CreateTag(ctx context.Context, t *news.Tag) error {
	if t == nil {
		return news.Errorf(news.EINVALID, "no tag given")
	}
	var id int64
	err := s.inTx(ctx, func(tx *Store) error {
		err := tx.writeRow(ctx, `INSERT INTO tags (slug, name) VALUES (?, ?) RETURNING id`, t.Slug, t.Name).Scan(&id)
		if err != nil {
			return dbError(err, "tag with slug %q", t.Slug)
		}
		return tx.bumpContentVersion(ctx)
	})
	if err != nil {
		return err
	}
	t.ID = id
	return nil
}

// TagBySlug returns the tag with that slug.
func (s *Store) TagBySlug(ctx context.Context, slug string) (news.Tag, error) {
	var t news.Tag
	err := s.queryRow(ctx, `SELECT id, slug, name FROM tags WHERE slug = ?`, slug).Scan(&t.ID, &t.Slug, &t.Name)
	if err != nil {
		return news.Tag{}, dbError(err, "tag %q", slug)
	}
	return t, nil
}

// Tags returns every tag, by name.
func (s *Store) Tags(ctx context.Context) ([]news.Tag, error) {
	rows, err := s.query(ctx, `SELECT id, slug, name FROM tags ORDER BY lower(name), name, id`)
	if err != nil {
		return nil, dbError(err, "reading tags")
	}
	tags := []news.Tag{}
	err = eachRow(rows, func() error {
		var t news.Tag
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			return err
		}
		tags = append(tags, t)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "reading tags")
	}
	return tags, nil
}
