package queue_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/queue"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translation"
)

// shouting "translates" into German by upper-casing text outside tags;
// the queue's tests need an engine that answers at once. The engines
// are tested in their own packages, Apertium for real.
type shouting struct {
	mu    sync.Mutex
	calls int
}

func (*shouting) Name() string                                   { return "shouting" }
func (*shouting) Supports(_ context.Context, _, dst string) bool { return dst == "de" }
func (e *shouting) Translate(_ context.Context, _, _ string, texts []string) ([]string, error) {
	e.mu.Lock()
	e.calls++
	e.mu.Unlock()
	out := make([]string, len(texts))
	for i, t := range texts {
		var b strings.Builder
		in, entity := false, false
		for _, c := range t {
			switch c {
			case '<':
				in = true
			case '>':
				in = false
			case '&':
				entity = true
			case ';':
				entity = false
			}
			if in || entity {
				b.WriteRune(c)
			} else {
				b.WriteString(strings.ToUpper(string(c)))
			}
		}
		out[i] = b.String()
	}
	return out, nil
}

func TestEagerLanguagesAreTranslatedByTheSweep(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		rd := render.New()
		engine := &shouting{}
		svc := translation.New(st, i18n.Default(), translation.Options{
			Router:  translate.NewRouter([]translate.Provider{engine}, st, testutil.Logger(t)),
			Engines: []string{"shouting"}, Markdown: rd.Markdown, Logger: testutil.Logger(t),
		})
		set, err := st.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		set.Disclaimer = "Views are the authors' own."
		set.Translation = news.TranslationSettings{
			Default:   news.LanguageRoute{Mode: news.ModeOff},
			Languages: map[string]news.LanguageRoute{"de": {Mode: news.ModeEager, Providers: []string{"shouting"}}},
		}
		if err := st.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		pub := publishing.New(st, rd, publishing.Options{})
		a, _, err := pub.Create(ctx, publishing.Input{Title: "Bridge closes", Body: "The *bridge* closes on Monday.", Status: news.StatusPublished}, "test")
		if err != nil {
			t.Fatal(err)
		}
		q, err := queue.Open(ctx, st, queue.Options{Work: true, SweepEvery: time.Hour, Translator: svc, TranslateSweepEvery: time.Hour, Logger: testutil.Logger(t)})
		if err != nil {
			t.Fatal(err)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stopCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			q.Stop(stopCtx)
		})
		// Later saves go through a service that tells the queue, as the
		// server's does; the periodic sweep (hourly here) ran at start.
		watched := publishing.New(st, rd, publishing.Options{Watcher: q})
		waitFor(t, 20*time.Second, "the German translation", func() bool {
			tr, err := st.ArticleTranslation(ctx, a.ID, "de")
			return err == nil && tr.Title == "BRIDGE CLOSES" && strings.Contains(tr.BodyHTML, "<em>BRIDGE</em>")
		})
		if _, err := st.ArticleTranslation(ctx, a.ID, "fr"); !news.IsNotFound(err) {
			t.Errorf("French (mode off) was translated too (err %v)", err)
		}
		// The site texts of the eager language are translated too.
		html, _ := rd.Markdown(set.Disclaimer)
		waitFor(t, 20*time.Second, "the German disclaimer", func() bool {
			got, ok := svc.LookupText(ctx, "en", "de", html, true)
			return ok && strings.Contains(got, "VIEWS ARE THE AUTHORS")
		})
		// Tag names are site texts too.
		tagged, _, err := watched.Create(ctx, publishing.Input{Title: "Tagged", Body: "Words.", Status: news.StatusPublished, Tags: []string{"Transport"}}, "test")
		if err != nil || len(tagged.Tags) != 1 {
			t.Fatalf("tagged article: %v", err)
		}
		waitFor(t, 20*time.Second, "the German tag name", func() bool {
			got, ok := svc.LookupText(ctx, "en", "de", "Transport", false)
			return ok && got == "TRANSPORT"
		})
		waitFor(t, 20*time.Second, "the tagged article's translation", func() bool {
			_, err := st.ArticleTranslation(ctx, tagged.ID, "de")
			return err == nil
		})
		// Editing the article queues its new version; only the changed
		// segment goes to the engine.
		engine.mu.Lock()
		before := engine.calls
		engine.mu.Unlock()
		in := publishing.InputFrom(a)
		in.Title = "Bridge closes for a year"
		if _, _, err := watched.Update(ctx, a.ID, in, "test"); err != nil {
			t.Fatal(err)
		}
		waitFor(t, 20*time.Second, "the edited translation", func() bool {
			tr, err := st.ArticleTranslation(ctx, a.ID, "de")
			return err == nil && tr.Title == "BRIDGE CLOSES FOR A YEAR"
		})
		engine.mu.Lock()
		after := engine.calls
		engine.mu.Unlock()
		if after-before != 1 {
			t.Errorf("the edit took %d engine calls, want 1 (the title)", after-before)
		}
	})
}

func TestQueuedTranslationRunsOnce(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		rd := render.New()
		engine := &shouting{}
		svc := translation.New(st, i18n.Default(), translation.Options{
			Router:  translate.NewRouter([]translate.Provider{engine}, st, testutil.Logger(t)),
			Engines: []string{"shouting"}, Markdown: rd.Markdown,
		})
		set, _ := st.Settings(ctx)
		set.Translation = news.TranslationSettings{Default: news.LanguageRoute{Mode: news.ModeOnRequest, Providers: []string{"shouting"}}}
		if err := st.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		a, _, err := publishing.New(st, rd, publishing.Options{}).Create(ctx, publishing.Input{Title: "Ferry times", Body: "Six boats a day.", Status: news.StatusPublished}, "test")
		if err != nil {
			t.Fatal(err)
		}
		src, _ := translation.Split(a)
		q, err := queue.Open(ctx, st, queue.Options{Work: true, SweepEvery: time.Hour, Translator: svc, TranslateSweepEvery: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		// Many readers ask before the worker starts: one job.
		for range 5 {
			if err := q.QueueTranslation(ctx, a.ID, "de", src.Digest); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := q.CountJobs(ctx, "translate_article"); err != nil || n != 1 {
			t.Fatalf("%d translate jobs (%v), want 1", n, err)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stopCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			q.Stop(stopCtx)
		})
		waitFor(t, 20*time.Second, "the translation", func() bool {
			_, err := st.ArticleTranslation(ctx, a.ID, "de")
			return err == nil
		})
	})
}
