package store

import (
	"context"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// ImportSubscribers stores subs in one transaction. Every row is checked
// before anything is written, so a bad row stores nothing; addresses
// already stored or repeated in subs are skipped and not counted.
func (s *Store) ImportSubscribers(ctx context.Context, subs []news.Subscriber) (int, error) {
	rows := make([]news.Subscriber, len(subs))
	now := normTime(time.Now())
	for i, sub := range subs {
		sub.Email = strings.TrimSpace(sub.Email)
		if err := checkImported(&sub, now); err != nil {
			return 0, news.Errorf(news.EINVALID, "row %d (%q): %s", i+1, sub.Email, news.ErrorMessage(err))
		}
		rows[i] = sub
	}
	imported := 0
	err := s.inTx(ctx, func(tx *Store) error {
		for i, sub := range rows {
			res, err := tx.exec(ctx, `INSERT INTO subscribers
				(email, email_key, lang, status, consent_text, source, hard_bounces,
				 created_at, confirmed_at, unsubscribed_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email_key) DO NOTHING`,
				sub.Email, emailKey(sub.Email), sub.Lang, string(sub.Status), sub.ConsentText, sub.Source,
				sub.HardBounces, tx.d.timeArg(sub.CreatedAt), tx.d.nullTimeArg(sub.ConfirmedAt),
				tx.d.nullTimeArg(sub.UnsubscribedAt))
			if err != nil {
				return dbError(err, "row %d (%q)", i+1, sub.Email)
			}
			n, err := rowsAffected(res, "importing subscribers")
			if err != nil {
				return err
			}
			imported += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return imported, nil
}

// checkImported validates an imported subscriber and fills in what an
// import may leave out: source import, CreatedAt now, ConfirmedAt and
// UnsubscribedAt the creation time for those statuses.
func checkImported(sub *news.Subscriber, now time.Time) error {
	if err := checkSubscriber(sub); err != nil {
		return err
	}
	switch {
	case !sub.Status.Valid():
		return news.Errorf(news.EINVALID, "unknown subscriber status %q", sub.Status)
	case sub.Status == news.SubscriberConfirmed && strings.TrimSpace(sub.ConsentText) == "":
		return news.Errorf(news.EINVALID, "a confirmed subscriber needs the consent text they agreed to")
	case sub.HardBounces < 0:
		return news.Errorf(news.EINVALID, "hard bounces %d is negative", sub.HardBounces)
	}
	sub.Source = news.SourceImport
	sub.CreatedAt = orNow(sub.CreatedAt, now)
	if sub.Status == news.SubscriberConfirmed && sub.ConfirmedAt.IsZero() {
		sub.ConfirmedAt = sub.CreatedAt
	}
	if sub.Status == news.SubscriberUnsubscribed && sub.UnsubscribedAt.IsZero() {
		sub.UnsubscribedAt = sub.CreatedAt
	}
	return nil
}
