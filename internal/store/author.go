package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// authorColumns are read by scanAuthor, in its order; "au" is authors.
const authorColumns = `au.id, au.slug, au.name, au.kind, au.bio, au.image_url, au.website, au.social, au.created_at`

// scanAuthor scans authorColumns, after the destinations in first.
func scanAuthor(sc scanner, first ...any) (news.Author, error) {
	var a news.Author
	var social string
	dest := append(first, &a.ID, &a.Slug, &a.Name, &a.Kind, &a.Bio, &a.ImageURL, &a.Website, &social, dbTime{&a.CreatedAt})
	if err := sc.Scan(dest...); err != nil {
		return news.Author{}, err
	}
	if social != "" && social != "null" {
		if err := json.Unmarshal([]byte(social), &a.Social); err != nil {
			return news.Author{}, fmt.Errorf("author %d social links: %w", a.ID, err)
		}
	}
	return a, nil
}

func socialJSON(links []news.Link) (string, error) {
	if links == nil {
		links = []news.Link{}
	}
	b, err := json.Marshal(links)
	if err != nil {
		return "", news.WrapError(news.EINTERNAL, err, "encoding social links")
	}
	return string(b), nil
}

// CreateAuthor inserts a and sets its ID and CreatedAt (now, unless set).
// A taken slug is ECONFLICT.
func (s *Store) CreateAuthor(ctx context.Context, a *news.Author) error {
	if a == nil {
		return news.Errorf(news.EINVALID, "no author given")
	}
	social, err := socialJSON(a.Social)
	if err != nil {
		return err
	}
	created := orNow(a.CreatedAt, normTime(time.Now()))
	var id int64
	err = s.inTx(ctx, func(tx *Store) error {
		err := tx.writeRow(ctx, `INSERT INTO authors
			(slug, name, name_folded, kind, bio, image_url, website, social, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			a.Slug, a.Name, fold(a.Name), string(a.Kind), a.Bio, a.ImageURL, a.Website, social,
			tx.d.timeArg(created)).Scan(&id)
		if err != nil {
			return dbError(err, "author with slug %q", a.Slug)
		}
		return tx.bumpContentVersion(ctx)
	})
	if err != nil {
		return err
	}
	a.ID, a.CreatedAt = id, created
	return nil
}

// UpdateAuthor replaces the stored author a.ID with a, keeping CreatedAt,
// which it writes back to a.
func (s *Store) UpdateAuthor(ctx context.Context, a *news.Author) error {
	if a == nil {
		return news.Errorf(news.EINVALID, "no author given")
	}
	social, err := socialJSON(a.Social)
	if err != nil {
		return err
	}
	var created time.Time
	err = s.inTx(ctx, func(tx *Store) error {
		err := tx.writeRow(ctx, `UPDATE authors SET slug = ?, name = ?, name_folded = ?, kind = ?,
			bio = ?, image_url = ?, website = ?, social = ?
			WHERE id = ? RETURNING created_at`,
			a.Slug, a.Name, fold(a.Name), string(a.Kind), a.Bio, a.ImageURL, a.Website, social,
			a.ID).Scan(dbTime{&created})
		if err != nil {
			// No row is a missing author; a unique clash is the slug.
			if errorCode(err) == news.ENOTFOUND {
				return dbError(err, "author %d", a.ID)
			}
			return dbError(err, "author with slug %q", a.Slug)
		}
		return tx.bumpContentVersion(ctx)
	})
	if err != nil {
		return err
	}
	a.CreatedAt = created
	return nil
}

// Author returns the author with that ID.
func (s *Store) Author(ctx context.Context, id int64) (news.Author, error) {
	a, err := scanAuthor(s.queryRow(ctx, `SELECT `+authorColumns+` FROM authors au WHERE au.id = ?`, id))
	if err != nil {
		return news.Author{}, dbError(err, "author %d", id)
	}
	return a, nil
}

// AuthorBySlug returns the author with that slug.
func (s *Store) AuthorBySlug(ctx context.Context, slug string) (news.Author, error) {
	a, err := scanAuthor(s.queryRow(ctx, `SELECT `+authorColumns+` FROM authors au WHERE au.slug = ?`, slug))
	if err != nil {
		return news.Author{}, dbError(err, "author %q", slug)
	}
	return a, nil
}

// AuthorByName returns the author whose name matches name ignoring case;
// of several, the oldest.
func (s *Store) AuthorByName(ctx context.Context, name string) (news.Author, error) {
	a, err := scanAuthor(s.queryRow(ctx, `SELECT `+authorColumns+` FROM authors au
		WHERE au.name_folded = ? ORDER BY au.id LIMIT 1`, fold(name)))
	if err != nil {
		return news.Author{}, dbError(err, "author named %q", name)
	}
	return a, nil
}

// FindAuthors returns one page of the authors matching f, by name, and
// how many match in all. Every word of the query must appear in the name
// or the slug.
func (s *Store) FindAuthors(ctx context.Context, f news.AuthorFilter) ([]news.Author, int, error) {
	var c conds
	for _, w := range queryWords(f.Query) {
		p := likeContains(w)
		c.add(`(au.name_folded LIKE ? ESCAPE '\' OR au.slug LIKE ? ESCAPE '\')`, p, p)
	}
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM authors au`+c.where(), c.args...).Scan(&total); err != nil {
		return nil, 0, dbError(err, "counting authors")
	}
	offset, limit := pageLimits(f.Offset, f.Limit)
	list := []news.Author{}
	if total == 0 || offset >= total {
		return list, total, nil
	}
	rows, err := s.query(ctx, `SELECT `+authorColumns+` FROM authors au`+c.where()+`
		ORDER BY au.name_folded, au.id LIMIT ? OFFSET ?`, append(c.args, limit, offset)...)
	if err != nil {
		return nil, 0, dbError(err, "reading authors")
	}
	err = eachRow(rows, func() error {
		a, err := scanAuthor(rows)
		if err != nil {
			return err
		}
		list = append(list, a)
		return nil
	})
	if err != nil {
		return nil, 0, dbError(err, "reading authors")
	}
	return list, total, nil
}
