package store

import (
	"context"
	"time"

	"github.com/byline-news/byline/internal/news"
)

const userColumns = `id, email, name, role, password_hash, created_at`

func scanUser(sc scanner) (news.User, error) {
	var u news.User
	err := sc.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, dbTime{&u.CreatedAt})
	return u, err
}

// CreateUser inserts u with its email lower-cased, and sets its ID, Email
// and CreatedAt. A taken email is ECONFLICT.
func (s *Store) CreateUser(ctx context.Context, u *news.User) error {
	if u == nil {
		return news.Errorf(news.EINVALID, "no user given")
	}
	email := fold(u.Email)
	created := orNow(u.CreatedAt, normTime(time.Now()))
	var id int64
	err := s.writeRow(ctx, `INSERT INTO users (email, name, role, password_hash, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`,
		email, u.Name, string(u.Role), u.PasswordHash, s.d.timeArg(created)).Scan(&id)
	if err != nil {
		return dbError(err, "user with email %q", email)
	}
	u.ID, u.Email, u.CreatedAt = id, email, created
	return nil
}

// UpdateUser replaces the stored user u.ID with u (email lower-cased),
// keeping CreatedAt, which it writes back to u.
func (s *Store) UpdateUser(ctx context.Context, u *news.User) error {
	if u == nil {
		return news.Errorf(news.EINVALID, "no user given")
	}
	email := fold(u.Email)
	var created time.Time
	err := s.writeRow(ctx, `UPDATE users SET email = ?, name = ?, role = ?, password_hash = ?
		WHERE id = ? RETURNING created_at`,
		email, u.Name, string(u.Role), u.PasswordHash, u.ID).Scan(dbTime{&created})
	if err != nil {
		if errorCode(err) == news.ENOTFOUND {
			return dbError(err, "user %d", u.ID)
		}
		return dbError(err, "user with email %q", email)
	}
	u.Email, u.CreatedAt = email, created
	return nil
}

// User returns the user with that ID.
func (s *Store) User(ctx context.Context, id int64) (news.User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if err != nil {
		return news.User{}, dbError(err, "user %d", id)
	}
	return u, nil
}

// UserByEmail returns the user with that email, ignoring case.
func (s *Store) UserByEmail(ctx context.Context, email string) (news.User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`, fold(email)))
	if err != nil {
		return news.User{}, dbError(err, "user with email %q", email)
	}
	return u, nil
}

// Users returns every user, oldest first.
func (s *Store) Users(ctx context.Context) ([]news.User, error) {
	rows, err := s.query(ctx, `SELECT `+userColumns+` FROM users ORDER BY id`)
	if err != nil {
		return nil, dbError(err, "reading users")
	}
	users := []news.User{}
	err = eachRow(rows, func() error {
		u, err := scanUser(rows)
		if err != nil {
			return err
		}
		users = append(users, u)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "reading users")
	}
	return users, nil
}

const tokenColumns = `id, user_id, name, hash, created_at, last_used_at`

// CreateToken inserts t and sets its ID and CreatedAt (now, unless set).
// A user that does not exist is EINVALID.
func (s *Store) CreateToken(ctx context.Context, t *news.Token) error {
	if t == nil {
		return news.Errorf(news.EINVALID, "no token given")
	}
	created := orNow(t.CreatedAt, normTime(time.Now()))
	var id int64
	err := s.writeRow(ctx, `INSERT INTO tokens (user_id, name, hash, created_at, last_used_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`,
		t.UserID, t.Name, t.Hash, s.d.timeArg(created), s.d.nullTimeArg(t.LastUsedAt)).Scan(&id)
	if err != nil {
		if errorCode(err) == errForeignKey {
			return news.WrapError(news.EINVALID, err, "user %d does not exist", t.UserID)
		}
		// The hash stays out of the message: it is a credential.
		return dbError(err, "token")
	}
	t.ID, t.CreatedAt, t.LastUsedAt = id, created, normTime(t.LastUsedAt)
	return nil
}

// TokenByHash returns the token with that hash and records that it was
// used now.
func (s *Store) TokenByHash(ctx context.Context, hash string) (news.Token, error) {
	var t news.Token
	err := s.writeRow(ctx, `UPDATE tokens SET last_used_at = ? WHERE hash = ? RETURNING `+tokenColumns,
		s.d.timeArg(time.Now()), hash).
		Scan(&t.ID, &t.UserID, &t.Name, &t.Hash, dbTime{&t.CreatedAt}, dbTime{&t.LastUsedAt})
	if err != nil {
		return news.Token{}, dbError(err, "token")
	}
	return t, nil
}
