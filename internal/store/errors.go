package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/byline-news/byline/internal/news"
)

// dbError turns an error from the database into a *news.Error. The
// formatted subject names what the statement was about ("article 42",
// "author with slug \"x\"") and starts the message: "article 42 not found",
// "author with slug \"x\" already exists". An error that already is a
// *news.Error passes through, so helpers can be stacked.
func dbError(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var ne *news.Error
	if errors.As(err, &ne) {
		return err
	}
	subject := fmt.Sprintf(format, args...)
	switch code := errorCode(err); code {
	case news.ENOTFOUND:
		return news.WrapError(code, err, "%s not found", subject)
	case news.ECONFLICT:
		return news.WrapError(code, err, "%s already exists", subject)
	case errForeignKey:
		return news.WrapError(news.EINVALID, err, "%s refers to a record that does not exist", subject)
	case news.EINVALID:
		return news.WrapError(code, err, "%s: the database refused the value", subject)
	case news.EUNAVAILABLE:
		return news.WrapError(code, err, "%s: the database is busy or unreachable; try again", subject)
	default:
		return news.WrapError(news.EINTERNAL, err, "%s: database error", subject)
	}
}

// errForeignKey is errorCode's name for a foreign key violation, reported
// as EINVALID with its own message.
const errForeignKey = "foreign_key"

// errorCode classifies a driver error.
func errorCode(err error) string {
	if errors.Is(err, sql.ErrNoRows) {
		return news.ENOTFOUND
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return news.EUNAVAILABLE
	}

	var le *sqlite.Error
	if errors.As(err, &le) {
		switch le.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return news.ECONFLICT
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return errForeignKey
		}
		// The low byte is the primary result code.
		switch le.Code() & 0xff {
		case sqlite3.SQLITE_CONSTRAINT, sqlite3.SQLITE_MISMATCH, sqlite3.SQLITE_TOOBIG, sqlite3.SQLITE_RANGE:
			return news.EINVALID
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return news.EUNAVAILABLE
		}
		return news.EINTERNAL
	}

	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505": // unique_violation
			return news.ECONFLICT
		case "23503": // foreign_key_violation
			return errForeignKey
		case "40001", "40P01", "55P03", "57P01", "57P02", "57P03":
			// serialization failure, deadlock, lock not available,
			// server shutting down or starting up
			return news.EUNAVAILABLE
		}
		class := pe.Code
		if len(class) > 2 {
			class = class[:2]
		}
		switch class {
		case "22", "23": // data exception (bad value, NUL byte, overflow), other constraints
			return news.EINVALID
		case "08", "53": // connection exception, insufficient resources
			return news.EUNAVAILABLE
		}
		return news.EINTERNAL
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || pgconn.Timeout(err) {
		return news.EUNAVAILABLE
	}
	return news.EINTERNAL
}
