// Package testutil is the test rig shared by Byline's packages: stores on
// SQLite and PostgreSQL, fresh for every test.
package testutil

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/byline-news/byline/internal/store"
)

// Environment variables that choose the databases tests run on.
const (
	// EnvDatabaseURL is a PostgreSQL URL the tests may create schemas in.
	EnvDatabaseURL = "BYLINE_TEST_DATABASE_URL"
	// EnvRequireAll set to 1 turns a skipped database into a failure, so
	// CI cannot pass without testing PostgreSQL.
	EnvRequireAll = "BYLINE_TEST_REQUIRE_ALL"
)

// Stores runs fn as a subtest named "sqlite" and one named "postgres",
// each with a fresh, migrated, empty store that is closed when the subtest
// ends. Without BYLINE_TEST_DATABASE_URL the postgres subtest is skipped
// with the reason, or fails when BYLINE_TEST_REQUIRE_ALL=1.
func Stores(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, NewSQLiteStore(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, NewPostgresStore(t)) })
}

// NewSQLiteStore returns a migrated store on a new SQLite database in
// t.TempDir(), closed when the test ends.
func NewSQLiteStore(t testing.TB) *store.Store {
	t.Helper()
	return OpenStore(t, t.TempDir(), "")
}

// NewPostgresStore returns a migrated store in a new PostgreSQL schema,
// closed and dropped when the test ends; see PostgresURL for when it skips.
func NewPostgresStore(t testing.TB) *store.Store {
	t.Helper()
	return OpenStore(t, "", PostgresURL(t))
}

// OpenStore opens (and migrates) a store as store.Open does and closes it
// when the test ends. Tests use it to open a second store on the same
// database, as another process would.
func OpenStore(t testing.TB, dataDir, databaseURL string) *store.Store {
	t.Helper()
	s, err := store.Open(t.Context(), dataDir, databaseURL, Logger(t))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return s
}

// Logger returns a logger that writes to the test log, shown when the test
// fails or runs with -v.
func Logger(t testing.TB) *slog.Logger {
	t.Helper()
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// PostgresURL returns the URL of a new, empty PostgreSQL schema of its own
// (search_path set in the URL), dropped when the test ends: for tests that
// start a whole server or another process. Without BYLINE_TEST_DATABASE_URL
// the test is skipped, or fails when BYLINE_TEST_REQUIRE_ALL=1.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvDatabaseURL)
	if base == "" {
		reason := EnvDatabaseURL + " is not set, so the PostgreSQL tests cannot run " +
			"(example: postgres://postgres@127.0.0.1:5432/test?sslmode=disable)"
		if os.Getenv(EnvRequireAll) == "1" {
			t.Fatal(reason + "; " + EnvRequireAll + "=1 requires them")
		}
		t.Skip(reason)
	}
	u, err := url.Parse(base)
	if err != nil {
		// The URL may hold a password: do not print it.
		t.Fatalf("%s is not a valid URL", EnvDatabaseURL)
	}

	var rnd [8]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		t.Fatalf("random schema name: %v", err)
	}
	schema := "byline_test_" + hex.EncodeToString(rnd[:])
	// pgx.Identifier quotes the name, though ours needs no quoting.
	ident := pgx.Identifier{schema}.Sanitize()

	adminExec(t, base, "CREATE SCHEMA "+ident)
	t.Cleanup(func() { adminExec(t, base, "DROP SCHEMA IF EXISTS "+ident+" CASCADE") })

	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// adminExec runs one statement on a connection of its own. It does not use
// t.Context(), which is already cancelled when cleanups run.
func adminExec(t testing.TB, databaseURL, stmt string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, databaseURL)
	if err != nil {
		t.Fatalf("connect to %s: %v", EnvDatabaseURL, err)
	}
	defer func() {
		if err := conn.Close(ctx); err != nil {
			t.Errorf("close admin connection: %v", err)
		}
	}()
	if _, err := conn.Exec(ctx, stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}
