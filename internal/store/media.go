package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/byline-news/byline/internal/news"
)

const mediaColumns = `id, url, file_name, width, height, mime, byte_size, alt, caption, credit,
	variants, uploaded_by, created_at`

func scanMedia(sc scanner) (news.MediaItem, error) {
	var (
		m        news.MediaItem
		variants string
		by       sql.NullInt64
	)
	err := sc.Scan(&m.ID, &m.URL, &m.FileName, &m.Width, &m.Height, &m.Mime, &m.Bytes,
		&m.Alt, &m.Caption, &m.Credit, &variants, &by, dbTime{&m.CreatedAt})
	if err != nil {
		return news.MediaItem{}, err
	}
	m.UploadedBy = by.Int64
	if variants != "" && variants != "[]" {
		if err := json.Unmarshal([]byte(variants), &m.Variants); err != nil {
			return news.MediaItem{}, fmt.Errorf("media %d variants: %w", m.ID, err)
		}
	}
	return m, nil
}

// CreateMedia inserts m and sets its ID and CreatedAt (now, unless set).
// An UploadedBy of 0 is stored as unknown.
func (s *Store) CreateMedia(ctx context.Context, m *news.MediaItem) error {
	switch {
	case m == nil:
		return news.Errorf(news.EINVALID, "no media item given")
	case m.URL == "":
		return news.Errorf(news.EINVALID, "media item has no URL")
	case m.Width <= 0 || m.Height <= 0:
		return news.Errorf(news.EINVALID, "media item %s has no size", m.URL)
	}
	variants := m.Variants
	if variants == nil {
		variants = []news.MediaVariant{}
	}
	vj, err := json.Marshal(variants)
	if err != nil {
		return news.WrapError(news.EINTERNAL, err, "encoding media variants")
	}
	var by any
	if m.UploadedBy != 0 {
		by = m.UploadedBy
	}
	created := orNow(m.CreatedAt, normTime(time.Now()))
	var id int64
	err = s.writeRow(ctx, `INSERT INTO media (url, file_name, width, height, mime, byte_size, alt,
		caption, credit, variants, uploaded_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.URL, m.FileName, m.Width, m.Height, m.Mime, m.Bytes, m.Alt, m.Caption, m.Credit,
		string(vj), by, s.d.timeArg(created)).Scan(&id)
	if err != nil {
		if errorCode(err) == errForeignKey {
			return news.WrapError(news.EINVALID, err, "user %d does not exist", m.UploadedBy)
		}
		return dbError(err, "media item %s", m.URL)
	}
	m.ID, m.CreatedAt = id, created
	return nil
}

// MediaByID returns the library item with that ID.
func (s *Store) MediaByID(ctx context.Context, id int64) (news.MediaItem, error) {
	m, err := scanMedia(s.queryRow(ctx, `SELECT `+mediaColumns+` FROM media WHERE id = ?`, id))
	if err != nil {
		return news.MediaItem{}, dbError(err, "media item %d", id)
	}
	return m, nil
}

// MediaByURL returns the library item whose main file is at url.
func (s *Store) MediaByURL(ctx context.Context, url string) (news.MediaItem, error) {
	m, err := scanMedia(s.queryRow(ctx, `SELECT `+mediaColumns+` FROM media WHERE url = ?`, url))
	if err != nil {
		return news.MediaItem{}, dbError(err, "media item %s", url)
	}
	return m, nil
}

// FindMedia returns a page of the library, newest first.
func (s *Store) FindMedia(ctx context.Context, f news.MediaFilter) ([]news.MediaItem, int, error) {
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM media`).Scan(&total); err != nil {
		return nil, 0, dbError(err, "counting media")
	}
	offset, limit := pageLimits(f.Offset, f.Limit)
	list := []news.MediaItem{}
	if total == 0 || offset >= total {
		return list, total, nil
	}
	rows, err := s.query(ctx, `SELECT `+mediaColumns+` FROM media
		ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, 0, dbError(err, "reading media")
	}
	err = eachRow(rows, func() error {
		m, err := scanMedia(rows)
		if err != nil {
			return err
		}
		list = append(list, m)
		return nil
	})
	if err != nil {
		return nil, 0, dbError(err, "reading media")
	}
	return list, total, nil
}

// UpdateMedia sets the words that go with item id.
func (s *Store) UpdateMedia(ctx context.Context, id int64, u news.MediaUpdate) (news.MediaItem, error) {
	m, err := scanMedia(s.writeRow(ctx, `UPDATE media SET alt = ?, caption = ?, credit = ?
		WHERE id = ? RETURNING `+mediaColumns, u.Alt, u.Caption, u.Credit, id))
	if err != nil {
		return news.MediaItem{}, dbError(err, "media item %d", id)
	}
	return m, nil
}

// DeleteMedia removes item id; one that is not there is ENOTFOUND.
func (s *Store) DeleteMedia(ctx context.Context, id int64) error {
	res, err := s.exec(ctx, `DELETE FROM media WHERE id = ?`, id)
	if err != nil {
		return dbError(err, "media item %d", id)
	}
	n, err := rowsAffected(res, "media item")
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound("media item %d", id)
	}
	return nil
}
