package app_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/app"
	"github.com/byline-news/byline/internal/config"
	"github.com/byline-news/byline/internal/demo"
)

// vnuJar finds the Nu Html Checker, or skips (fails when every optional
// part is required).
func vnuJar(t *testing.T) string {
	t.Helper()
	jar := os.Getenv("BYLINE_VNU_JAR")
	_, javaErr := exec.LookPath("java")
	if jar != "" && javaErr == nil {
		if _, err := os.Stat(jar); err == nil {
			return jar
		}
	}
	reason := "the HTML checker needs java and BYLINE_VNU_JAR naming vnu.jar (npm package vnu-jar); .ci/run installs both"
	if os.Getenv("BYLINE_TEST_REQUIRE_ALL") == "1" {
		t.Fatal(reason)
	}
	t.Skip(reason)
	return ""
}

// TestPagesAreValidHTML renders every kind of page of the demo site and
// runs the W3C's Nu Html Checker over them.
func TestPagesAreValidHTML(t *testing.T) {
	jar := vnuJar(t)
	dataDir := t.TempDir()
	seed(t, dataDir)
	srv := startServer(t, dataDir, "")

	pages := map[string]string{
		"home":        "/",
		"person":      "/authors/amara-lind",
		"article":     "/articles/ferrier-street-bridge-closure",
		"republished": "/articles/water-records-ruling",
		"author":      "/authors/northfield-wire",
		"tag":         "/tags/infrastructure",
		"archive":     "/archive",
		"month":       "/archive/2026/11",
		"search":      "/search?q=bridge",
		"contact":     "/contact",
		"newsletter":  "/newsletter",
		"nl-link":     "/ar/newsletter/confirm?t=expired",
		"not-found":   "/no-such-page",
		"arabic":      "/ar/articles/ferrier-street-bridge-closure",
		"chinese":     "/zh-Hans/",
		"hebrew-tr":   "/he/articles/library-sunday-hours",
		"japanese-tr": "/ja/articles/selin-arvad-interview",
		"persian-tag": "/fa/tags/community",
		"untrans":     "/sw/articles/harbor-print-festival",
		"no-lang":     "/xx/articles/library-sunday-hours",
		"admin":       "/admin/login",
		"forgot":      "/admin/password/forgot",
		"reset":       "/admin/password/reset?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"invite":      "/admin/invite?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	}
	dir := t.TempDir()
	var files []string
	for name, path := range pages {
		code, body := get(t, srv.url+path)
		want := map[bool]int{true: 404, false: 200}[name == "not-found" || name == "no-lang"]
		if name == "nl-link" {
			want = 400 // a newsletter link that does not work, with the form
		}
		if code != want || !strings.Contains(body, "<html") {
			t.Fatalf("%s (%s) = %d, want an HTML page with status %d", name, path, code, want)
		}
		f := filepath.Join(dir, name+".html")
		if err := os.WriteFile(f, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	cmd := exec.Command("java", append([]string{"-jar", jar, "--format", "json", "--errors-only"}, files...)...)
	out, _ := cmd.CombinedOutput() // vnu exits non-zero when it finds errors; the report says which
	var report struct {
		Messages []struct {
			Type, Message, URL, Extract string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("reading the checker's report: %v\n%s", err, out)
	}
	for _, m := range report.Messages {
		t.Errorf("%s:%d: %s: %s (%q)", filepath.Base(m.URL), m.LastLine, m.Type, m.Message, m.Extract)
	}
}

// seed loads the demo content into a SQLite data directory.
func seed(t *testing.T, dataDir string) {
	t.Helper()
	cfg := config.Config{DataDir: dataDir, BaseURL: "http://127.0.0.1", LogLevel: "warn"}
	a, err := app.Open(context.Background(), cfg, app.NewLogger(io.Discard, "warn"), app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := demo.Seed(context.Background(), a.Publishing, a.Media); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.SeedTranslations(context.Background(), a.Store, a.Translation, a.Render); err != nil {
		t.Fatal(err)
	}
}
