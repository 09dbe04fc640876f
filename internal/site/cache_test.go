package site

import (
	"compress/gzip"
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestCacheServesHitsWithValidatorsAndGzip(t *testing.T) {
	fx := newFixture(t, testutil.NewSQLiteStore(t))
	const path = "/articles/talks-resume"

	first := fx.get(path)
	if first.Code != 200 || first.Header().Get("X-Cache") != "miss" {
		t.Fatalf("first request: %d, X-Cache %q", first.Code, first.Header().Get("X-Cache"))
	}
	etag := first.Header().Get("ETag")
	if !strings.HasPrefix(etag, `"`) || strings.HasPrefix(etag, "W/") {
		t.Errorf("ETag %q is not a strong tag", etag)
	}
	if first.Header().Get("Last-Modified") == "" || !strings.Contains(first.Header().Get("Vary"), "Accept-Encoding") {
		t.Error("Last-Modified or Vary missing")
	}

	t.Run("second request is a hit with the same bytes", func(t *testing.T) {
		second := fx.get(path)
		if second.Header().Get("X-Cache") != "hit" || second.Body.String() != first.Body.String() || second.Header().Get("ETag") != etag {
			t.Errorf("X-Cache %q, same body %v", second.Header().Get("X-Cache"), second.Body.String() == first.Body.String())
		}
	})
	t.Run("If-None-Match answers 304", func(t *testing.T) {
		rec := fx.get(path, "If-None-Match", etag)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("status %d, %d bytes", rec.Code, rec.Body.Len())
		}
		rec = fx.get(path, "If-None-Match", `"something-else"`)
		if rec.Code != 200 {
			t.Errorf("a stale tag got %d", rec.Code)
		}
	})
	t.Run("gzip when asked, identity otherwise", func(t *testing.T) {
		rec := fx.get(path, "Accept-Encoding", "br;q=1, gzip;q=0.8")
		if rec.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("Content-Encoding %q", rec.Header().Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		if readAll(t, zr) != first.Body.String() {
			t.Error("the gzip body differs from the page")
		}
		if rec.Header().Get("ETag") == etag {
			t.Error("the gzip representation has the identity ETag")
		}
		if again := fx.get(path, "Accept-Encoding", "gzip", "If-None-Match", rec.Header().Get("ETag")); again.Code != http.StatusNotModified {
			t.Errorf("gzip tag revalidation: %d", again.Code)
		}
		if rec := fx.get(path, "Accept-Encoding", "gzip;q=0"); rec.Header().Get("Content-Encoding") != "" {
			t.Error("gzip sent though refused")
		}
	})
	t.Run("HEAD has headers and no body", func(t *testing.T) {
		rec := serve(t, fx.site.Handler(), http.MethodHead, path)
		if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") == "" {
			t.Errorf("HEAD: %d, %d bytes, length %q", rec.Code, rec.Body.Len(), rec.Header().Get("Content-Length"))
		}
	})
	t.Run("404 pages are cached too, without validators", func(t *testing.T) {
		fx.get("/articles/nope")
		rec := fx.get("/articles/nope")
		if rec.Code != 404 || rec.Header().Get("X-Cache") != "hit" || rec.Header().Get("ETag") != "" {
			t.Errorf("404: %d, X-Cache %q, ETag %q", rec.Code, rec.Header().Get("X-Cache"), rec.Header().Get("ETag"))
		}
	})
	t.Run("the health check is never cached", func(t *testing.T) {
		fx.get("/healthz")
		rec := fx.get("/healthz")
		if rec.Header().Get("X-Cache") != "" || rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("healthz X-Cache %q, Cache-Control %q", rec.Header().Get("X-Cache"), rec.Header().Get("Cache-Control"))
		}
	})
}

// TestChangesShowAfterWatchTicks writes through a second store opened on
// the same database, as another process would, and waits for the change
// to show on pages the site has cached.
func TestChangesShowAfterWatchTicks(t *testing.T) {
	databases := []struct {
		name string
		open func(t *testing.T) (*store.Store, *store.Store)
	}{
		{"sqlite", func(t *testing.T) (*store.Store, *store.Store) {
			dir := t.TempDir()
			return testutil.OpenStore(t, dir, ""), testutil.OpenStore(t, dir, "")
		}},
		{"postgres", func(t *testing.T) (*store.Store, *store.Store) {
			u := testutil.PostgresURL(t)
			return testutil.OpenStore(t, "", u), testutil.OpenStore(t, "", u)
		}},
	}
	for _, db := range databases {
		t.Run(db.name, func(t *testing.T) {
			mine, other := db.open(t)
			fx := newFixture(t, mine)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			go fx.site.WatchChanges(ctx, 20*time.Millisecond)

			// The watcher's first poll drops the cache once; after it the
			// home page stays cached.
			waitFor(t, "the home page to be cached", func() bool {
				return fx.get("/").Header().Get("X-Cache") == "hit"
			})
			if strings.Contains(fx.get("/").Body.String(), "Breaking news") {
				t.Fatal("the article shows before it is written")
			}
			a := news.Article{
				Slug: "breaking", Title: "Breaking news", Body: "Now.", BodyHTML: "<p>Now.</p>",
				Language: "en", Format: news.FormatMarkdown,
				Status: news.StatusPublished, PublishedAt: fx.now.Add(-time.Minute),
			}
			if err := other.CreateArticle(t.Context(), &a, "other process"); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the new article on the home page", func() bool {
				return strings.Contains(fx.get("/").Body.String(), "Breaking news")
			})

			// A settings change shows on every page, too.
			settings := testSettings()
			settings.Tagline = "Changed elsewhere"
			if err := other.SaveSettings(t.Context(), settings); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the new tagline", func() bool {
				return strings.Contains(fx.get("/articles/talks-resume").Body.String(), "Changed elsewhere")
			})
		})
	}
}

// TestFutureDatedArticleAppearsWhenDue checks that an article published
// with a future date shows once its time comes, though nothing is written
// to the store then.
func TestFutureDatedArticleAppearsWhenDue(t *testing.T) {
	fx := newFixture(t, testutil.NewSQLiteStore(t))
	var clock atomic.Int64
	clock.Store(fx.now.UnixNano())
	fx.site = fx.newSiteWith(func() time.Time { return time.Unix(0, clock.Load()) })
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go fx.site.WatchChanges(ctx, 10*time.Millisecond)

	waitFor(t, "the home page to be cached", func() bool {
		return fx.get("/").Header().Get("X-Cache") == "hit"
	})
	if strings.Contains(fx.get("/").Body.String(), "Dated in the future") {
		t.Fatal("the article shows before its date")
	}
	fx.page("/articles/future-dated", 404)
	clock.Store(fx.futurePublished.PublishedAt.Add(time.Second).UnixNano())
	waitFor(t, "the article on the home page once due", func() bool {
		return strings.Contains(fx.get("/").Body.String(), "Dated in the future")
	})
	fx.page("/articles/future-dated", 200)
}

// waitFor polls cond until it holds or a deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
