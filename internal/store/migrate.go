package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// migrationFiles holds the schema, one directory per dialect, one file per
// version: NNNN_name.sql. A shipped file is never edited; a change is a new
// file, written for both dialects.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the dialect's migrations in version order.
func (d dialect) migrations() ([]migration, error) {
	dir := "migrations/" + string(d)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	var ms []migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil || version <= 0 {
			return nil, fmt.Errorf("migration %s/%s: name must start with a positive version number and an underscore", dir, name)
		}
		if other, dup := seen[version]; dup {
			return nil, fmt.Errorf("migrations %s and %s share version %d", other, name, version)
		}
		seen[version] = name
		body, err := fs.ReadFile(migrationFiles, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		ms = append(ms, migration{version: version, name: name, sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// migrate applies the migrations not yet recorded in schema_migrations,
// each in its own transaction. Two processes starting at once do not race:
// on PostgreSQL each transaction first takes an advisory lock, on SQLite
// it begins IMMEDIATE and so holds the write lock; the second process then
// finds the version recorded and skips it.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := s.d.migrations()
	if err != nil {
		return news.WrapError(news.EINTERNAL, err, "loading migrations")
	}
	for _, m := range ms {
		if err := s.applyMigration(ctx, m); err != nil {
			return err
		}
	}

	// A database migrated by a newer Byline may have columns or
	// constraints this one does not know how to fill: refuse it.
	var newest int
	err = s.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&newest)
	if err != nil {
		return dbError(err, "schema version")
	}
	if len(ms) > 0 && newest > ms[len(ms)-1].version {
		return news.Errorf(news.EINVALID,
			"the database schema is at version %d, newer than this program's %d: upgrade Byline",
			newest, ms[len(ms)-1].version)
	}
	return nil
}

func (s *Store) applyMigration(ctx context.Context, m migration) error {
	return s.inTx(ctx, func(tx *Store) error {
		if err := tx.d.lock(ctx, tx.tx, lockMigrations); err != nil {
			return dbError(err, "migration lock")
		}
		if _, err := tx.exec(ctx, tx.d.migrationsTable()); err != nil {
			return dbError(err, "creating schema_migrations")
		}
		var n int
		err := tx.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n)
		if err != nil {
			return dbError(err, "migration %d", m.version)
		}
		if n > 0 {
			return nil
		}
		start := time.Now()
		// Straight to the transaction: migration files are SQL of their own
		// dialect, with no placeholders to rebind.
		if _, err := tx.tx.ExecContext(ctx, m.sql); err != nil {
			return news.WrapError(news.EINTERNAL, err, "applying migration %s", m.name)
		}
		_, err = tx.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			m.version, m.name, tx.d.timeArg(time.Now()))
		if err != nil {
			return dbError(err, "recording migration %s", m.name)
		}
		s.logger.Info("applied migration", "dialect", string(s.d), "migration", m.name, "took", time.Since(start))
		return nil
	})
}
