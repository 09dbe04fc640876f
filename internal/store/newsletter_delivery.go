package store

import (
	"context"
	"sort"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// maxClaim caps how many deliveries one claim takes.
const maxClaim = 1000

// deliveryColumns are read by scanDelivery, in its order.
const deliveryColumns = `edition_id, subscriber_id, email, lang, status, attempts,
	claimed_by, claimed_at, sent_at, error`

func scanDelivery(sc scanner) (news.Delivery, error) {
	var d news.Delivery
	err := sc.Scan(&d.EditionID, &d.SubscriberID, &d.Email, &d.Lang, &d.Status, &d.Attempts,
		&d.ClaimedBy, dbTime{&d.ClaimedAt}, dbTime{&d.SentAt}, &d.Error)
	return d, err
}

// claimSQL is the statement of ClaimDeliveries per dialect. Arguments:
// status sending, worker, claimed at, edition, status pending, edition
// status sending, n. Both pick the pending rows of a sending edition in
// subscriber order and return them changed.
//
// On PostgreSQL, FOR UPDATE SKIP LOCKED makes a concurrent claimer pass
// over rows another holds instead of waiting for them and then finding
// them taken. On SQLite every write goes through the one write
// connection, so two claims cannot interleave.
var claimSQL = map[dialect]string{
	postgresDialect: `WITH picked AS (
			SELECT d.edition_id, d.subscriber_id FROM deliveries d
			WHERE d.edition_id = ? AND d.status = ?
				AND EXISTS (SELECT 1 FROM editions e WHERE e.id = d.edition_id AND e.status = ?)
			ORDER BY d.subscriber_id LIMIT ?
			FOR UPDATE OF d SKIP LOCKED)
		UPDATE deliveries u SET status = ?, claimed_by = ?, claimed_at = ?, attempts = u.attempts + 1
		FROM picked p WHERE u.edition_id = p.edition_id AND u.subscriber_id = p.subscriber_id
		RETURNING u.edition_id, u.subscriber_id, u.email, u.lang, u.status, u.attempts,
			u.claimed_by, u.claimed_at, u.sent_at, u.error`,
	sqliteDialect: `UPDATE deliveries SET status = ?, claimed_by = ?, claimed_at = ?, attempts = attempts + 1
		WHERE rowid IN (
			SELECT d.rowid FROM deliveries d
			WHERE d.edition_id = ? AND d.status = ?
				AND EXISTS (SELECT 1 FROM editions e WHERE e.id = d.edition_id AND e.status = ?)
			ORDER BY d.subscriber_id LIMIT ?)
		RETURNING ` + deliveryColumns,
}

// ClaimDeliveries takes up to n pending deliveries of a sending edition
// for worker, in one statement.
func (s *Store) ClaimDeliveries(ctx context.Context, editionID int64, worker string, n int, at time.Time) ([]news.Delivery, error) {
	switch {
	case worker == "":
		return nil, news.Errorf(news.EINVALID, "claiming deliveries needs a worker name")
	case n < 1 || n > maxClaim:
		return nil, news.Errorf(news.EINVALID, "cannot claim %d deliveries at once; claim 1 to %d", n, maxClaim)
	}
	pick := []any{editionID, string(news.DeliveryPending), string(news.EditionSending), n}
	set := []any{string(news.DeliverySending), worker, s.d.timeArg(at)}
	var args []any
	if s.d == postgresDialect {
		args = append(pick, set...)
	} else {
		args = append(set, pick...)
	}
	rows, err := s.writer().QueryContext(ctx, s.d.rebind(claimSQL[s.d]), args...)
	if err != nil {
		return nil, dbError(err, "claiming deliveries of edition %d", editionID)
	}
	list := []news.Delivery{}
	err = eachRow(rows, func() error {
		d, err := scanDelivery(rows)
		if err != nil {
			return err
		}
		list = append(list, d)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "claiming deliveries of edition %d", editionID)
	}
	// RETURNING gives no order.
	sort.Slice(list, func(i, j int) bool { return list[i].SubscriberID < list[j].SubscriberID })
	return list, nil
}

// MarkDelivery records the outcome of a delivery worker holds.
func (s *Store) MarkDelivery(ctx context.Context, editionID, subscriberID int64, worker string, status news.DeliveryStatus, errText string, at time.Time) error {
	var set string
	args := []any{string(status), errText}
	switch status {
	case news.DeliverySent:
		set = `, sent_at = ?`
		args = append(args, s.d.timeArg(at))
	case news.DeliveryBounced, news.DeliveryFailed:
	case news.DeliveryPending:
		// Back in the queue: no one holds it now.
		set = `, claimed_by = '', claimed_at = NULL`
	default:
		return news.Errorf(news.EINVALID, "a delivery cannot be marked %q; want sent, bounced, failed or pending", status)
	}
	args = append(args, editionID, subscriberID, string(news.DeliverySending), worker)
	res, err := s.exec(ctx, `UPDATE deliveries SET status = ?, error = ?`+set+`
		WHERE edition_id = ? AND subscriber_id = ? AND status = ? AND claimed_by = ?`, args...)
	if err != nil {
		return dbError(err, "delivery of edition %d to subscriber %d", editionID, subscriberID)
	}
	if n, err := rowsAffected(res, "marking delivery"); err != nil || n == 1 {
		return err
	}
	var (
		cur news.DeliveryStatus
		by  string
	)
	err = s.writeRow(ctx, `SELECT status, claimed_by FROM deliveries WHERE edition_id = ? AND subscriber_id = ?`,
		editionID, subscriberID).Scan(&cur, &by)
	if err != nil {
		return dbError(err, "delivery of edition %d to subscriber %d", editionID, subscriberID)
	}
	return news.Errorf(news.ECONFLICT, "delivery of edition %d to subscriber %d is %s, claimed by %q, not sending for %q",
		editionID, subscriberID, cur, by, worker)
}

// RecoverInFlight makes the edition's deliveries claimed before
// claimedBefore and still sending ambiguous.
func (s *Store) RecoverInFlight(ctx context.Context, editionID int64, claimedBefore time.Time) (int, error) {
	res, err := s.exec(ctx, `UPDATE deliveries SET status = ?
		WHERE edition_id = ? AND status = ? AND claimed_at < ?`,
		string(news.DeliveryAmbiguous), editionID, string(news.DeliverySending), s.d.timeArg(claimedBefore))
	if err != nil {
		return 0, dbError(err, "deliveries of edition %d", editionID)
	}
	n, err := rowsAffected(res, "recovering deliveries")
	return int(n), err
}

// DeliveryCounts counts the edition's deliveries by language and status.
func (s *Store) DeliveryCounts(ctx context.Context, editionID int64) ([]news.DeliveryCount, error) {
	rows, err := s.query(ctx, `SELECT lang, status, COUNT(*) FROM deliveries WHERE edition_id = ?
		GROUP BY lang, status ORDER BY lang, status`, editionID)
	if err != nil {
		return nil, dbError(err, "counting deliveries of edition %d", editionID)
	}
	list := []news.DeliveryCount{}
	err = eachRow(rows, func() error {
		var c news.DeliveryCount
		if err := rows.Scan(&c.Lang, &c.Status, &c.Count); err != nil {
			return err
		}
		list = append(list, c)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "counting deliveries of edition %d", editionID)
	}
	return list, nil
}

// PendingDeliveries counts the edition's deliveries waiting to be
// claimed.
func (s *Store) PendingDeliveries(ctx context.Context, editionID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM deliveries WHERE edition_id = ? AND status = ?`,
		editionID, string(news.DeliveryPending)).Scan(&n)
	if err != nil {
		return 0, dbError(err, "counting deliveries of edition %d", editionID)
	}
	return n, nil
}
