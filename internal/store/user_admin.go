package store

import (
	"context"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// DeleteUser removes the user. Their sessions and tokens go with them (ON
// DELETE CASCADE); their articles stay, with created_by set to NULL, and
// their audit lines keep the email. A missing user is ENOTFOUND.
func (s *Store) DeleteUser(ctx context.Context, id int64) error {
	res, err := s.exec(ctx, `DELETE FROM users WHERE id = ?`, id)
	if err != nil {
		return dbError(err, "user %d", id)
	}
	n, err := rowsAffected(res, "user")
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound("user %d", id)
	}
	return nil
}

// UserSessions returns the user's sessions not past their absolute expiry
// at now, most recently seen first. Idle ones are included: the idle
// timeout is the admin's policy, not the store's.
func (s *Store) UserSessions(ctx context.Context, userID int64, now time.Time) ([]news.Session, error) {
	rows, err := s.query(ctx, `SELECT `+sessionColumns+` FROM sessions
		WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC, created_at DESC`,
		userID, s.d.timeArg(now))
	if err != nil {
		return nil, dbError(err, "sessions of user %d", userID)
	}
	list := []news.Session{}
	err = eachRow(rows, func() error {
		var sess news.Session
		if err := rows.Scan(&sess.ID, &sess.UserID, dbTime{&sess.CreatedAt},
			dbTime{&sess.LastSeenAt}, dbTime{&sess.ExpiresAt}, &sess.UserAgent, &sess.IP); err != nil {
			return err
		}
		list = append(list, sess)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "sessions of user %d", userID)
	}
	return list, nil
}
