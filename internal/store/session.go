package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/byline-news/byline/internal/news"
)

const sessionColumns = `id, user_id, created_at, last_seen_at, expires_at, user_agent, ip`

// CreateSession inserts sess. CreatedAt and LastSeenAt default to now;
// ExpiresAt is required, since a session without an end is a bug.
func (s *Store) CreateSession(ctx context.Context, sess *news.Session) error {
	switch {
	case sess == nil:
		return news.Errorf(news.EINVALID, "no session given")
	case sess.ID == "":
		return news.Errorf(news.EINVALID, "session has no ID")
	case sess.ExpiresAt.IsZero():
		return news.Errorf(news.EINVALID, "session has no expiry time")
	}
	created := orNow(sess.CreatedAt, normTime(time.Now()))
	seen := orNow(sess.LastSeenAt, created)
	_, err := s.exec(ctx, `INSERT INTO sessions (`+sessionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		sess.ID, sess.UserID, s.d.timeArg(created), s.d.timeArg(seen), s.d.timeArg(sess.ExpiresAt),
		sess.UserAgent, sess.IP)
	if err != nil {
		if errorCode(err) == errForeignKey {
			return news.WrapError(news.EINVALID, err, "user %d does not exist", sess.UserID)
		}
		// The ID stays out of the message: it is the hash of a credential.
		return dbError(err, "session")
	}
	sess.CreatedAt, sess.LastSeenAt, sess.ExpiresAt = created, seen, normTime(sess.ExpiresAt)
	return nil
}

// SessionByHash returns the session with that ID when it is live at now.
// An idle of zero or less leaves out the idle check.
func (s *Store) SessionByHash(ctx context.Context, id string, now time.Time, idle time.Duration) (news.Session, error) {
	q := `SELECT ` + sessionColumns + ` FROM sessions WHERE id = ? AND expires_at > ?`
	args := []any{id, s.d.timeArg(now)}
	if idle > 0 {
		q += ` AND last_seen_at > ?`
		args = append(args, s.d.timeArg(now.Add(-idle)))
	}
	var sess news.Session
	err := s.queryRow(ctx, q, args...).Scan(&sess.ID, &sess.UserID, dbTime{&sess.CreatedAt},
		dbTime{&sess.LastSeenAt}, dbTime{&sess.ExpiresAt}, &sess.UserAgent, &sess.IP)
	if err != nil {
		return news.Session{}, dbError(err, "session")
	}
	return sess, nil
}

// TouchSession sets the session's LastSeenAt to now. A session that is
// gone is ENOTFOUND.
func (s *Store) TouchSession(ctx context.Context, id string, now time.Time) error {
	res, err := s.exec(ctx, `UPDATE sessions SET last_seen_at = ? WHERE id = ?`, s.d.timeArg(now), id)
	if err != nil {
		return dbError(err, "session")
	}
	n, err := rowsAffected(res, "session")
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound("session")
	}
	return nil
}

// DeleteSession removes the session, if it is there.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	if _, err := s.exec(ctx, `DELETE FROM sessions WHERE id = ?`, id); err != nil {
		return dbError(err, "session")
	}
	return nil
}

// DeleteUserSessions removes every session of the user.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	if _, err := s.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
		return dbError(err, "sessions of user %d", userID)
	}
	return nil
}

// DeleteExpiredSessions removes the sessions past their absolute expiry
// or, when idle is positive, not seen for idle.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time, idle time.Duration) (int, error) {
	q := `DELETE FROM sessions WHERE expires_at <= ?`
	args := []any{s.d.timeArg(now)}
	if idle > 0 {
		q += ` OR last_seen_at <= ?`
		args = append(args, s.d.timeArg(now.Add(-idle)))
	}
	res, err := s.exec(ctx, q, args...)
	if err != nil {
		return 0, dbError(err, "expired sessions")
	}
	n, err := rowsAffected(res, "expired sessions")
	return int(n), err
}

// secretKeySize is the length of every key SecretKey returns: 256 bits,
// the size of an HMAC-SHA256 key.
const secretKeySize = 32

// SecretKey returns the key called name, making a random one the first
// time. Two processes asking at once get the same key: the first insert
// wins and both read what it wrote.
func (s *Store) SecretKey(ctx context.Context, name string) ([]byte, error) {
	if name == "" {
		return nil, news.Errorf(news.EINVALID, "no secret key name given")
	}
	fresh := make([]byte, secretKeySize)
	if _, err := rand.Read(fresh); err != nil {
		return nil, news.WrapError(news.EINTERNAL, err, "making secret key %q", name)
	}
	_, err := s.exec(ctx, `INSERT INTO secret_keys (name, value, created_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO NOTHING`, name, hex.EncodeToString(fresh), s.d.timeArg(time.Now()))
	if err != nil {
		return nil, dbError(err, "secret key %q", name)
	}
	var value string
	if err := s.queryRow(ctx, `SELECT value FROM secret_keys WHERE name = ?`, name).Scan(&value); err != nil {
		return nil, dbError(err, "secret key %q", name)
	}
	key, err := hex.DecodeString(value)
	if err != nil || len(key) != secretKeySize {
		return nil, news.Errorf(news.EINTERNAL, "secret key %q is damaged in the database", name)
	}
	return key, nil
}
