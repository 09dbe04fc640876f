package store

import (
	"context"

	"github.com/byline-news/byline/internal/news"
)

// DeleteAuthor removes an author who is on no article. An author still
// credited on articles is ECONFLICT, saying how many: their byline would
// vanish from published pages, so those articles must be changed first.
// A missing author is ENOTFOUND.
func (s *Store) DeleteAuthor(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *Store) error {
		var n int
		if err := tx.writeRow(ctx, `SELECT COUNT(*) FROM article_authors WHERE author_id = ?`, id).Scan(&n); err != nil {
			return dbError(err, "articles of author %d", id)
		}
		if n > 0 {
			return news.Errorf(news.ECONFLICT,
				"This author is credited on %d article(s). Remove them from those articles first.", n)
		}
		res, err := tx.exec(ctx, `DELETE FROM authors WHERE id = ?`, id)
		if err != nil {
			return dbError(err, "author %d", id)
		}
		deleted, err := rowsAffected(res, "author")
		if err != nil {
			return err
		}
		if deleted == 0 {
			return notFound("author %d", id)
		}
		return tx.bumpContentVersion(ctx)
	})
}
