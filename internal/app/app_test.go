package app_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/app"
	"github.com/byline-news/byline/internal/config"
	"github.com/byline-news/byline/internal/testutil"
)

// bylineBin is the byline binary built once for the tests that run it as a
// separate process.
var bylineBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "byline-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bylineBin = filepath.Join(dir, "byline")
	build := exec.Command("go", "build", "-o", bylineBin, "../../cmd/byline")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building byline:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// server is a running in-process Byline.
type server struct {
	url string
	cfg config.Config
}

func startServer(t *testing.T, dataDir, dbURL string, configure ...func(*config.Config)) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	cfg := config.Config{DataDir: dataDir, DatabaseURL: dbURL, BaseURL: base, LogLevel: "warn"}
	for _, c := range configure {
		c(&cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	a, err := app.Open(ctx, cfg, app.NewLogger(io.Discard, "warn"), app.Options{Work: true})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		a.Close()
	})
	return &server{url: base, cfg: cfg}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func eachDatabase(t *testing.T, fn func(t *testing.T, dataDir, dbURL string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, t.TempDir(), "") })
	t.Run("postgres", func(t *testing.T) { fn(t, t.TempDir(), testutil.PostgresURL(t)) })
}

// TestImportFromAnotherProcessShowsWithinOneSecond is the contract that a
// change made by any byline process shows on every running instance's
// pages within one second.
func TestImportFromAnotherProcessShowsWithinOneSecond(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dataDir, dbURL string) {
		srv := startServer(t, dataDir, dbURL)
		if code, _ := get(t, srv.url+"/healthz"); code != http.StatusOK {
			t.Fatalf("/healthz = %d", code)
		}
		// Warm the page cache so that a stale page would be served.
		if code, body := get(t, srv.url+"/"); code != http.StatusOK || strings.Contains(body, "Night ferry") {
			t.Fatalf("home before import: %d", code)
		}

		md := filepath.Join(t.TempDir(), "ferry.md")
		os.WriteFile(md, []byte("---\ntitle: Night ferry returns\nauthors: [Ida Quay]\n---\nThe ferry is back.\n"), 0o644)
		cmd := exec.Command(bylineBin, "import", "markdown", "--data", dataDir, "--base-url", srv.url, md)
		if dbURL != "" {
			cmd.Args = append(cmd.Args[:3], append([]string{"--database-url", dbURL}, cmd.Args[3:]...)...)
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		imported := time.Now()
		for {
			code, body := get(t, srv.url+"/")
			if code == http.StatusOK && strings.Contains(body, "Night ferry returns") {
				break
			}
			if time.Since(imported) > time.Second {
				t.Fatalf("the imported article did not show on the home page within one second")
			}
			time.Sleep(20 * time.Millisecond)
		}
		if code, body := get(t, srv.url+"/articles/night-ferry-returns"); code != http.StatusOK || !strings.Contains(body, "Ida Quay") {
			t.Fatalf("article page = %d", code)
		}
	})
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	srv := startServer(t, t.TempDir(), "")
	for _, path := range []string{"/", "/no-such-page", "/api/v1/articles", "/feed.xml"} {
		resp, err := http.Get(srv.url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
			if resp.Header.Get(h) == "" {
				t.Errorf("%s: no %s header", path, h)
			}
		}
	}
}
