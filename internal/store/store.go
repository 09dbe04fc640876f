// Package store implements news.Store on SQLite and PostgreSQL with one
// body of code over database/sql. The few places where the databases
// differ go through the dialect type.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/byline-news/byline/internal/news"
)

var _ news.Store = (*Store)(nil)

// Store is the database. A Store returned by Open is safe for concurrent
// use; the Store that WithTx hands to its function is bound to one
// transaction and must not outlive it.
type Store struct {
	d      dialect
	logger *slog.Logger

	// db takes every write and every transaction. On SQLite it is a pool
	// of one connection, because SQLite allows one writer at a time and
	// queueing in Go is kinder than retrying on SQLITE_BUSY.
	db *sql.DB
	// rdb takes reads outside a transaction: on SQLite a separate pool of
	// read-only connections (WAL lets them read while the writer writes),
	// on PostgreSQL the same pool as db.
	rdb *sql.DB
	// pool is the pgx pool under db on PostgreSQL, shared with the job
	// queue; nil on SQLite.
	pool *pgxpool.Pool

	// tx is set on the Store bound to a transaction.
	tx *sql.Tx
}

// SQLite settings applied to every connection through the DSN, so every
// pooled connection gets them: WAL lets readers run beside the writer,
// foreign keys are off by default in SQLite, busy_timeout waits out
// another process's write lock instead of failing, NORMAL sync is durable
// enough under WAL and much faster.
var sqlitePragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"foreign_keys(1)",
	"synchronous(NORMAL)",
}

// Open connects to the database named by databaseURL (a postgres:// or
// postgresql:// URL) or, when it is empty, to SQLite at
// filepath.Join(dataDir, "byline.db"), creating dataDir. It applies
// pending migrations before returning; that is safe to run again and safe
// when two processes start at once.
func Open(ctx context.Context, dataDir, databaseURL string, logger *slog.Logger) (*Store, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	var (
		s   *Store
		err error
	)
	switch {
	case databaseURL == "":
		s, err = openSQLite(ctx, dataDir, logger)
	case strings.HasPrefix(databaseURL, "postgres://"), strings.HasPrefix(databaseURL, "postgresql://"):
		s, err = openPostgres(ctx, databaseURL, logger)
	default:
		// Do not echo the URL: it may hold a password.
		return nil, news.Errorf(news.EINVALID, "database URL must start with postgres:// or postgresql://")
	}
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		return nil, errors.Join(err, s.Close())
	}
	return s, nil
}

func openSQLite(ctx context.Context, dataDir string, logger *slog.Logger) (*Store, error) {
	if dataDir == "" {
		return nil, news.Errorf(news.EINVALID, "no data directory given for the SQLite database")
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, news.WrapError(news.EINVALID, err, "cannot create data directory %q", dataDir)
	}
	path, err := filepath.Abs(filepath.Join(dataDir, "byline.db"))
	if err != nil {
		return nil, news.WrapError(news.EINVALID, err, "cannot resolve data directory %q", dataDir)
	}
	dsn := func(extra ...string) string {
		q := url.Values{}
		for _, p := range append(sqlitePragmas, extra...) {
			q.Add("_pragma", p)
		}
		// BEGIN IMMEDIATE takes the write lock at the start of a
		// transaction, so two writers queue on busy_timeout instead of
		// one failing when it upgrades from a read lock.
		q.Set("_txlock", "immediate")
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: q.Encode()}
		return u.String()
	}

	db, err := sql.Open("sqlite", dsn())
	if err != nil {
		return nil, news.WrapError(news.EINTERNAL, err, "cannot open SQLite database %q", path)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)

	// query_only makes a stray write on a read connection fail loudly
	// instead of contending with the writer.
	rdb, err := sql.Open("sqlite", dsn("query_only(1)"))
	if err != nil {
		return nil, errors.Join(news.WrapError(news.EINTERNAL, err, "cannot open SQLite database %q", path), db.Close())
	}
	n := max(4, runtime.NumCPU())
	rdb.SetMaxOpenConns(n)
	rdb.SetMaxIdleConns(n)

	s := &Store{d: sqliteDialect, logger: logger, db: db, rdb: rdb}
	if err := s.pingSQLite(ctx); err != nil {
		return nil, errors.Join(err, s.Close())
	}
	return s, nil
}

// pingSQLite pings, waiting out SQLITE_BUSY for up to ten seconds. On a
// fresh file, the first connection of each process switches the journal
// to WAL, which needs an exclusive lock; SQLite answers BUSY at once to a
// process that meets another doing the same, without calling the busy
// handler, so the wait has to happen here.
func (s *Store) pingSQLite(ctx context.Context) error {
	deadline := time.Now().Add(10 * time.Second)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, 250*time.Millisecond) {
		err := s.Ping(ctx)
		if err == nil || !isSQLiteBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

func isSQLiteBusy(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked")
}

func openPostgres(ctx context.Context, databaseURL string, logger *slog.Logger) (*Store, error) {
	// Parameters pgx does not know, such as search_path, are sent to the
	// server as run-time parameters of every connection.
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		// pgx's message can quote the URL; keep it for logs only.
		return nil, news.WrapError(news.EINVALID, err, "invalid PostgreSQL database URL")
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, news.WrapError(news.EINVALID, err, "invalid PostgreSQL configuration")
	}
	db := stdlib.OpenDBFromPool(pool)
	s := &Store{d: postgresDialect, logger: logger, db: db, rdb: db, pool: pool}
	if err := s.Ping(ctx); err != nil {
		return nil, errors.Join(err, s.Close())
	}
	return s, nil
}

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return string(s.d) }

