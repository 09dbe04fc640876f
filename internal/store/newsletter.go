package store

import (
	"context"
	"strings"
	"time"
	"unicode"

	"github.com/byline-news/byline/internal/news"
)

// Limits on what a subscriber row may hold. The address limit is RFC
// 5321's on a forward path; the callers check addresses properly, these
// keep rubbish out of the table whoever calls.
const (
	maxEmailLen   = 254
	maxLangLen    = 35
	maxConsentLen = 4000
)

// subscriberColumns are read by scanSubscriber, in its order.
const subscriberColumns = `id, email, lang, status, consent_text, source, hard_bounces,
	created_at, confirmed_at, unsubscribed_at`

func scanSubscriber(sc scanner) (news.Subscriber, error) {
	var s news.Subscriber
	err := sc.Scan(&s.ID, &s.Email, &s.Lang, &s.Status, &s.ConsentText, &s.Source, &s.HardBounces,
		dbTime{&s.CreatedAt}, dbTime{&s.ConfirmedAt}, dbTime{&s.UnsubscribedAt})
	return s, err
}

// emailKey is the form addresses are compared in.
func emailKey(email string) string { return fold(strings.TrimSpace(email)) }

// checkEmail refuses an address no mail could be sent to.
func checkEmail(email string) error {
	switch {
	case email == "":
		return news.Errorf(news.EINVALID, "subscriber has no email address")
	case len(email) > maxEmailLen:
		return news.Errorf(news.EINVALID, "email address is longer than %d bytes", maxEmailLen)
	case strings.IndexFunc(email, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return news.Errorf(news.EINVALID, "email address %q contains a space or control character", email)
	case !strings.Contains(email, "@"):
		return news.Errorf(news.EINVALID, "email address %q has no @", email)
	}
	return nil
}

// checkLang refuses an empty or overlong language code.
func checkLang(lang string) error {
	switch {
	case lang == "":
		return news.Errorf(news.EINVALID, "subscriber has no language")
	case len(lang) > maxLangLen || strings.IndexFunc(lang, unicode.IsSpace) >= 0:
		return news.Errorf(news.EINVALID, "language %q is not a language code", lang)
	}
	return nil
}

// checkSubscriber validates what RequestSubscription and
// ImportSubscribers store, after trimming the address.
func checkSubscriber(s *news.Subscriber) error {
	if err := checkEmail(s.Email); err != nil {
		return err
	}
	if err := checkLang(s.Lang); err != nil {
		return err
	}
	if len(s.ConsentText) > maxConsentLen {
		return news.Errorf(news.EINVALID, "consent text is longer than %d bytes", maxConsentLen)
	}
	return nil
}

// RequestSubscription records a subscription request; see
// news.NewsletterStore for what it does to each status.
func (s *Store) RequestSubscription(ctx context.Context, sub *news.Subscriber) (bool, error) {
	if sub == nil {
		return false, news.Errorf(news.EINVALID, "no subscriber given")
	}
	row := *sub
	row.Email = strings.TrimSpace(row.Email)
	if err := checkSubscriber(&row); err != nil {
		return false, err
	}
	key := emailKey(row.Email)
	now := normTime(time.Now())
	var created bool
	var stored news.Subscriber
	err := s.inTx(ctx, func(tx *Store) error {
		// DO NOTHING on a taken address keeps a PostgreSQL transaction
		// usable when another request inserted it meanwhile.
		res, err := tx.exec(ctx, `INSERT INTO subscribers
			(email, email_key, lang, status, consent_text, source, hard_bounces, created_at)
			VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (email_key) DO NOTHING`,
			row.Email, key, row.Lang, string(news.SubscriberPending), row.ConsentText,
			news.SourceForm, tx.d.timeArg(orNow(row.CreatedAt, now)))
		if err != nil {
			return dbError(err, "subscriber")
		}
		n, err := rowsAffected(res, "subscriber")
		if err != nil {
			return err
		}
		created = n == 1
		if !created {
			_, err := tx.exec(ctx, `UPDATE subscribers
				SET status = ?, lang = ?, consent_text = ?, confirmed_at = NULL, unsubscribed_at = NULL
				WHERE email_key = ? AND status IN (?, ?)`,
				string(news.SubscriberPending), row.Lang, row.ConsentText, key,
				string(news.SubscriberPending), string(news.SubscriberUnsubscribed))
			if err != nil {
				return dbError(err, "subscriber")
			}
		}
		stored, err = scanSubscriber(tx.queryRow(ctx, `SELECT `+subscriberColumns+`
			FROM subscribers WHERE email_key = ?`, key))
		return dbError(err, "subscriber")
	})
	if err != nil {
		return false, err
	}
	*sub = stored
	return created, nil
}

// ConfirmSubscriber turns a pending subscriber confirmed.
func (s *Store) ConfirmSubscriber(ctx context.Context, id int64, at time.Time) error {
	res, err := s.exec(ctx, `UPDATE subscribers SET status = ?, confirmed_at = ? WHERE id = ? AND status = ?`,
		string(news.SubscriberConfirmed), s.d.timeArg(at), id, string(news.SubscriberPending))
	if err != nil {
		return dbError(err, "subscriber %d", id)
	}
	if n, err := rowsAffected(res, "confirming subscriber"); err != nil || n == 1 {
		return err
	}
	cur, err := s.subscriberOnWriter(ctx, id)
	if err != nil {
		return err
	}
	if cur.Status == news.SubscriberConfirmed {
		return nil
	}
	return news.Errorf(news.ECONFLICT, "subscriber %d is %s and cannot be confirmed", id, cur.Status)
}

// subscriberOnWriter reads a subscriber through the writer, so that it
// sees what the statement before it just did on SQLite's separate pools.
func (s *Store) subscriberOnWriter(ctx context.Context, id int64) (news.Subscriber, error) {
	sub, err := scanSubscriber(s.writeRow(ctx, `SELECT `+subscriberColumns+` FROM subscribers WHERE id = ?`, id))
	if err != nil {
		return news.Subscriber{}, dbError(err, "subscriber %d", id)
	}
	return sub, nil
}

// Subscriber returns the subscriber with that ID.
func (s *Store) Subscriber(ctx context.Context, id int64) (news.Subscriber, error) {
	sub, err := scanSubscriber(s.queryRow(ctx, `SELECT `+subscriberColumns+` FROM subscribers WHERE id = ?`, id))
	if err != nil {
		return news.Subscriber{}, dbError(err, "subscriber %d", id)
	}
	return sub, nil
}

// SubscriberByEmail returns the subscriber with that address, compared
// case-insensitively.
func (s *Store) SubscriberByEmail(ctx context.Context, email string) (news.Subscriber, error) {
	sub, err := scanSubscriber(s.queryRow(ctx, `SELECT `+subscriberColumns+` FROM subscribers WHERE email_key = ?`,
		emailKey(email)))
	if err != nil {
		return news.Subscriber{}, dbError(err, "subscriber %q", email)
	}
	return sub, nil
}

// FindSubscribers returns one page of the subscribers matching f, newest
// first, and how many match in all.
func (s *Store) FindSubscribers(ctx context.Context, f news.SubscriberFilter) ([]news.Subscriber, int, error) {
	var c conds
	if q := emailKey(f.Query); q != "" {
		c.add(`email_key LIKE ? ESCAPE '\'`, likeContains(q))
	}
	if f.Lang != "" {
		c.add(`lang = ?`, f.Lang)
	}
	if f.Status != "" {
		if !f.Status.Valid() {
			return nil, 0, news.Errorf(news.EINVALID, "unknown subscriber status %q", f.Status)
		}
		c.add(`status = ?`, string(f.Status))
	}
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM subscribers`+c.where(), c.args...).Scan(&total); err != nil {
		return nil, 0, dbError(err, "counting subscribers")
	}
	offset, limit := pageLimits(f.Offset, f.Limit)
	list := []news.Subscriber{}
	if total == 0 || offset >= total {
		return list, total, nil
	}
	rows, err := s.query(ctx, `SELECT `+subscriberColumns+` FROM subscribers`+c.where()+`
		ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, append(c.args, limit, offset)...)
	if err != nil {
		return nil, 0, dbError(err, "reading subscribers")
	}
	err = eachRow(rows, func() error {
		sub, err := scanSubscriber(rows)
		if err != nil {
			return err
		}
		list = append(list, sub)
		return nil
	})
	if err != nil {
		return nil, 0, dbError(err, "reading subscribers")
	}
	return list, total, nil
}

