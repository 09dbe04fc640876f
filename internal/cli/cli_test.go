package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// rig runs commands in-process against one database.
type rig struct {
	t       *testing.T
	dataDir string
	dbURL   string
}

func newRigs(t *testing.T, fn func(t *testing.T, r *rig)) {
	t.Run("sqlite", func(t *testing.T) {
		fn(t, &rig{t: t, dataDir: t.TempDir()})
	})
	t.Run("postgres", func(t *testing.T) {
		url := testutil.PostgresURL(t)
		fn(t, &rig{t: t, dataDir: t.TempDir(), dbURL: url})
	})
}

func (r *rig) run(stdin string, args ...string) (code int, stdout, stderr string) {
	r.t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{
		"BYLINE_DATA":         r.dataDir,
		"BYLINE_DATABASE_URL": r.dbURL,
		"BYLINE_BASE_URL":     "https://news.example",
		"BYLINE_LOG_LEVEL":    "warn",
	}
	code = Run(context.Background(), args, IO{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] },
	})
	return code, out.String(), errb.String()
}

func (r *rig) store() *store.Store {
	r.t.Helper()
	st, err := store.Open(context.Background(), r.dataDir, r.dbURL, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { st.Close() })
	return st
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const goodArticle = `---
title: Harbour bridge reopens
authors:
  - Ada Reporter
  - name: Coastal Wire
    kind: organization
date: 2026-11-20
tags: [transport, city]
source_name: Coastal Wire
source_url: https://wire.example/bridge
---
The bridge is open again.
`

func TestImportMarkdownReportsBrokenFilesAndImportsTheRest(t *testing.T) {
	newRigs(t, func(t *testing.T, r *rig) {
		dir := t.TempDir()
		good := write(t, dir, "a-good.md", goodArticle)
		bad := write(t, dir, "b-bad.md", "---\ntitle: Broken\ndate: 2026-02-30\n---\nBody.\n")
		alsoGood := write(t, dir, "c-good.md", strings.Replace(goodArticle, "Harbour bridge reopens", "Second story", 1))

		code, stdout, stderr := r.run("", "import", "markdown", good, bad, alsoGood)
		if code == 0 {
			t.Fatalf("exit code 0 with a broken file; stderr:\n%s", stderr)
		}
		if !strings.Contains(stderr, bad+":3") {
			t.Errorf("stderr does not name the file and line %s:3:\n%s", bad, stderr)
		}
		if !strings.Contains(stderr, "imported 2 of 3 files") {
			t.Errorf("stderr does not count the successes:\n%s", stderr)
		}
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		if len(lines) != 2 {
			t.Fatalf("stdout has %d lines, want one per imported article:\n%s", len(lines), stdout)
		}
		if !strings.HasSuffix(lines[0], "https://news.example/articles/harbour-bridge-reopens") {
			t.Errorf("first line %q does not end with the article's public URL", lines[0])
		}
		if !strings.Contains(stderr, `created author "Ada Reporter"`) || !strings.Contains(stderr, `"Coastal Wire" (organization)`) {
			t.Errorf("created authors not reported:\n%s", stderr)
		}

		st := r.store()
		arts, total, err := st.FindArticles(context.Background(), news.ArticleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 {
			t.Fatalf("%d articles stored, want 2", total)
		}
		for _, a := range arts {
			if a.Title == "Broken" {
				t.Fatal("the broken file was imported")
			}
		}

		// Importing the same file again gives the article a unique slug.
		code, stdout, stderr = r.run("", "import", "markdown", good)
		if code != 0 {
			t.Fatalf("re-import failed: %s", stderr)
		}
		if !strings.HasSuffix(strings.TrimSpace(stdout), "/articles/harbour-bridge-reopens-2") {
			t.Errorf("duplicate slug not suffixed: %q", stdout)
		}
	})
}

func TestUserAddAndTokenCreate(t *testing.T) {
	newRigs(t, func(t *testing.T, r *rig) {
		code, _, stderr := r.run("a long enough password\n", "user", "add", "--email", "Ed@News.Example", "--name", "Ed", "--role", "editor")
		if code != 0 {
			t.Fatalf("user add failed: %s", stderr)
		}
		code, _, stderr = r.run("another long password\n", "user", "add", "--email", "ed@news.example", "--name", "Ed 2", "--role", "editor")
		if code == 0 || !strings.Contains(stderr, "already exists") {
			t.Fatalf("duplicate user accepted (code %d): %s", code, stderr)
		}
		code, _, stderr = r.run("short\n", "user", "add", "--email", "x@news.example", "--name", "X")
		if code != 2 || !strings.Contains(stderr, "at least") {
			t.Fatalf("short password accepted (code %d): %s", code, stderr)
		}
		code, _, stderr = r.run("a long enough password\n", "user", "add", "--email", "y@news.example", "--name", "Y", "--role", "king")
		if code != 2 || !strings.Contains(stderr, "king") {
			t.Fatalf("bad role accepted (code %d): %s", code, stderr)
		}

		code, stdout, stderr := r.run("", "token", "create", "--email", "ed@news.example")
		if code != 0 {
			t.Fatalf("token create failed: %s", stderr)
		}
		fields := strings.Fields(stdout)
		secret := fields[len(fields)-1]
		if !strings.HasPrefix(secret, "byline_") {
			t.Fatalf("last word %q is not a token", secret)
		}
		code, _, stderr = r.run("", "token", "create", "--email", "nobody@news.example")
		if code == 0 || !strings.Contains(stderr, "no user") {
			t.Fatalf("token for unknown user: code %d, %s", code, stderr)
		}
	})
}

func TestUnknownCommandAndUsage(t *testing.T) {
	r := &rig{t: t, dataDir: t.TempDir()}
	if code, _, stderr := r.run("", "frobnicate"); code != 2 || !strings.Contains(stderr, "unknown command") {
		t.Fatalf("unknown command: code %d, %s", code, stderr)
	}
	if code, _, stderr := r.run("", "import", "markdown"); code != 2 || !strings.Contains(stderr, "name one or more") {
		t.Fatalf("import without paths: code %d, %s", code, stderr)
	}
	if code, _, stderr := r.run("", "serve", "--addr", "nonsense"); code != 2 || !strings.Contains(stderr, "host:port") {
		t.Fatalf("bad addr: code %d, %s", code, stderr)
	}
}
