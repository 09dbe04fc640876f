package store

import (
	"context"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// dayLayout is how translation_usage names a UTC day. Days in this form
// sort as text in time order.
const dayLayout = "2006-01-02"

// AddTranslationUsage adds chars and one request to the provider's count
// for day ("2006-01-02"), in one statement so that concurrent calls all
// count. An empty provider, another day format or negative chars is
// EINVALID.
func (s *Store) AddTranslationUsage(ctx context.Context, provider, day string, chars int64) error {
	switch {
	case provider == "":
		return news.Errorf(news.EINVALID, "translation usage has no provider")
	case chars < 0:
		return news.Errorf(news.EINVALID, "translation usage of %s: negative character count %d", provider, chars)
	}
	if err := checkDay(day); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO translation_usage (provider, day, chars, requests) VALUES (?, ?, ?, 1)
		ON CONFLICT (provider, day) DO UPDATE SET
			chars = translation_usage.chars + excluded.chars,
			requests = translation_usage.requests + 1`, provider, day, chars)
	if err != nil {
		return dbError(err, "translation usage of %s on %s", provider, day)
	}
	return nil
}

// TranslationUsageSince returns the counts from day ("2006-01-02") on,
// newest day first, then by provider. An empty day means from the start.
func (s *Store) TranslationUsageSince(ctx context.Context, day string) ([]news.TranslationUsage, error) {
	if day != "" {
		if err := checkDay(day); err != nil {
			return nil, err
		}
	}
	rows, err := s.query(ctx, `SELECT provider, day, chars, requests FROM translation_usage
		WHERE day >= ? ORDER BY day DESC, provider`, day)
	if err != nil {
		return nil, dbError(err, "reading translation usage since %q", day)
	}
	list := []news.TranslationUsage{}
	err = eachRow(rows, func() error {
		var u news.TranslationUsage
		if err := rows.Scan(&u.Provider, &u.Day, &u.Chars, &u.Requests); err != nil {
			return err
		}
		list = append(list, u)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "reading translation usage since %q", day)
	}
	return list, nil
}

// checkDay refuses a day not written as "2006-01-02".
func checkDay(day string) error {
	if _, err := time.Parse(dayLayout, day); err != nil {
		return news.Errorf(news.EINVALID, "day %q is not a date like 2006-01-02", day)
	}
	return nil
}