// SetSubscriberLanguage changes the subscriber's language.
func (s *Store) SetSubscriberLanguage(ctx context.Context, id int64, lang string) error {
	if err := checkLang(lang); err != nil {
		return err
	}
	res, err := s.exec(ctx, `UPDATE subscribers SET lang = ? WHERE id = ?`, lang, id)
	if err != nil {
		return dbError(err, "subscriber %d", id)
	}
	return mustHaveChanged(res, "subscriber %d", id)
}

// mustHaveChanged is ENOTFOUND when the statement changed no row.
func mustHaveChanged(res interface{ RowsAffected() (int64, error) }, format string, args ...any) error {
	n, err := res.RowsAffected()
	if err != nil {
		return dbError(err, format, args...)
	}
	if n == 0 {
		return notFound(format, args...)
	}
	return nil
}

// Unsubscribe makes a pending or confirmed subscriber unsubscribed; one
// already unsubscribed or suppressed is left alone.
func (s *Store) Unsubscribe(ctx context.Context, id int64, at time.Time) error {
	res, err := s.exec(ctx, `UPDATE subscribers SET status = ?, unsubscribed_at = ? WHERE id = ? AND status IN (?, ?)`,
		string(news.SubscriberUnsubscribed), s.d.timeArg(at), id,
		string(news.SubscriberPending), string(news.SubscriberConfirmed))
	if err != nil {
		return dbError(err, "subscriber %d", id)
	}
	if n, err := rowsAffected(res, "unsubscribing"); err != nil || n == 1 {
		return err
	}
	_, err = s.subscriberOnWriter(ctx, id)
	return err
}

