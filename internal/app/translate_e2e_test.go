package app_test

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/config"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/testutil"
)

// TestReaderAsksForSpanishAndApertiumTranslates is the on-request mode
// end to end: a running server with the installed Apertium engine, a
// reader asking for an untranslated Spanish page gets the original with
// a notice, the queue translates it, and the next visit reads Spanish
// with the article's markup intact.
func TestReaderAsksForSpanishAndApertiumTranslates(t *testing.T) {
	if _, err := exec.LookPath("apertium"); err != nil {
		if os.Getenv("BYLINE_TEST_REQUIRE_ALL") == "1" {
			t.Fatal("apertium is not installed and BYLINE_TEST_REQUIRE_ALL=1 (apt-get install apertium apertium-eng-spa)")
		}
		t.Skip("apertium is not installed (apt-get install apertium apertium-eng-spa)")
	}
	eachDatabase(t, func(t *testing.T, dataDir, dbURL string) {
		ctx := context.Background()
		st := testutil.OpenStore(t, dataDir, dbURL)
		set, err := st.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		set.Translation = news.TranslationSettings{
			Default:   news.LanguageRoute{Mode: news.ModeOff},
			Languages: map[string]news.LanguageRoute{"es": {Mode: news.ModeOnRequest, Providers: []string{"apertium"}}},
		}
		if err := st.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		if _, _, err := publishing.New(st, render.New(), publishing.Options{}).Create(ctx, publishing.Input{
			Title:   "The library opens on Sundays",
			Body:    "The central **library** will open on Sundays this winter.\n\nOpening times are on the [library's website](https://library.example.org/hours).",
			Status:  news.StatusPublished,
			Authors: []publishing.AuthorRef{{Name: "Amara Lind"}},
		}, "test"); err != nil {
			t.Fatal(err)
		}
		srv := startServer(t, dataDir, dbURL, func(c *config.Config) { c.Translate.Apertium = "cli" })

		code, body := get(t, srv.url+"/es/articles/the-library-opens-on-sundays")
		if code != http.StatusOK || !strings.Contains(body, "notice-untranslated") || !strings.Contains(body, "The library opens on Sundays") {
			t.Fatalf("first visit: %d, want the original with the untranslated notice", code)
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			_, body = get(t, srv.url+"/es/articles/the-library-opens-on-sundays")
			if strings.Contains(strings.ToLower(body), "biblioteca") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("no Spanish after 30 s:\n%.2000s", body)
			}
			time.Sleep(200 * time.Millisecond)
		}
		for _, want := range []string{"<strong>", `<a href="https://library.example.org/hours" rel="noopener noreferrer">`, "notice-machine", `<html lang="es" dir="ltr">`} {
			if !strings.Contains(body, want) {
				t.Errorf("the translated page lacks %q", want)
			}
		}
		if strings.Contains(body, "notice-untranslated") || strings.Contains(body, `name="robots" content="noindex"`) {
			t.Error("the translated page still says it is untranslated or noindex")
		}
		// French is off: it stays untranslated and nothing is queued.
		if _, body := get(t, srv.url+"/fr/articles/the-library-opens-on-sundays"); !strings.Contains(body, "notice-untranslated") {
			t.Error("French (off) shows something other than the original")
		}
	})
}
