package store

import (
	"context"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// CreateUserToken stores t and, in the same transaction, removes the
// user's unused tokens of the same purpose, so that a new reset link or a
// repeated invitation makes the older link worthless.
func (s *Store) CreateUserToken(ctx context.Context, t *news.UserToken) error {
	switch {
	case t == nil:
		return news.Errorf(news.EINVALID, "no token given")
	case t.Hash == "":
		return news.Errorf(news.EINVALID, "token has no hash")
	case t.Purpose != news.TokenReset && t.Purpose != news.TokenInvite:
		return news.Errorf(news.EINVALID, "token purpose %q is neither %q nor %q", t.Purpose, news.TokenReset, news.TokenInvite)
	case t.ExpiresAt.IsZero():
		return news.Errorf(news.EINVALID, "token has no expiry time")
	}
	created := orNow(t.CreatedAt, normTime(time.Now()))
	err := s.inTx(ctx, func(tx *Store) error {
		if _, err := tx.exec(ctx, `DELETE FROM user_tokens WHERE user_id = ? AND purpose = ? AND used_at IS NULL`,
			t.UserID, t.Purpose); err != nil {
			return dbError(err, "tokens of user %d", t.UserID)
		}
		_, err := tx.exec(ctx, `INSERT INTO user_tokens (hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			t.Hash, t.UserID, t.Purpose, tx.d.timeArg(created), tx.d.timeArg(t.ExpiresAt))
		if err != nil {
			if errorCode(err) == errForeignKey {
				return news.WrapError(news.EINVALID, err, "user %d does not exist", t.UserID)
			}
			// The hash stays out of the message: it names a credential.
			return dbError(err, "token")
		}
		return nil
	})
	if err != nil {
		return err
	}
	t.CreatedAt, t.ExpiresAt = created, normTime(t.ExpiresAt)
	return nil
}

// UseUserToken marks the token used and returns its user's ID. The check
// and the mark are one UPDATE, so of two requests racing with the same
// link exactly one wins.
func (s *Store) UseUserToken(ctx context.Context, hash, purpose string, now time.Time) (int64, error) {
	var userID int64
	err := s.writeRow(ctx, `UPDATE user_tokens SET used_at = ?
		WHERE hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`,
		s.d.timeArg(now), hash, purpose, s.d.timeArg(now)).Scan(&userID)
	if err != nil {
		return 0, dbError(err, "token")
	}
	return userID, nil
}
