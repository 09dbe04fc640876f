package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// RecordAudit appends e to the audit log and sets its ID, and At to now
// when it is zero. A UserID of zero is stored as NULL.
func (s *Store) RecordAudit(ctx context.Context, e *news.AuditEntry) error {
	if e == nil {
		return news.Errorf(news.EINVALID, "no audit entry given")
	}
	if e.Action == "" {
		return news.Errorf(news.EINVALID, "audit entry has no action")
	}
	at := orNow(e.At, normTime(time.Now()))
	var user any
	if e.UserID != 0 {
		user = e.UserID
	}
	var id int64
	err := s.writeRow(ctx, `INSERT INTO audit_log (at, user_id, user_email, action, subject, detail)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		s.d.timeArg(at), user, e.UserEmail, e.Action, e.Subject, e.Detail).Scan(&id)
	if err != nil {
		if errorCode(err) == errForeignKey {
			return news.WrapError(news.EINVALID, err, "user %d does not exist", e.UserID)
		}
		return dbError(err, "audit entry")
	}
	e.ID, e.At = id, at
	return nil
}

// AuditEntries returns a page of the audit log, newest first, and how
// many entries there are in all.
func (s *Store) AuditEntries(ctx context.Context, f news.AuditFilter) ([]news.AuditEntry, int, error) {
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM audit_log`).Scan(&total); err != nil {
		return nil, 0, dbError(err, "counting audit entries")
	}
	offset, limit := pageLimits(f.Offset, f.Limit)
	list := []news.AuditEntry{}
	if total == 0 || offset >= total {
		return list, total, nil
	}
	rows, err := s.query(ctx, `SELECT id, at, user_id, user_email, action, subject, detail
		FROM audit_log ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, 0, dbError(err, "reading audit entries")
	}
	err = eachRow(rows, func() error {
		var e news.AuditEntry
		var user sql.NullInt64
		if err := rows.Scan(&e.ID, dbTime{&e.At}, &user, &e.UserEmail, &e.Action, &e.Subject, &e.Detail); err != nil {
			return err
		}
		e.UserID = user.Int64
		list = append(list, e)
		return nil
	})
	if err != nil {
		return nil, 0, dbError(err, "reading audit entries")
	}
	return list, total, nil
}
