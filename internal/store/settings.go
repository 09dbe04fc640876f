package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// Settings returns the saved settings, or news.DefaultSettings when none
// were saved. Saved JSON is read over the defaults, so a setting added in a
// later version starts at its default on an old site.
func (s *Store) Settings(ctx context.Context) (news.Settings, error) {
	var data string
	err := s.queryRow(ctx, `SELECT data FROM settings WHERE id = 1`).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return news.DefaultSettings(), nil
	}
	if err != nil {
		return news.Settings{}, dbError(err, "settings")
	}
	st := news.DefaultSettings()
	if err := json.Unmarshal([]byte(data), &st); err != nil {
		return news.Settings{}, news.WrapError(news.EINTERNAL, err, "the stored settings are not valid JSON")
	}
	return st, nil
}

// SaveSettings stores st, replacing what was saved.
func (s *Store) SaveSettings(ctx context.Context, st news.Settings) error {
	data, err := json.Marshal(st)
	if err != nil {
		return news.WrapError(news.EINTERNAL, err, "encoding settings")
	}
	return s.inTx(ctx, func(tx *Store) error {
		_, err := tx.exec(ctx, `INSERT INTO settings (id, data, updated_at) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
			string(data), tx.d.timeArg(time.Now()))
		if err != nil {
			return dbError(err, "settings")
		}
		return tx.bumpContentVersion(ctx)
	})
}
