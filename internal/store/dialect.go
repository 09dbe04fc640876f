package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dialect holds the few things SQLite and PostgreSQL do differently. The
// SQL in this package is written once, with "?" placeholders, and passed
// through the dialect where the two disagree.
type dialect string

const (
	sqliteDialect   dialect = "sqlite"
	postgresDialect dialect = "postgres"
)

// rebind rewrites "?" placeholders to PostgreSQL's "$1", "$2", ... It
// leaves question marks inside quoted strings and identifiers alone.
func (d dialect) rebind(query string) string {
	if d != postgresDialect || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	var quote byte // the quote we are inside of, or 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			// A doubled quote inside a quoted run is an escaped quote; it
			// closes and reopens, which this toggling handles.
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// timeLayout is how SQLite stores times: UTC, fixed width, to the
// microsecond (PostgreSQL's precision), so that comparing and sorting the
// text compares and sorts the times.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// normTime is t as the database will give it back: UTC, to the microsecond.
func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Microsecond)
}

// timeArg encodes t as a query argument.
func (d dialect) timeArg(t time.Time) any {
	t = normTime(t)
	if d == sqliteDialect {
		return t.Format(timeLayout)
	}
	return t
}

// nullTimeArg is timeArg with NULL for the zero time.
func (d dialect) nullTimeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return d.timeArg(t)
}

// monthKey is an expression giving the UTC month of the time column col as
// "YYYY-MM".
func (d dialect) monthKey(col string) string {
	if d == sqliteDialect {
		return "substr(" + col + ", 1, 7)"
	}
	return "to_char(" + col + " AT TIME ZONE 'UTC', 'YYYY-MM')"
}

// migrationsTable creates the table that records applied migrations.
func (d dialect) migrationsTable() string {
	if d == sqliteDialect {
		return `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at TEXT NOT NULL
		)`
	}
	return `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TIMESTAMPTZ NOT NULL
	)`
}

// Advisory lock keys (PostgreSQL). Arbitrary constants, chosen once.
const (
	lockMigrations   int64 = 0x6279_6c69_6e65_0001 // "byline" + 1
	lockArticleSlugs int64 = 0x6279_6c69_6e65_0002
)

// lock takes a lock held until the transaction tx ends, so that work done
// under the same key in two processes runs one after the other. SQLite
// needs none: every write transaction begins IMMEDIATE, which already
// holds the database's single write lock.
func (d dialect) lock(ctx context.Context, tx querier, key int64) error {
	if d == sqliteDialect {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", key); err != nil {
		return fmt.Errorf("advisory lock %d: %w", key, err)
	}
	return nil
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// dbTime scans a time column of either database into *T: PostgreSQL gives
// time.Time, SQLite gives the text written by timeArg (older or hand-made
// rows may use another common layout). NULL scans as the zero time.
type dbTime struct{ T *time.Time }

// timeLayouts are the layouts dbTime accepts from text, most likely first.
var timeLayouts = []string{
	timeLayout,
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02",
}

func (d dbTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d.T = time.Time{}
		return nil
	case time.Time:
		*d.T = normTime(v)
		return nil
	case []byte:
		return d.parse(string(v))
	case string:
		return d.parse(v)
	}
	return fmt.Errorf("cannot scan %T as a time", src)
}

func (d dbTime) parse(s string) error {
	t, err := parseTime(s)
	if err != nil {
		return err
	}
	*d.T = t
	return nil
}

// parseTime reads a time stored as text; a time without a zone is UTC.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return normTime(t), nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot parse %q as a time", s)
}
