package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// maxEditionArticles caps the articles of one edition.
const maxEditionArticles = 200

// editionColumns are read by scanEdition, in its order.
const editionColumns = `id, day, status, article_ids, created_at, started_at, finished_at`

func scanEdition(sc scanner) (news.Edition, error) {
	var (
		e   news.Edition
		ids string
	)
	if err := sc.Scan(&e.ID, &e.Day, &e.Status, &ids, dbTime{&e.CreatedAt}, dbTime{&e.StartedAt}, dbTime{&e.FinishedAt}); err != nil {
		return e, err
	}
	e.ArticleIDs = []int64{}
	if err := json.Unmarshal([]byte(ids), &e.ArticleIDs); err != nil {
		return e, news.WrapError(news.EINTERNAL, err, "edition %d has unreadable article IDs", e.ID)
	}
	return e, nil
}

// checkEditionDay refuses a day not written "2006-01-02".
func checkEditionDay(day string) error {
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return news.Errorf(news.EINVALID, "edition day %q is not a date like 2006-01-02", day)
	}
	return nil
}

// CreateEdition stores e, draft unless it says otherwise.
func (s *Store) CreateEdition(ctx context.Context, e *news.Edition) error {
	if e == nil {
		return news.Errorf(news.EINVALID, "no edition given")
	}
	if err := checkEditionDay(e.Day); err != nil {
		return err
	}
	status := e.Status
	if status == "" {
		status = news.EditionDraft
	}
	if !status.Valid() {
		return news.Errorf(news.EINVALID, "unknown edition status %q", status)
	}
	if len(e.ArticleIDs) > maxEditionArticles {
		return news.Errorf(news.EINVALID, "an edition holds at most %d articles, not %d", maxEditionArticles, len(e.ArticleIDs))
	}
	ids := e.ArticleIDs
	if ids == nil {
		ids = []int64{}
	}
	idsJSON, err := json.Marshal(ids)
	if err != nil {
		return news.WrapError(news.EINTERNAL, err, "encoding article IDs")
	}
	created := orNow(e.CreatedAt, normTime(time.Now()))
	var id int64
	err = s.writeRow(ctx, `INSERT INTO editions (day, status, article_ids, created_at, started_at, finished_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		e.Day, string(status), string(idsJSON), s.d.timeArg(created),
		s.d.nullTimeArg(e.StartedAt), s.d.nullTimeArg(e.FinishedAt)).Scan(&id)
	if err != nil {
		return dbError(err, "edition for %s", e.Day)
	}
	e.ID, e.Status, e.ArticleIDs, e.CreatedAt = id, status, ids, created
	e.StartedAt, e.FinishedAt = normTime(e.StartedAt), normTime(e.FinishedAt)
	return nil
}

// Edition returns the edition with that ID.
func (s *Store) Edition(ctx context.Context, id int64) (news.Edition, error) {
	e, err := scanEdition(s.queryRow(ctx, `SELECT `+editionColumns+` FROM editions WHERE id = ?`, id))
	if err != nil {
		return news.Edition{}, dbError(err, "edition %d", id)
	}
	return e, nil
}

// EditionByDay returns the edition of the day.
func (s *Store) EditionByDay(ctx context.Context, day string) (news.Edition, error) {
	if err := checkEditionDay(day); err != nil {
		return news.Edition{}, err
	}
	e, err := scanEdition(s.queryRow(ctx, `SELECT `+editionColumns+` FROM editions WHERE day = ?`, day))
	if err != nil {
		return news.Edition{}, dbError(err, "edition for %s", day)
	}
	return e, nil
}

// Editions returns up to limit editions, newest day first; a limit out
// of range is the default page size or the largest.
func (s *Store) Editions(ctx context.Context, limit int) ([]news.Edition, error) {
	_, limit = pageLimits(0, limit)
	rows, err := s.query(ctx, `SELECT `+editionColumns+` FROM editions ORDER BY day DESC LIMIT ?`, limit)
	if err != nil {
		return nil, dbError(err, "reading editions")
	}
	list := []news.Edition{}
	err = eachRow(rows, func() error {
		e, err := scanEdition(rows)
		if err != nil {
			return err
		}
		list = append(list, e)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "reading editions")
	}
	return list, nil
}

// SetEditionStatus moves the edition from one of from to to, checking and
// changing in one statement.
func (s *Store) SetEditionStatus(ctx context.Context, id int64, from []news.EditionStatus, to news.EditionStatus, at time.Time) error {
	if !to.Valid() {
		return news.Errorf(news.EINVALID, "unknown edition status %q", to)
	}
	if len(from) == 0 {
		return news.Errorf(news.EINVALID, "no status to move edition %d from", id)
	}
	args := []any{string(to)}
	set := `status = ?`
	switch to {
	case news.EditionSending:
		set += `, started_at = COALESCE(started_at, ?)`
		args = append(args, s.d.timeArg(at))
	case news.EditionSent, news.EditionSkipped:
		set += `, finished_at = ?`
		args = append(args, s.d.timeArg(at))
	}
	args = append(args, id)
	for _, f := range from {
		if !f.Valid() {
			return news.Errorf(news.EINVALID, "unknown edition status %q", f)
		}
		args = append(args, string(f))
	}
	res, err := s.exec(ctx, `UPDATE editions SET `+set+` WHERE id = ? AND status IN (`+placeholders(len(from))+`)`, args...)
	if err != nil {
		return dbError(err, "edition %d", id)
	}
	if n, err := rowsAffected(res, "edition status"); err != nil || n == 1 {
		return err
	}
	return s.editionConflict(ctx, id, from, to)
}

// editionConflict explains why an edition did not move to status to: it
// does not exist (ENOTFOUND) or its status is not one of from.
func (s *Store) editionConflict(ctx context.Context, id int64, from []news.EditionStatus, to news.EditionStatus) error {
	var cur news.EditionStatus
	if err := s.writeRow(ctx, `SELECT status FROM editions WHERE id = ?`, id).Scan(&cur); err != nil {
		return dbError(err, "edition %d", id)
	}
	names := make([]string, len(from))
	for i, f := range from {
		names[i] = string(f)
	}
	return news.Errorf(news.ECONFLICT, "edition %d is %s, not %s, and cannot become %s",
		id, cur, strings.Join(names, " or "), to)
}

// StartEdition moves a draft edition to sending and creates its
// deliveries, one per confirmed subscriber, in one transaction.
func (s *Store) StartEdition(ctx context.Context, id int64, at time.Time) (int, error) {
	var recipients int
	err := s.inTx(ctx, func(tx *Store) error {
		// The UPDATE locks the edition's row on PostgreSQL, so a second
		// start waits, then finds it sending.
		res, err := tx.exec(ctx, `UPDATE editions SET status = ?, started_at = ? WHERE id = ? AND status = ?`,
			string(news.EditionSending), tx.d.timeArg(at), id, string(news.EditionDraft))
		if err != nil {
			return dbError(err, "edition %d", id)
		}
		if n, err := rowsAffected(res, "starting edition"); err != nil {
			return err
		} else if n == 0 {
			return tx.editionConflict(ctx, id, []news.EditionStatus{news.EditionDraft}, news.EditionSending)
		}
		res, err = tx.exec(ctx, `INSERT INTO deliveries
			(edition_id, subscriber_id, email, lang, status, attempts, claimed_by, error)
			SELECT CAST(? AS BIGINT), id, email, lang, ?, 0, '', '' FROM subscribers WHERE status = ?`,
			id, string(news.DeliveryPending), string(news.SubscriberConfirmed))
		if err != nil {
			return dbError(err, "deliveries of edition %d", id)
		}
		n, err := rowsAffected(res, "creating deliveries")
		recipients = int(n)
		return err
	})
	if err != nil {
		return 0, err
	}
	return recipients, nil
}