// SQLiteWriter returns the single-connection pool that takes every write
// on SQLite, for the job queue to share; nil on PostgreSQL. Do not use it
// while a transaction of this Store is open in the same goroutine: the one
// connection is taken.
func (s *Store) SQLiteWriter() *sql.DB {
	if s.d != sqliteDialect {
		return nil
	}
	return s.db
}

// PgxPool returns the pgx pool on PostgreSQL, for the job queue to share;
// nil on SQLite.
func (s *Store) PgxPool() *pgxpool.Pool { return s.pool }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return dbError(err, "ping %s database", s.d)
	}
	if s.rdb != s.db {
		if err := s.rdb.PingContext(ctx); err != nil {
			return dbError(err, "ping %s database", s.d)
		}
	}
	return nil
}

// Close closes the pools. On a Store bound to a transaction it does
// nothing: the transaction ends when WithTx returns.
func (s *Store) Close() error {
	if s.tx != nil {
		return nil
	}
	var errs []error
	if s.rdb != s.db {
		errs = append(errs, s.rdb.Close())
	}
	errs = append(errs, s.db.Close())
	if s.pool != nil {
		s.pool.Close()
	}
	if err := errors.Join(errs...); err != nil {
		return news.WrapError(news.EINTERNAL, err, "closing the database")
	}
	return nil
}

// reader is where reads go: the transaction when there is one, else the
// read pool.
func (s *Store) reader() querier {
	if s.tx != nil {
		return s.tx
	}
	return s.rdb
}

// writer is where single-statement writes go.
func (s *Store) writer() querier {
	if s.tx != nil {
		return s.tx
	}
	return s.db
}

// WithTx runs fn with a Store bound to one transaction, committed when fn
// returns nil and rolled back when it fails or panics. On a Store already
// bound to a transaction, fn runs in that transaction.
//
// Inside fn, write only through the Store fn is given: on SQLite the
// transaction holds the one write connection, so a write through the outer
// Store would wait for it until its context ends.
func (s *Store) WithTx(ctx context.Context, fn func(tx news.Store) error) error {
	return s.inTx(ctx, func(tx *Store) error { return fn(tx) })
}

// inTx is WithTx for this package's own multi-statement writes.
func (s *Store) inTx(ctx context.Context, fn func(tx *Store) error) error {
	if s.tx != nil {
		return fn(s)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return dbError(err, "begin transaction")
	}
	done := false
	defer func() {
		if done {
			return
		}
		// Reached on error and on panic. The rollback's own failure
		// is logged: the caller already gets the error that caused it.
		if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
			s.logger.Error("rollback failed", "err", err)
		}
	}()
	txs := *s
	txs.tx = tx
	if err := fn(&txs); err != nil {
		return err
	}
	done = true
	if err := tx.Commit(); err != nil {
		return dbError(err, "commit transaction")
	}
	return nil
}

// exec runs a statement on the writer, rebinding placeholders.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return s.writer().ExecContext(ctx, s.d.rebind(query), args...)
}

// query runs a query on the reader, rebinding placeholders.
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.reader().QueryContext(ctx, s.d.rebind(query), args...)
}

// queryRow runs a one-row query on the reader, rebinding placeholders.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return s.reader().QueryRowContext(ctx, s.d.rebind(query), args...)
}

// writeRow runs a one-row statement (INSERT ... RETURNING) on the writer.
func (s *Store) writeRow(ctx context.Context, query string, args ...any) *sql.Row {
	return s.writer().QueryRowContext(ctx, s.d.rebind(query), args...)
}

// bumpContentVersion marks a change readers can see. Call it in the
// transaction of the change, so pollers never see the version before the
// change is visible.
func (s *Store) bumpContentVersion(ctx context.Context) error {
	if _, err := s.exec(ctx, `UPDATE content_version SET version = version + 1 WHERE id = 1`); err != nil {
		return dbError(err, "content version")
	}
	return nil
}

// ContentVersion returns the number that grows with every change readers
// can see, made by any process.
func (s *Store) ContentVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.queryRow(ctx, `SELECT version FROM content_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, dbError(err, "content version")
	}
	return v, nil
}

// rowsAffected returns how many rows a statement changed.
func rowsAffected(res sql.Result, what string) (int64, error) {
	n, err := res.RowsAffected()
	if err != nil {
		return 0, dbError(err, "%s", what)
	}
	return n, nil
}

// placeholders returns "?, ?, ?" for n arguments.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// int64Args converts ids to query arguments.
func int64Args(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// notFound is the ENOTFOUND error for a missing thing.
func notFound(format string, args ...any) error {
	return news.Errorf(news.ENOTFOUND, "%s not found", fmt.Sprintf(format, args...))
}