// DeleteSubscriber erases the subscriber and their deliveries.
func (s *Store) DeleteSubscriber(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *Store) error {
		// The foreign key cascades too; deleting here does not rely on it.
		if _, err := tx.exec(ctx, `DELETE FROM deliveries WHERE subscriber_id = ?`, id); err != nil {
			return dbError(err, "deliveries of subscriber %d", id)
		}
		res, err := tx.exec(ctx, `DELETE FROM subscribers WHERE id = ?`, id)
		if err != nil {
			return dbError(err, "subscriber %d", id)
		}
		return mustHaveChanged(res, "subscriber %d", id)
	})
}

// RecordHardBounce counts a hard bounce and suppresses the subscriber at
// suppressAfter of them, in one statement.
func (s *Store) RecordHardBounce(ctx context.Context, id int64, suppressAfter int) (bool, error) {
	if suppressAfter < 1 {
		return false, news.Errorf(news.EINVALID, "hard bounces before suppression must be at least 1, not %d", suppressAfter)
	}
	var status news.SubscriberStatus
	err := s.writeRow(ctx, `UPDATE subscribers SET hard_bounces = hard_bounces + 1,
			status = CASE WHEN hard_bounces + 1 >= ? THEN ? ELSE status END
		WHERE id = ? RETURNING status`,
		suppressAfter, string(news.SubscriberSuppressed), id).Scan(&status)
	if err != nil {
		return false, dbError(err, "subscriber %d", id)
	}
	return status == news.SubscriberSuppressed, nil
}
